#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The committed converted-drivers/<family>/patches/ and converted/ are exactly
# what scripts/regen-converted produces from legacy/ with the current rules and
# convert tool; each series applies with patch -p1 and with git am; converted/
# keeps no 2.4 token beyond what the convert report asks a human to look at.
# Negative controls show that each comparison catches a difference.
#
# MODREF_FAMILIES (default: busmouse hisax mtd netcore) selects the families.
# Runs modref convert once per family (a few seconds each).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
families=${MODREF_FAMILIES:-busmouse hisax mtd netcore}
tokens='MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT try_inc_mod_count GET_USE_COUNT MOD_IN_USE SET_MODULE_OWNER EXPORT_NO_SYMBOLS'

# plan: 5 checks per family, 8 negative controls on the first one
echo "1..$((5 * $(echo $families | wc -w) + 8))"
T=$(mktemp -d /tmp/t-regen.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

. "$top/tests/lib.sh"

# patches_equal GEN COM: same files, generated ones equal by compare-series,
# every hand-written patch says so
patches_equal() {
	[ -d "$1" ] || { echo "$1: not regenerated"; return 1; }
	scripts/compare-series --exact "$1" "$2" || return 1
	diff -r "$1" "$2" || return 1
	for h in "$2"/*-hand-*; do
		[ -f "$h" ] || continue
		grep -q '^Written by hand, not generated' "$h" ||
			{ echo "$h: body does not say it was written by hand"; return 1; }
	done
}

trees_equal() {
	[ -d "$1" ] || { echo "$1: not regenerated"; return 1; }
	diff -r "$1" "$2"
}

# applies_patch LEGACY PATCHDIR CONVERTED: each patch of the series passes
# patch -p1 --dry-run on the tree with the earlier ones applied; the result
# equals CONVERTED
applies_patch() {
	w=$T/pd.$$
	rm -rf "$w"
	cp -R "$1" "$w"
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		patch -p1 -d "$w" --dry-run --batch --fuzz=0 <"$2/$p" ||
			{ echo "$p: does not apply (dry run)"; return 1; }
		patch -p1 -d "$w" --batch --fuzz=0 --no-backup-if-mismatch -s <"$2/$p" ||
			{ echo "$p: does not apply"; return 1; }
	done <"$2/series"
	diff -r "$w" "$3"
}

# applies_git_am LEGACY PATCHDIR CONVERTED: a scratch git repo of legacy/
# takes the series with git am; the result equals CONVERTED
applies_git_am() {
	w=$T/ga.$$
	rm -rf "$w"
	cp -R "$1" "$w"
	g() { git -C "$w" -c user.name=t-regen -c user.email=t-regen@example.org "$@"; }
	g init -q
	g add -A
	g commit -q -m legacy
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		g am -q <"$2/$p" || { echo "$p: git am failed"; return 1; }
	done <"$2/series"
	n=$(g rev-list --count HEAD)
	[ "$n" -eq $(($(grep -c . "$2/series") + 1)) ] ||
		{ echo "git am made $((n - 1)) commits"; return 1; }
	diff -r -x .git "$w" "$3"
}

# gen_only_tree LEGACY PATCHDIR OUT: legacy/ with only the generated patches
# of the series applied (the tree whose lines the convert report names)
gen_only_tree() {
	rm -rf "$3"
	cp -R "$1" "$3"
	grep -v -e -hand- "$2/series" | while IFS= read -r p; do
		[ -n "$p" ] || continue
		patch -p1 -d "$3" --batch --fuzz=0 --no-backup-if-mismatch -s <"$2/$p" || exit 1
	done
}

# tokens_reported TREE REPORT GENTREE: every 2.4 token left in TREE is on a
# line that the report lists (legacy_tokens/legacy_macro) in GENTREE, the
# tree the report was made on: same file, same line text.  (The report names
# one token per line; a line with two is still one the report points at.)
tokens_reported() {
	bad=0
	for t in $tokens; do
		(cd "$1" && grep -rnw -- "$t" . || true) | sed 's|^\./||' >"$T/hits"
		while IFS=: read -r file line rest; do
			text=$(sed -n "${line}p" "$1/$file")
			allowed=
			for l in $(sed -n "s|^$file:\([0-9]*\): legacy_[a-z]*: .*|\1|p" "$2" 2>/dev/null); do
				[ "$(sed -n "${l}p" "$3/$file")" = "$text" ] && allowed=1
			done
			if [ -n "$allowed" ]; then
				echo "# $file:$line: $t (listed in the report)"
			else
				echo "$file:$line: $t left and not in the report"
				bad=1
			fi
		done <"$T/hits"
	done
	return $bad
}

if scripts/regen-converted -o "$T/regen" $families 2>"$T/regen.log"; then
	sed 's/^/# /' "$T/regen.log"
else
	echo "# scripts/regen-converted failed:"
	sed 's/^/# /' "$T/regen.log"
fi

for f in $families; do
	com=converted-drivers/$f
	gen=$T/regen/$f
	check "$f: committed patches/ equal the regenerated series" \
		patches_equal "$gen/patches" "$com/patches"
	check "$f: committed converted/ equals the regenerated tree" \
		trees_equal "$gen/converted" "$com/converted"
	check "$f: series applies in order with patch -p1 --dry-run" \
		applies_patch "$com/legacy" "$com/patches" "$com/converted"
	check "$f: series applies with git am to a git repo of legacy/" \
		applies_git_am "$com/legacy" "$com/patches" "$com/converted"
	if [ -d "$com/converted" ] &&
		gen_only_tree "$com/legacy" "$com/patches" "$T/genonly.$f" >"$T/tok" 2>&1; then
		tokens_reported "$com/converted" "$gen/convert/report.txt" "$T/genonly.$f" \
			>"$T/tok" 2>&1 &&
			r=0 || r=1
		n=$(grep -c '^#' "$T/tok" || true)
		if [ $r -eq 0 ]; then
			ok "$f: converted/ has no 2.4 token left beyond the report ($n listed there)"
			cat "$T/tok"
		else
			nok "$f: converted/ has no 2.4 token left beyond the report"
			sed 's/^\([^#]\)/# \1/' "$T/tok" | head -n 20
		fi
	else
		nok "$f: converted/ has no 2.4 token left beyond the report (no converted/, or its generated patches do not apply)"
		sed 's/^/# /' "$T/tok" | head -n 5
	fi
done

# ---- negative controls, on the first family ---------------------------------
set -- $families
f=$1
com=converted-drivers/$f
gen=$T/regen/$f
neg=$T/neg
mkdir -p "$neg"
p1=$(grep -v -e -hand- "$com/patches/series" | head -n 1)
cp -R "$com/patches" "$neg/patches"
# change one added line of the diff
awk '!done && /^\+[^+]/ { print $0 " "; done = 1; next } { print }' \
	"$com/patches/$p1" >"$neg/patches/$p1"
check "negative control: a modified copy of $f's $p1 is detected by compare-series" \
	not scripts/compare-series "$gen/patches" "$neg/patches"
check "negative control: the modified copy is detected by the patches/ check" \
	not patches_equal "$gen/patches" "$neg/patches"
# who/when only: equal by default, different with --exact
cp -R "$com/patches" "$neg/who"
sed -e '1,/^$/s/^Date: .*/Date: Thu, 1 Jan 2026 00:00:00 +0000/' \
	-e '1,/^$/s/^From: .*/From: Someone Else <else@example.org>/' \
	-e 's/^Signed-off-by: .*/Signed-off-by: Someone Else <else@example.org>/' \
	"$com/patches/$p1" >"$neg/who/$p1"
check "compare-series ignores From:/Date:/Signed-off-by: (a plain modref convert run matches)" \
	scripts/compare-series "$gen/patches" "$neg/who"
check "negative control: compare-series --exact sees the From:/Date: change" \
	not scripts/compare-series --exact "$gen/patches" "$neg/who"
cp -R "$com/converted" "$neg/converted"
c1=$(cd "$neg/converted" && ls *.c | head -n 1)
echo "/* stray */" >>"$neg/converted/$c1"
check "negative control: a changed file in $f's converted/ is detected" \
	not trees_equal "$gen/converted" "$neg/converted"
cp -R "$com/converted" "$neg/tok"
printf '\nstatic void stray(void)\n{\n\tMOD_INC_USE_COUNT;\n}\n' >>"$neg/tok/$c1"
check "negative control: a 2.4 token added to $f's converted/ is caught" \
	not tokens_reported "$neg/tok" "$gen/convert/report.txt" "$T/genonly.$f"
cp -R "$com/patches" "$neg/broken"
awk '!done && /^-[^-]/ { print "-this line is not in the source"; done = 1; next } { print }' \
	"$com/patches/$p1" >"$neg/broken/$p1"
check "negative control: a patch that does not apply is caught by the patch -p1 check" \
	not applies_patch "$com/legacy" "$neg/broken" "$com/converted"
check "negative control: a patch that does not apply is caught by the git am check" \
	not applies_git_am "$com/legacy" "$neg/broken" "$com/converted"
exit 0
