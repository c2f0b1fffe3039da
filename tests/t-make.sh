#!/bin/sh
# tests/t-make.sh: `make`, the entry point a new user types, end to end on a
# clean copy of this checkout (the files git knows, without build/), with a
# short selection so make check stays within minutes:
#   KERNELS="6.1 debug" FAMILIES=busmouse CYCLES=3
# (override with T_MAKE_KERNELS, T_MAKE_FAMILIES).  The debug kernel is the
# cached one ($MODREF_CACHE, default /var/cache/modref) when it is there; when
# it is not, this builds it (minutes, once per machine), which is the
# fresh-machine path.  Then a committed patch is changed in the copy: `make`
# must stop before building, naming the patch.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-make.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

kernels=${T_MAKE_KERNELS:-6.1 debug}
families=${T_MAKE_FAMILIES:-busmouse}
nk=$(echo "$kernels" | wc -w)
nf=$(echo "$families" | wc -w)
# fixed checks + one verdict line per kernel, family and variant
echo "1..$((6 + nk * nf * 2))"

# a clean copy: the files git tracks or would track, nothing of build/
clone=$tmp/modref
mkdir "$clone"
(cd "$top" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
	tar --null -T - -cf -) | tar -xf - -C "$clone"
if [ -x "$clone/scripts/modref-all" ] && [ ! -e "$clone/build" ]; then
	echo "ok - clean copy of the checkout, no build/"
else
	echo "not ok - clean copy of the checkout, no build/"
fi

if "$clone/verify/debug-kernel.sh" --print >/dev/null 2>&1; then
	echo "# the debug kernel is cached: make reuses it"
else
	echo "# the debug kernel is not cached: make builds it (minutes)"
fi

t0=$(date +%s)
rc=0
(cd "$clone" && KERNELS=$kernels FAMILIES=$families CYCLES=3 \
	make >"$tmp/make.out" 2>"$tmp/make.err") || rc=$?
secs=$(($(date +%s) - t0))
echo "# make: exit $rc after $secs s"
if [ "$rc" -eq 0 ]; then
	echo "ok - make exits 0 ($secs s)"
else
	echo "not ok - make exits 0 (exit $rc)"
	tail -n 15 "$tmp/make.err" | sed 's/^/# /'
fi

steps=$(grep -c '^modref: == [1-4]/4 ' "$tmp/make.err" || true)
if [ "$steps" -eq 4 ]; then
	echo "ok - make ran its four steps"
else
	echo "not ok - make ran its four steps ($steps)"
fi

# what was verified is what make's convert step produced
if [ -f "$clone/build/make/tree/$(echo "$families" | awk '{ print $1 }')/series" ] &&
	grep -q "^verified tree:" "$tmp/make.out"; then
	echo "ok - make verifies its own convert output (build/make/tree)"
else
	echo "not ok - make verifies its own convert output (build/make/tree)"
fi

# one verdict per kernel, family and variant in the summary, as expected
for k in $kernels; do
	rel=$k
	case $k in
	debug) rel=$("$top/verify/debug-kernel.sh" --print 2>/dev/null | awk '{ print $1 }') || rel=debug ;;
	*) rel=$("$top/scripts/kernels.sh" "$k" 2>/dev/null | awk '{ print $1 }') || rel=$k ;;
	esac
	for f in $families; do
		for v in legacy converted; do
			line=$(grep -E "^verify: \[[0-9]+/[0-9]+\] $rel $f $v: (pass|fail)," "$tmp/make.err" | tail -n 1)
			case "$line" in
			*", as expected,"*) echo "ok - $k $f $v: ${line#*"$v: "}" ;;
			'') echo "not ok - $k $f $v: no verdict" ;;
			*) echo "not ok - $k $f $v: ${line#*"$v: "}" ;;
			esac
		done
	done
done

# drift: a changed committed patch stops make before anything builds,
# naming the patch
fam=$(echo "$families" | awk '{ print $1 }')
p=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$clone/converted-drivers/$fam/patches/series" |
	grep -v -e '-hand-' | head -n 1)
printf '+ drift\n' >>"$clone/converted-drivers/$fam/patches/$p"
rc=0
(cd "$clone" && KERNELS=6.1 FAMILIES=$fam CYCLES=3 \
	make >"$tmp/drift.out" 2>"$tmp/drift.err") || rc=$?
if [ "$rc" -ne 0 ] && grep -q "modref: $fam: .*$p" "$tmp/drift.err"; then
	echo "ok - make stops on a drift from the committed series, naming $p"
else
	echo "not ok - make stops on a drift from the committed series, naming $p (exit $rc)"
	tail -n 5 "$tmp/drift.err" | sed 's/^/# /'
fi
newko=$(find "$clone/build" -name '*.ko' -newer "$clone/converted-drivers/$fam/patches/$p" | head -n 1)
if grep -q '^modref: == 2/4 ' "$tmp/drift.err" || [ -n "$newko" ]; then
	echo "not ok - nothing is built after a drift${newko:+ ($newko)}"
else
	echo "ok - nothing is built after a drift"
fi
