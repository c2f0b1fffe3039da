#!/bin/sh
# linux-source.sh [CACHE] - extract Debian's linux-source-6.1 tarball once and
# print the path of the tree.  The tree lives outside the repo (default
# /var/cache/modref/linux-source-6.1, override with CACHE or MODREF_LINUX_SRC);
# later calls reuse it.  Extraction goes to a temp dir that is renamed into
# place, so an interrupted run never leaves a half tree behind.
set -eu

tarball=${MODREF_LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
dest=${1:-${MODREF_LINUX_SRC:-/var/cache/modref/linux-source-6.1}}

if [ -f "$dest/.modref-extracted" ]; then
	printf '%s\n' "$dest"
	exit 0
fi
if [ ! -r "$tarball" ]; then
	echo "linux-source.sh: $tarball: not readable (apt-get install linux-source-6.1)" >&2
	exit 1
fi
if [ -e "$dest" ]; then
	echo "linux-source.sh: $dest: exists but is not a finished extraction; remove it" >&2
	exit 1
fi
parent=$(dirname "$dest")
mkdir -p "$parent"
tmp=$(mktemp -d "$dest.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM HUP
echo "linux-source.sh: extracting $tarball to $dest" >&2
tar -xJf "$tarball" -C "$tmp" --strip-components=1
: >"$tmp/.modref-extracted"
mv "$tmp" "$dest"
trap - EXIT INT TERM HUP
printf '%s\n' "$dest"
