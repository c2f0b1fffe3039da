#!/bin/sh
# kernels.sh [NAME ...]: resolve kernel names to "<release> <build-dir> <image>".
#
# NAME is a short name (6.1, 6.12: the newest installed Debian -amd64 kernel of
# that series; debug: the KASAN/lockdep/kmemleak kernel of verify/), a full
# release (6.1.0-56-amd64) or the absolute path of a kernel build tree.
# Without NAME (or with KERNELS unset) every installed Debian 6.1 and 6.12
# kernel with headers is listed.  <image> is "-" when no bootable image is
# known (headers only).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
modroot=${MODREF_MODULES_ROOT:-/lib/modules}
bootdir=${MODREF_BOOT_DIR:-/boot}

die() {
	echo "kernels: $*" >&2
	exit 1
}

emit() {	# release build-dir
	img=-
	[ -r "$bootdir/vmlinuz-$1" ] && img=$bootdir/vmlinuz-$1
	echo "$1 $2 $img"
}

series() {	# 6.1 -> newest installed 6.1.*-amd64 release with headers
	best=
	for d in "$modroot"/"$1".*-amd64 "$modroot"/"$1".*+*-amd64; do
		[ -d "$d/build" ] || continue
		r=${d##*/}
		# 6.1 must not match 6.12
		case "$r" in
		"$1".[0-9]*) ;;
		*) continue ;;
		esac
		rest=${r#"$1".}
		case "$rest" in
		[0-9]*) ;;
		*) continue ;;
		esac
		best=$(printf '%s\n%s\n' "$best" "$r" | sed '/^$/d' | sort -V | tail -n 1)
	done
	[ -n "$best" ] || return 1
	emit "$best" "$modroot/$best/build"
}

resolve() {
	case "$1" in
	debug)
		out=$("$top/verify/debug-kernel.sh" --print) ||
			die "debug: verify/debug-kernel.sh failed"
		set -- $out
		echo "$1 $3 $2"
		;;
	/*)
		[ -f "$1/Makefile" ] || die "$1: not a kernel build tree (no Makefile)"
		rel=$(make -s -C "$1" kernelrelease 2>/dev/null) ||
			die "$1: cannot read kernelrelease"
		img=-
		[ -r "$1/arch/x86/boot/bzImage" ] && img=$1/arch/x86/boot/bzImage
		echo "$rel $1 $img"
		;;
	[0-9]*.[0-9]*-* | [0-9]*.[0-9]*.[0-9]*)
		[ -d "$modroot/$1/build" ] ||
			die "$1: no headers in $modroot/$1/build; run 'make deps'"
		emit "$1" "$modroot/$1/build"
		;;
	[0-9]*.[0-9]*)
		series "$1" ||
			die "$1: no Debian $1 -amd64 kernel headers installed; run 'make deps'"
		;;
	*)
		die "$1: unknown kernel name (use 6.1, 6.12, debug, a release or a build-dir path)"
		;;
	esac
}

if [ $# -eq 0 ]; then
	found=0
	for s in 6.1 6.12; do
		if series "$s"; then
			found=1
		fi
	done
	[ "$found" = 1 ] ||
		die "no Debian 6.1 or 6.12 kernel headers installed; run 'make deps'"
	exit 0
fi

for k in "$@"; do
	resolve "$k"
done
