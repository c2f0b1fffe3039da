#!/bin/sh
# make deps: install every Debian package modref needs.
# Meta packages only (never an ABI number), idempotent, quick when all is there.
set -eu

PKGS="make gcc libc6-dev pkg-config libjson-c-dev libcmocka-dev diffutils \
coccinelle python3 quilt patch diffstat git \
qemu-system-x86 busybox-static cpio gzip xz-utils zstd binutils kmod sparse \
linux-image-amd64 linux-headers-amd64 \
linux-image-6.12-amd64 linux-headers-6.12-amd64 \
linux-source-6.1 bc flex bison libelf-dev libssl-dev dwarves lz4 \
pkg-config libjson-c-dev libcmocka-dev libxml2-utils"

# shellcheck disable=SC2086
have=$(dpkg-query -W -f '${Package} ${Status}\n' $PKGS 2>/dev/null |
	awk '$NF == "installed" { print $1 }')
missing=""
for p in $PKGS; do
	case " $(echo $have) " in
	*" $p "*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "deps: all $(echo $PKGS | wc -w) packages installed"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: need root to install:$missing" >&2
	exit 1
fi

echo "deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -q >/tmp/modref-apt-update.log 2>&1; then
	echo "deps: apt-get update failed (Debian archive unreachable?), see /tmp/modref-apt-update.log" >&2
	exit 1
fi
# shellcheck disable=SC2086
if ! apt-get install -y -q --no-install-recommends $missing >/tmp/modref-apt-install.log 2>&1; then
	echo "deps: apt-get install failed:$(tail -n 1 /tmp/modref-apt-install.log), see /tmp/modref-apt-install.log" >&2
	exit 1
fi
echo "deps: installed:$missing"
