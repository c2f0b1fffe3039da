#!/bin/sh
# build-all.sh "KERNELS" "VARIANTS" "FAMILIES": make build.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kernels=$1 variants=$2 families=$3

# shellcheck disable=SC2086
list=$("$top/scripts/kernels.sh" $kernels)
n=0
total=0
for v in $variants; do
	for f in $families; do
		[ -d "$top/converted-drivers/$f/$v" ] && total=$((total + 1))
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
			if [ ! -d "$top/converted-drivers/$f/$v" ]; then
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
