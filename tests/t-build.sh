#!/bin/sh
# Every family's variants build against every installed default kernel
# (Debian 6.1 and 6.12) with no warning but the intended deprecation ones
# (legacy variant: one per remaining 2.4 API use).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
# the normal output dir: make verify (tests/t-verify.sh) reuses these builds
MODREF_BUILD=$top/build

kernels=$(scripts/kernels.sh) || {
	echo "1..1"
	echo "not ok - kernel headers for 6.1 and 6.12 installed"
	exit 1
}
# plan: 2 header checks, then 3 checks per kernel and family variant
nb=0
for fdir in converted-drivers/*/; do
	for v in legacy converted; do
		[ -f "$fdir/$v/Kbuild" ] && nb=$((nb + 1))
	done
done
echo "1..$((2 + 3 * nb * $(echo "$kernels" | grep -c .)))"
for s in 6.1 6.12; do
	if echo "$kernels" | grep -q "^$s\.[0-9]"; then
		echo "ok - $s headers installed"
	else
		echo "not ok - $s headers installed"
	fi
done

echo "$kernels" | while read -r rel kdir _img; do
	for fdir in converted-drivers/*/; do
		f=$(basename "$fdir")
		for v in legacy converted; do
			[ -f "$fdir/$v/Kbuild" ] || continue
			what="$f $v builds on $rel"
			if ! scripts/build.sh "$kdir" "$rel" "$v" "$f" >/dev/null 2>&1; then
				echo "not ok - $what"
				tail -n 20 "$MODREF_BUILD/$rel/$v/$f.failed.log" | sed 's/^/# /'
				echo "not ok - $f $v on $rel: warnings (not built)"
				echo "not ok - $f $v on $rel: deprecations (not built)"
				continue
			fi
			echo "ok - $what"
			log=$MODREF_BUILD/$rel/$v/$f/build.log
			other=$(grep -E 'warning:' "$log" | grep -v 'Wdeprecated-declarations' || true)
			if [ -n "$other" ]; then
				echo "not ok - $f $v on $rel: no warning but deprecation"
				echo "$other" | head -n 10 | sed 's/^/# /'
			else
				echo "ok - $f $v on $rel: no warning but deprecation"
			fi
			ndep=$(grep -c 'Wdeprecated-declarations' "$log")
			if [ "$v" = legacy ]; then
				# the legacy build must show its legacy calls
				if [ "$ndep" -gt 0 ]; then
					echo "ok - $f legacy on $rel: $ndep legacy API uses reported as deprecated"
				else
					echo "not ok - $f legacy on $rel: legacy API uses reported as deprecated"
				fi
			elif [ "$ndep" -ne 0 ]; then
				echo "not ok - $f $v on $rel: no deprecated API left ($ndep found)"
			else
				echo "ok - $f $v on $rel: no deprecated API left"
			fi
		done
	done
done
