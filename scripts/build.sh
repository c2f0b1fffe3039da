#!/bin/sh
# build.sh KDIR RELEASE VARIANT FAMILY: build one family's modules.
#
# Copies converted-drivers/FAMILY/VARIANT/ (MODREF_TREE/FAMILY/VARIANT/ when
# MODREF_TREE is set: `make` builds what its own convert step produced) to a
# temporary directory, appends
# the compat include path (NOSTDINC_FLAGS, so it comes before the kernel's own
# include dirs and <linux/module.h> resolves to compat first) and, for the
# legacy variant, the opt-in legacy API, runs kbuild there, and renames the
# result to build/RELEASE/VARIANT/FAMILY/ (with build.log) only on success.
set -eu

[ $# -eq 4 ] || {
	echo "usage: build.sh KDIR RELEASE VARIANT FAMILY" >&2
	exit 2
}
kdir=$1 rel=$2 variant=$3 family=$4
top=$(cd "$(dirname "$0")/.." && pwd)
src=${MODREF_TREE:-$top/converted-drivers}/$family/$variant
out=${MODREF_BUILD:-$top/build}/$rel/$variant/$family

[ -f "$src/Kbuild" ] || {
	echo "build: $src/Kbuild: missing (no $variant variant of $family)" >&2
	exit 1
}
[ -f "$kdir/Makefile" ] || {
	echo "build: $kdir: no kernel build tree; run 'make deps'" >&2
	exit 1
}

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -R "$src/." "$tmp/"
{
	echo
	echo "# added by modref scripts/build.sh"
	echo "NOSTDINC_FLAGS += -I$top/compat/include"
	# the verifier's rendezvous helper (verify/include/modref_rendezvous.h)
	echo "ccflags-y += -I$top/verify/include"
	if [ -d "$top/converted-drivers/$family/include" ]; then
		echo "ccflags-y += -I$top/converted-drivers/$family/include"
	fi
	if [ "$variant" = legacy ]; then
		echo "ccflags-y += -DMODREF_LEGACY_API -Wdeprecated-declarations"
	fi
} >>"$tmp/Kbuild"

if ! make -C "$kdir" M="$tmp" -j"${MODREF_JOBS:-2}" modules \
	>"$tmp/build.log" 2>&1; then
	log=$out.failed.log
	cp "$tmp/build.log" "$log"
	echo "build: $family/$variant for $rel failed: $(grep -m1 -E 'error|Error' "$log" || tail -n 1 "$log") (log: $log)" >&2
	exit 1
fi
# kbuild records the absolute path of the temporary dir in its .cmd files;
# they are not needed once the modules are built.
rm -rf "$out" "$out.failed.log"
mv "$tmp" "$out"
trap - EXIT INT TERM
echo "build: $rel $variant $family: $(cd "$out" && ls *.ko | tr '\n' ' ')"
