#!/bin/sh
# build-all.sh "KERNELS" "VARIANTS" "FAMILIES": make build (empty VARIANTS or
# FAMILIES: all of them; empty KERNELS: every installed Debian kernel).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tree=${MODREF_TREE:-$top/converted-drivers}
kernels=$1 variants=${2:-legacy converted} families=$3
if [ -z "$families" ]; then
	for d in "$top"/converted-drivers/*/family.conf; do
		[ -e "$d" ] || continue
		d=${d%/family.conf}
		families="$families ${d##*/}"
	done
fi

MODREF_ME=build "$top/scripts/check-params" KERNELS="$kernels" VARIANTS="$variants" \
	FAMILIES="$families" || exit 2
# the debug kernel is built (once, cached, with progress) before its modules
case " $kernels " in
*" debug "*) "$top/verify/debug-kernel.sh" >/dev/null || exit 1 ;;
esac
# shellcheck disable=SC2086
list=$("$top/scripts/kernels.sh" $kernels)
n=0
total=0
for v in $variants; do
	for f in $families; do
		[ -d "$tree/$f/$v" ] && total=$((total + 1))
	done
done
total=$((total * $(echo "$list" | wc -l)))
start=$(date +%s)
echo "$list" | while read -r rel kdir _img; do
	for v in $variants; do
		for f in $families; do
			[ -d "$top/converted-drivers/$f" ] || {
				echo "build: $f: no such family in converted-drivers/" >&2
				exit 1
			}
			if [ ! -d "$tree/$f/$v" ]; then
				echo "build: $f: no $v variant yet, skipped" >&2
				continue
			fi
			n=$((n + 1))
			printf 'build: [%d/%d] %s %s %s\n' "$n" "$total" "$rel" "$v" "$f" >&2
			"$top/scripts/build.sh" "$kdir" "$rel" "$v" "$f" >/dev/null
		done
	done
done
echo "build: done in $(($(date +%s) - start)) s, modules under build/"
