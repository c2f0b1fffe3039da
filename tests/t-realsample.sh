#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/realtree-sample, the fidelity sample of a real-tree conversion.
#
# On a synthetic tree and series written here (six tiny 2.4-style files, no
# spatch, a second or so): the sample is the same on every run and in any
# locale, has the size asked for, and a file entering the series moves at
# most one file of it; a file with no verdict or a stale one (its hunks'
# hash changed) is unreviewed and makes --check exit 1; --check passes with
# every verdict current and the Markdown up to date, and fails when the
# Markdown differs; a malformed verdict line is bad input (exit 2); the
# token counts before/after come out right.
#
# With MODREF_REALTREE_OUT=<a modref convert OUT of Linux 2.4.31> (and
# MODREF_REALTREE_SRC, default ../trees/linux-2.4.31) it also runs --check
# over the committed verdicts and semantic-patches/REALTREE-2.4.31.md
# (seconds; the conversion itself takes several minutes and is not done
# here).  Without it that check is skipped.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
S=$top/scripts/realtree-sample

echo "1..11"
T=$(mktemp -d /tmp/t-realsample.XXXXXX)
[ -n "${T_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
. "$top/tests/lib.sh"

# a tree of six small drivers, each counting in its open/release
mkdir -p "$T/src/drivers/char" "$T/src/drivers/block"
for d in alpha beta gamma delta epsilon zeta; do
	dir=char
	case $d in delta|epsilon|zeta) dir=block ;; esac
	cat >"$T/src/drivers/$dir/$d.c" <<EOF
/* $d: a test driver (MOD_INC_USE_COUNT in a comment is not counted) */
static int ${d}_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int ${d}_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations ${d}_fops = {
	.open = ${d}_open,
	.release = ${d}_release,
};

EXPORT_NO_SYMBOLS;
EOF
done
# mkseries OUT FILE...: one patch per directory, the counting removed
mkseries() {
	o=$1
	shift
	mkdir -p "$o"
	: >"$o/series"
	: >"$o/report.txt"
	n=0
	for dir in char block; do
		n=$((n + 1))
		p=$(printf '%04d-%s-convert-to-try_module_get-module_put.patch' "$n" "$dir")
		{
			printf 'Subject: [PATCH] %s\n\n* owner_table (%d files):\n  text\n\n---\n' "$dir" "$#"
			for g; do
				case $g in drivers/$dir/*) ;; *) continue ;; esac
				mkdir -p "$T/new/$(dirname "$g")"
				x=
				[ "$g" != "${EXTRA:-}" ] || x=1d
				sed -e "$x" -e '/_USE_COUNT;$/d' -e '/^EXPORT_NO_SYMBOLS;$/d' "$T/src/$g" >"$T/new/$g"
				(cd "$T" && diff -u --label "a/$g" --label "b/$g" "src/$g" "new/$g" |
					sed "1i diff --git a/$g b/$g") || :
			done
		} >"$o/$p"
		echo "$p" >>"$o/series"
	done
	echo "drivers/char/alpha.c:3: legacy_tokens: legacy token MOD_INC_USE_COUNT left in a comment" >"$o/report.txt"
}
all="drivers/char/alpha.c drivers/char/beta.c drivers/char/gamma.c drivers/block/delta.c drivers/block/epsilon.c"
mkseries "$T/out" $all
: >"$T/verdicts"

run() { "$S" --size 3 --verdicts "$T/verdicts" --md "$T/md" "$@"; }
run --list "$T/out" "$T/src" >"$T/list1"
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 run --list "$T/out" "$T/src" >"$T/list2" 2>/dev/null
check "the sample is the same on a second run and in another locale" cmp "$T/list1" "$T/list2"
check "the sample has the size asked for (3 of 5)" test "$(wc -l <"$T/list1")" -eq 3
check "every sampled file is unreviewed without verdicts" \
	sh -c '! grep -v " unreviewed$" "$1"' sh "$T/list1"

# a sixth file in the series: at most one file of the sample changes
mkseries "$T/out6" $all drivers/block/zeta.c
run --list "$T/out6" "$T/src" >"$T/list6"
check "a file entering the series moves at most one sampled file" \
	test "$(cut -d' ' -f1 "$T/list1" "$T/list6" | sort | uniq -u | wc -l)" -le 2

rc=0
run --check "$T/out" "$T/src" >"$T/check.out" || rc=$?
check "--check exits 1 with unreviewed files and names them" \
	sh -c 'test "$1" -eq 1 && test "$(grep -c ": unreviewed (no verdict)$" "$2")" -eq 3' sh "$rc" "$T/check.out"

# verdicts for the sample, then write and check
awk '{ printf "%s\tcorrect\t%s\treads right\n", $1, $2 }' "$T/list1" >"$T/verdicts"
run "$T/out" "$T/src" 2>/dev/null
check "--check passes with current verdicts and the Markdown written" run --check "$T/out" "$T/src"
check "the Markdown has the score and one row per sampled file" \
	sh -c 'grep -q "^\*\*3/3 correct\*\*, 0 partial, 0 wrong, 0 unreviewed" "$1" &&
		test "$(grep -c "^| [0-9] | .* | correct | " "$1")" -eq 3' sh "$T/md"
check "token counts: 18 before, 3 after (zeta is not in the series; comments do not count)" \
	sh -c 'grep -q "^| \`MOD_INC_USE_COUNT\` | 6 | 1 |$" "$1" &&
		grep -q "^| \`EXPORT_NO_SYMBOLS\` | 6 | 1 |$" "$1" &&
		grep -q "^| all | 18 | 3 |$" "$1"' sh "$T/md"

# the result of one file changes: its verdict is stale
f=$(head -n 1 "$T/list1" | cut -d' ' -f1)
h=$(head -n 1 "$T/list1" | cut -d' ' -f2)
rm -rf "$T/new"
EXTRA=$f mkseries "$T/outx" $all
rc=0
run --check "$T/outx" "$T/src" >"$T/check.out" || rc=$?
check "a verdict recorded for other hunks is stale: unreviewed, --check exits 1" \
	sh -c 'test "$1" -eq 1 && test "$(wc -l <"$2")" -eq 2 &&
		grep -q "^$3: unreviewed (stale verdict (correct, hunks $4, now " "$2"' sh "$rc" "$T/check.out" "$f" "$h"

printf 'drivers/char/alpha.c\tfine\t0123456789ab\tx\n' >"$T/verdicts"
rc=0
run --check "$T/out" "$T/src" >/dev/null 2>"$T/err" || rc=$?
check "a malformed verdict line is bad input (exit 2, the line named)" \
	sh -c 'test "$1" -eq 2 && grep -q "verdicts: line 1: " "$2"' sh "$rc" "$T/err"

# the real tree, when a conversion of it is at hand
real=${MODREF_REALTREE_OUT:-}
src=${MODREF_REALTREE_SRC:-$top/../trees/linux-2.4.31}
if [ -n "$real" ] && [ -f "$real/series" ] && [ -d "$src" ]; then
	check "Linux 2.4.31: every sampled file has a current verdict and REALTREE-2.4.31.md is up to date" \
		"$S" --check "$real" "$src"
else
	ok "Linux 2.4.31: the committed verdicts # SKIP MODREF_REALTREE_OUT (a modref convert OUT of the tree) not set"
fi
