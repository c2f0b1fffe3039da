#!/bin/sh
# t-macros.sh: semantic-patches/macros-2.4.h, the macro file every spatch
# run gets.
#  - one hand-written 2.4-style file per macro family
#    (tests/fixtures/macros/*.c): it parses with the macro file, and (the
#    negative control) it does not parse without it;
#  - when the Linux 2.4.31 tarball is there (../shared/trees/
#    linux-2.4.31.tar.xz next to the repo, or TREE=), a fixed sample of its
#    candidate files (parse-stats --sample 20: every 20th candidate and
#    every candidate that uses a name of the macro file) is parsed without
#    and with the macro file: no crash, the macro file removes code parse
#    failures, no file parses worse with it, and (negative control) without
#    it the sample has more than 1% of its files failing in code.  The
#    rates are printed as diagnostics; the full-tree numbers come from
#    `semantic-patches/parse-stats <tree>` (see semantic-patches/README.md).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
macros=$top/semantic-patches/macros-2.4.h
stats=$top/semantic-patches/parse-stats
fix=$top/tests/fixtures/macros
tree=${TREE:-../shared/trees/linux-2.4.31.tar.xz}

cases=$(cd "$fix" && ls *.c)
ncases=$(echo "$cases" | wc -l)
echo "1..$((2 * ncases + 5))"

if ! command -v spatch >/dev/null 2>&1; then
	echo "not ok - spatch is installed (apt-get install coccinelle)"
	exit 1
fi
if [ -f "$macros" ] && [ -r "$macros" ]; then
	echo "ok - semantic-patches/macros-2.4.h exists"
else
	echo "not ok - semantic-patches/macros-2.4.h exists"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/t-macros.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# problems FILE [MACROOPT]: spatch's count of files with a parse problem
problems() {
	f=$1
	shift
	(cd "$work/c" && spatch --parse-c --no-includes "$@" "$f") 2>&1 |
		sed -n 's/^NB total files = .*pbs = \([0-9]*\);.*/\1/p'
}

mkdir "$work/c"
for c in $cases; do
	cp "$fix/$c" "$work/c/$c"
	family=${c%.c}
	w=$(problems "$c" --macro-file "$macros")
	if [ "$w" = 0 ]; then
		echo "ok - $family: parses with macros-2.4.h"
	else
		echo "not ok - $family: parses with macros-2.4.h (pbs=${w:-none})"
		(cd "$work/c" && spatch --parse-c --no-includes --macro-file "$macros" "$c") 2>&1 |
			grep -E '^(BAD|parse error)' | sed 's/^/# /'
	fi
	wo=$(problems "$c")
	if [ "$wo" = 1 ]; then
		echo "ok - negative control: $family does not parse without it"
	else
		echo "not ok - negative control: $family does not parse without it (pbs=${wo:-none})"
	fi
done

if [ ! -e "$tree" ]; then
	for w in "sample parsed, no crash" "macros-2.4.h removes code parse failures" \
		"no file parses worse with macros-2.4.h" \
		"negative control: over 1% of the sample fails without macros-2.4.h"; do
		echo "ok - 2.4.31 sample: $w # SKIP no $tree"
	done
	exit 0
fi

rc=0
"$stats" -j 2 --sample 20 --top 10 --errors "$work/errs" "$tree" >"$work/out" 2>&1 || rc=$?
sed 's/^/# /' "$work/out"
get() { # RUN KEY: a number of parse-stats' "result RUN key=N ..." line
	awk -v r="$1" -v k="$2" '$1 == "result" && $2 == r {
		for (i = 3; i <= NF; i++)
			if (index($i, k "=") == 1)
				print substr($i, length(k) + 2)
	}' "$work/out"
}
n=$(get with candidates)
cw=$(get with code_files)
cwo=$(get without code_files)
crw=$(get with crashed)
crwo=$(get without crashed)
if [ "$rc" -eq 0 ] && [ -n "$n" ] && [ "$n" -gt 0 ] && [ "${crw:-1}" = 0 ] && [ "${crwo:-1}" = 0 ]; then
	echo "ok - 2.4.31 sample: sample parsed, no crash ($n files)"
else
	echo "not ok - 2.4.31 sample: sample parsed, no crash (exit $rc, crashed ${crw:-?}/${crwo:-?})"
	n=${n:-0}
fi
if [ -n "$cw" ] && [ -n "$cwo" ] && [ "$cw" -lt "$cwo" ]; then
	echo "ok - 2.4.31 sample: macros-2.4.h removes code parse failures ($cwo -> $cw of $n files)"
else
	echo "not ok - 2.4.31 sample: macros-2.4.h removes code parse failures (${cwo:-?} -> ${cw:-?})"
fi
# files failing in code with the macro file must all fail without it
failing() { # RUN
	awk -F '\t' -v r="$1" '$1 == r && $2 != "define" {
		f = $3; sub(/:[0-9]+( .*)?$/, "", f); print f }' "$work/errs" | LC_ALL=C sort -u
}
failing with >"$work/fw"
failing without >"$work/fwo"
worse=$(LC_ALL=C comm -23 "$work/fw" "$work/fwo")
if [ -s "$work/errs" ] && [ -z "$worse" ]; then
	echo "ok - 2.4.31 sample: no file parses worse with macros-2.4.h"
else
	echo "not ok - 2.4.31 sample: no file parses worse with macros-2.4.h"
	printf '%s\n' "$worse" | sed 's/^/#   /'
fi
if [ "$n" -gt 0 ] && [ -n "$cwo" ] && [ $((cwo * 100)) -gt "$n" ]; then
	echo "ok - negative control: over 1% of the sample fails without macros-2.4.h ($cwo of $n)"
else
	echo "not ok - negative control: over 1% of the sample fails without macros-2.4.h (${cwo:-?} of $n)"
fi
if [ "$n" -gt 0 ] && [ -n "$cw" ]; then
	pm=$((cw * 10000 / n))
	printf '# with macros-2.4.h: %s of %s sample files fail in code (%d.%02d%%)\n' \
		"$cw" "$n" $((pm / 100)) $((pm % 100))
fi
