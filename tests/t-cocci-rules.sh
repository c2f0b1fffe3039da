#!/bin/sh
# t-cocci-rules.sh: the Coccinelle rules of semantic-patches/ against their
# test cases (semantic-patches/tests/<rule>/).
#  - one line per case: spatch -D patch output equals <case>.res (patch
#    rules), or the sorted -D report lines, file names cut to the base name,
#    equal <case>.report (report-only rules); a directory case holds the
#    files of one module, given to spatch together, each F.c compared with
#    F.res (and F.h with F.h.res when present);
#  - one line per rule: its single-file cases, each twice, as file groups
#    of one spatch --file-groups run (as modref convert runs them): the
#    outputs equal the .res, so no group leaks state into the next;
#  - one line per rule: idempotence (a run over the expected outputs
#    changes nothing; a report-only rule changes nothing in -D patch mode);
#  - one line per rule: header fields (// Mode: patch|report, // Order: N,
#    // Keywords: as the modref program reads them) and virtual lines, at
#    least three cases of which one must not change;
#  - the postpass helper against its cases;
#  - negative controls: a wrong expected output and a rule without its
#    Confidence line must be caught.
# The rules that read semantic-patches/owner-types get it through
# MODREF_OWNER_TYPES, with MODREF_TARGET=current, as the modref program
# passes them; a case can set its own: <case>.target (a directory case:
# target) holds the target, <case>.types (types) the tree's owner-bearing
# types, written before owner-types as the program writes its tree index;
# a .target line may name the tree's kernel version after the target
# (`2.4 2.4.10`: MODREF_TREE_VERSION);
# a directory case's tree/ (Makefile, Config.in, scripts/Configure: the
# kernel tree around the module) is copied next to its files.
# Runs spatch at most two at a time.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
sp=$top/semantic-patches
tdir=$sp/tests
JOBS=2
# the 2.4 macro file, passed to every spatch run as make convert does
macros="--macro-file $sp/macros-2.4.h"

if ! command -v spatch >/dev/null 2>&1; then
	echo "1..1"
	echo "not ok - spatch is installed (apt-get install coccinelle)"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/t-cocci.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

MODREF_OWNER_TYPES=$sp/owner-types
MODREF_TARGET=current
export MODREF_OWNER_TYPES MODREF_TARGET

# case_env TARGET TYPES TO: copy a case's target and types files (when
# they exist) to TO/.target and TO/.types; with_env DIR CMD...: run CMD with
# the environment they give
case_env() {
	if [ -f "$1" ]; then cp "$1" "$3/.target"; fi
	if [ -f "$2" ]; then cp "$2" "$3/.types"; fi
}
with_env() {
	g=$1
	shift
	t=current
	tv=
	o=$sp/owner-types
	# "TARGET [TREE-VERSION]": the kernel the tree is, as the program
	# reads it from the tree's Makefile
	if [ -f "$g/.target" ]; then read -r t tv <"$g/.target" || :; fi
	if [ -f "$g/.types" ]; then
		o=$(mktemp "$work/types.XXXXXX")
		cat "$g/.types" "$sp/owner-types" >"$o"
	fi
	MODREF_TARGET=$t MODREF_TREE_VERSION=$tv MODREF_OWNER_TYPES=$o "$@"
}

# rule_opts RULE: the `// Options:` of a rule file
rule_opts() {
	sed -n 's|^// Options:[[:space:]]*||p' "$sp/$1.cocci" | head -n 1
}

is_report_only() {
	grep -qx '// Mode: report' "$sp/$1.cocci"
}

# spatch_clean RC ERRFILE: spatch exited 0 and printed no error; otherwise
# print why (one line) and fail
spatch_clean() {
	if [ "$1" -ne 0 ]; then
		echo "spatch exited $1: $(head -n 1 "$2")"
		return 1
	fi
	e=$(grep -E -i 'error|exception|EXN|not supported|fatal|failure' "$2" | head -n 1 || :)
	if [ -n "$e" ]; then
		echo "spatch printed an error: $e"
		return 1
	fi
}

# run_case RULE CASE OUT: run one case in a scratch directory, write the
# verdict line to OUT.  CASE is a .c file or a directory under tests/RULE.
run_case() {
	rule=$1 cs=$2 out=$3
	name=$(basename "$cs" .c)
	d=$work/case.$rule.$name
	mkdir -p "$d"
	opts=$(rule_opts "$rule")
	if [ -d "$tdir/$rule/$cs" ]; then
		src=$tdir/$rule/$cs
		files=$(cd "$src" && ls *.c *.h 2>/dev/null || :)
		for f in $files; do cp "$src/$f" "$d/$f"; done
		if [ -d "$src/tree" ]; then cp -R "$src/tree/." "$d/"; fi
		case_env "$src/target" "$src/types" "$d"
	else
		src=$tdir/$rule
		files=$name.c
		cp "$src/$name.c" "$d/$name.c"
		case_env "$src/$name.target" "$src/$name.types" "$d"
	fi
	if is_report_only "$rule"; then
		# shellcheck disable=SC2086
		src_rc=0
		(cd "$d" && with_env . spatch --very-quiet $opts $macros --sp-file "$sp/$rule.cocci" \
			-D report $files) >"$d/raw" 2>"$d/err" || src_rc=$?
		sed 's|^[^:]*/||' "$d/raw" | LC_ALL=C sort >"$d/got"
		LC_ALL=C sort "$src/$name.report" >"$d/want"
		if ! spatch_clean "$src_rc" "$d/err" >"$d/why"; then
			{
				echo "not ok - $rule: $name (report): $(cat "$d/why")"
				sed 's/^/# stderr: /' "$d/err"
			} >"$out"
		elif cmp -s "$d/got" "$d/want"; then
			echo "ok - $rule: $name (report)" >"$out"
		else
			{
				echo "not ok - $rule: $name (report)"
				diff -u "$d/want" "$d/got" | sed 's/^/# /'
				sed 's/^/# stderr: /' "$d/err"
			} >"$out"
		fi
		return 0
	fi
	# shellcheck disable=SC2086
	src_rc=0
	(cd "$d" && with_env . spatch --very-quiet $opts $macros --sp-file "$sp/$rule.cocci" \
		-D patch --in-place $files) >"$d/log" 2>"$d/err" || src_rc=$?
	if ! spatch_clean "$src_rc" "$d/err" >"$d/why"; then
		{
			echo "not ok - $rule: $name: $(cat "$d/why")"
			sed 's/^/# stderr: /' "$d/err"
		} >"$out"
		return 0
	fi
	bad=
	for f in $files; do
		case $f in
		*.c) want=$src/${f%.c}.res ;;
		*) want=$src/$f.res ;;
		esac
		[ -f "$want" ] || continue
		if ! cmp -s "$d/$f" "$want"; then
			bad="$bad $f"
			diff -u "$want" "$d/$f" | sed 's/^/# /' >>"$d/diffs" || :
		fi
	done
	if [ -z "$bad" ]; then
		echo "ok - $rule: $name" >"$out"
	else
		{
			echo "not ok - $rule: $name (differs:$bad)"
			cat "$d/diffs"
			sed 's/^/# spatch: /' "$d/log"
		} >"$out"
	fi
}

# run_idem RULE OUT: a second run changes nothing
run_idem() {
	rule=$1 out=$2
	d=$work/idem.$rule
	mkdir -p "$d"
	opts=$(rule_opts "$rule")
	if is_report_only "$rule"; then
		for c in "$tdir/$rule"/*.c; do cp "$c" "$d/"; done
		what="a report-only rule patches nothing"
	else
		for r in "$tdir/$rule"/*.res; do
			[ -f "$r" ] || continue
			b=$(basename "$r" .res)
			if [ -f "${r%.res}.target" ] || [ -f "${r%.res}.types" ]; then
				mkdir -p "$d/$b.env"
				cp "$r" "$d/$b.env/$b.c"
				case_env "${r%.res}.target" "${r%.res}.types" "$d/$b.env"
			else
				cp "$r" "$d/$b.c"
			fi
		done
		for sub in "$tdir/$rule"/*/; do
			[ -d "$sub" ] || continue
			s=$d/$(basename "$sub")
			mkdir -p "$s"
			case_env "${sub}target" "${sub}types" "$s"
			for f in "$sub"*.c "$sub"*.h; do
				[ -f "$f" ] || continue
				b=$(basename "$f")
				if [ -f "${f%.c}.res" ] && [ "${f%.c}" != "$f" ]; then
					cp "${f%.c}.res" "$s/$b"
				elif [ -f "$f.res" ]; then
					cp "$f.res" "$s/$b"
				else
					cp "$f" "$s/$b"
				fi
			done
		done
		what="idempotent on the expected outputs"
	fi
	cp -r "$d" "$d.before"
	for g in "$d" "$d"/*/; do
		[ -d "$g" ] || continue
		files=$(cd "$g" && ls *.c *.h 2>/dev/null || :)
		[ -n "$files" ] || continue
		# shellcheck disable=SC2086
		(cd "$g" && with_env . spatch --very-quiet $opts $macros --sp-file "$sp/$rule.cocci" \
			-D patch --in-place $files) >/dev/null 2>&1 || :
	done
	if diff -r "$d.before" "$d" >"$d.diff" 2>&1; then
		echo "ok - $rule: $what" >"$out"
	else
		{
			echo "not ok - $rule: $what"
			sed 's/^/# /' "$d.diff"
		} >"$out"
	fi
}

# run_groups RULE OUT: the rule's single-file cases (those without their
# own target or types), each twice, as separate file groups of one
# `spatch --file-groups` process, as modref convert runs them: every output
# equals its .res (every report its .report, twice), so nothing a group
# found (a table, a method, a function by name) leaks into the next one
run_groups() {
	rule=$1 out=$2
	d=$work/groups.$rule
	mkdir -p "$d"
	opts=$(rule_opts "$rule")
	: >"$d/groups"
	: >"$d/want"
	ng=0
	for c in "$tdir/$rule"/*.c; do
		[ -f "$c" ] || continue
		b=${c%.c}
		[ ! -f "$b.target" ] && [ ! -f "$b.types" ] || continue
		[ -f "$b.res" ] || [ -f "$b.report" ] || continue
		for copy in 1 2; do
			mkdir -p "$d/$copy"
			cp "$c" "$d/$copy/"
			printf '%s\n\n' "$d/$copy/$(basename "$c")" >>"$d/groups"
			[ ! -f "$b.report" ] || cat "$b.report" >>"$d/want"
			ng=$((ng + 1))
		done
	done
	if is_report_only "$rule"; then
		mode=report
	else
		mode=patch
	fi
	src_rc=0
	# shellcheck disable=SC2086
	(cd "$d" && spatch --very-quiet $opts $macros --sp-file "$sp/$rule.cocci" \
		-D $mode $([ $mode = patch ] && echo --in-place) --file-groups "$d/groups") \
		>"$d/raw" 2>"$d/err" || src_rc=$?
	bad=
	if ! spatch_clean "$src_rc" "$d/err" >"$d/why"; then
		bad=" $(cat "$d/why")"
	elif [ $mode = report ]; then
		sed 's|^[^:]*/||' "$d/raw" | LC_ALL=C sort >"$d/got"
		LC_ALL=C sort "$d/want" >"$d/want.s"
		cmp -s "$d/got" "$d/want.s" || {
			bad=" report differs"
			diff -u "$d/want.s" "$d/got" | sed 's/^/# /' >"$d/diffs" || :
		}
	else
		for copy in 1 2; do
			for f in "$d/$copy"/*.c; do
				[ -f "$f" ] || continue
				want=$tdir/$rule/$(basename "$f" .c).res
				cmp -s "$f" "$want" || {
					bad="$bad $copy/$(basename "$f")"
					diff -u "$want" "$f" | sed 's/^/# /' >>"$d/diffs" || :
				}
			done
		done
	fi
	if [ -z "$bad" ]; then
		echo "ok - $rule: its $ng cases as file groups of one spatch run" >"$out"
	else
		{
			echo "not ok - $rule: its $ng cases as file groups of one spatch run (differs:$bad)"
			[ ! -f "$d/diffs" ] || cat "$d/diffs"
			sed 's/^/# stderr: /' "$d/err"
		} >"$out"
	fi
}

# header_problems FILE: print what the rule file lacks (nothing if fine)
header_problems() {
	f=$1
	grep -q '^///' "$f" || echo "no /// description"
	grep -Eq '^// Confidence: (High|Moderate|Low)$' "$f" ||
		echo "no Confidence line"
	grep -Eq '^// Copyright:.*modref contributors' "$f" ||
		echo "no Copyright line"
	grep -q '^// Comments:' "$f" || echo "no Comments line"
	grep -q '^// Options:' "$f" || echo "no Options line"
	[ "$(grep -Ec '^// Mode: (patch|report)$' "$f")" -eq 1 ] ||
		echo "not exactly one // Mode: patch|report line"
	[ "$(grep -Ec '^// Order: [0-9]+$' "$f")" -eq 1 ] ||
		echo "not exactly one // Order: N line"
	grep -Eq '^// Keywords: (\*|[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*)$' "$f" ||
		echo "no // Keywords: line"
	# report always (modref's report pass runs every rule with -D
	# report), patch exactly for Mode: patch; tests/t-cocci-modes.sh
	# checks that each declared mode works
	grep -qx "virtual report" "$f" || echo "no virtual report"
	if grep -qx '// Mode: patch' "$f"; then
		grep -qx "virtual patch" "$f" || echo "Mode: patch without virtual patch"
	elif grep -qx "virtual patch" "$f"; then
		echo "virtual patch in a rule that is not Mode: patch (-D patch would do nothing)"
	fi
}

rules=$(cd "$sp" && ls *.cocci | sed 's/\.cocci$//')

# --- build the job list -------------------------------------------------
n=0
: >"$work/jobs"
for rule in $rules; do
	[ -d "$tdir/$rule" ] || continue
	for c in "$tdir/$rule"/*.c "$tdir/$rule"/*/; do
		[ -e "$c" ] || continue
		n=$((n + 1))
		echo "case $rule $(basename "$c") $work/out.$n" >>"$work/jobs"
	done
	n=$((n + 1))
	echo "idem $rule - $work/out.$n" >>"$work/jobs"
	n=$((n + 1))
	echo "groups $rule - $work/out.$n" >>"$work/jobs"
done

# the negative control: owner_table's first case against its own input
# (the rule must change it, so the comparison has to fail)
neg=$(ls "$tdir/owner_table"/*.c 2>/dev/null | head -n 1 || :)
if [ -n "$neg" ]; then
	nd=$work/negrule
	mkdir -p "$nd"
	cp "$neg" "$nd/neg.c"
	cp "$neg" "$nd/neg.res"		# deliberately wrong: unchanged
	n=$((n + 1))
	echo "neg owner_table $nd $work/out.$n" >>"$work/jobs"
	# and the same case, right this time, with a rule spatch cannot parse
	cp "${neg%.c}.res" "$nd/good.res"
	n=$((n + 1))
	echo "negerr owner_table $nd $work/out.$n" >>"$work/jobs"
fi

# plan (tests/run checks it; a new check means a new number): every job,
# then one static check per rule, the owner-type loader (1 + 3 refusals),
# the alias-block, side_effect_free, held_sibling and busy copies (4),
# the two header controls, the MODREF_LEGACY_NAMES checks (4, +2 with
# semantic-patches/legacy-names), two per postpass case (the case and its
# idempotence) and the postpass error check
npp=$(ls "$tdir/postpass"/*.c 2>/dev/null | wc -l)
nln=4
[ ! -f "$sp/legacy-names" ] || nln=6
echo "1..$((n + $(echo "$rules" | wc -w) + 4 + 4 + 2 + nln + 2 * npp + 1))"

# --- run ----------------------------------------------------------------
run_job() {
	kind=$1 rule=$2 arg=$3 out=$4
	case $kind in
	case) run_case "$rule" "$arg" "$out" ;;
	idem) run_idem "$rule" "$out" ;;
	groups) run_groups "$rule" "$out" ;;
	neg)
		# copy the case into a private test tree, compare, expect failure
		negout=$out
		savetdir=$tdir
		tdir=$work/negtree
		mkdir -p "$tdir/$rule"
		cp "$arg/neg.c" "$arg/neg.res" "$tdir/$rule/"
		run_case "$rule" neg.c "$negout.inner"
		tdir=$savetdir
		if grep -q '^not ok' "$negout.inner"; then
			echo "ok - negative control: a wrong expected output is caught" >"$negout"
		else
			echo "not ok - negative control: a wrong expected output is caught" >"$negout"
		fi
		;;
	negerr)
		# the right expected output, but spatch fails on the rule
		errout=$out
		savetdir=$tdir savesp=$sp
		tdir=$work/negerrtree sp=$work/negerrsp
		mkdir -p "$tdir/$rule" "$sp"
		cp "$arg/neg.c" "$tdir/$rule/neg.c"
		cp "$arg/good.res" "$tdir/$rule/neg.res"
		{ cat "$savesp/$rule.cocci"; printf '\n@@\n@@\n- modref_broken(\n'; } >"$sp/$rule.cocci"
		run_case "$rule" neg.c "$errout.inner"
		tdir=$savetdir sp=$savesp
		if grep -q '^not ok .*spatch exited' "$errout.inner"; then
			echo "ok - negative control: a case whose spatch run fails is not ok" >"$errout"
		else
			echo "not ok - negative control: a case whose spatch run fails is not ok" >"$errout"
			sed 's/^/# /' "$errout.inner" >>"$errout"
		fi
		;;
	esac
}

# POSIX sh has no job pool: run JOBS lanes, each taking every JOBS-th job
lane() {
	i=0
	while read -r kind rule arg out; do
		if [ $((i % JOBS)) -eq "$1" ]; then
			run_job "$kind" "$rule" "$arg" "$out"
		fi
		i=$((i + 1))
	done <"$work/jobs"
}
l=0
pids=
while [ $l -lt $JOBS ]; do
	lane $l &
	pids="$pids $!"
	l=$((l + 1))
done
for p in $pids; do wait "$p" || :; done

while read -r kind rule arg out; do
	if [ -f "$out" ]; then
		cat "$out"
	else
		echo "not ok - $rule: $kind $arg (no result)"
	fi
done <"$work/jobs"

# --- static checks per rule ----------------------------------------------
for rule in $rules; do
	f=$sp/$rule.cocci
	probs=$(header_problems "$f")
	ncase=0
	same=0
	for c in "$tdir/$rule"/*.c "$tdir/$rule"/*/; do
		[ -e "$c" ] || continue
		ncase=$((ncase + 1))
		if [ -f "$c" ]; then
			b=${c%.c}
			if [ -f "$b.res" ] && cmp -s "$c" "$b.res"; then
				same=1
			fi
			if [ -f "$b.report" ] && [ ! -s "$b.report" ]; then
				same=1
			fi
		fi
	done
	[ "$ncase" -ge 3 ] || probs="$probs
only $ncase cases"
	[ "$same" -eq 1 ] || probs="$probs
no case that must stay unchanged / unreported"
	probs=$(printf '%s\n' "$probs" | sed '/^$/d')
	if [ -z "$probs" ]; then
		echo "ok - $rule: header and $ncase cases"
	else
		echo "not ok - $rule: header and cases"
		printf '%s\n' "$probs" | sed 's/^/# /'
	fi
done

# same_block MARKER LABEL: the lines between ">>> modref MARKER" and
# "<<< modref MARKER" (a "# " comment in Python, "// " in SmPL) are one
# block, copied verbatim into two rules or more: the owner-type loader
# (every rule that reads semantic-patches/owner-types), the alias-block
# recogniser (legacy_alias, legacy_macro), side_effect_free, and the
# held_sibling and busy rules of modcount_api and take_helper
same_block() {
	ref=
	nblk=0
	for f in "$sp"/*.cocci; do
		grep -q "^\(#\|//\) >>> modref $1" "$f" || continue
		nblk=$((nblk + 1))
		sed -n "/^\(#\|\/\/\) >>> modref $1/,/^\(#\|\/\/\) <<< modref $1/p" "$f" >"$work/blk"
		if [ -z "$ref" ]; then
			ref=$f
			cp "$work/blk" "$work/blk.ref"
		elif ! cmp -s "$work/blk.ref" "$work/blk"; then
			echo "not ok - $2: $(basename "$f") differs from $(basename "$ref")"
			diff -u "$work/blk.ref" "$work/blk" | sed 's/^/# /'
			return 0
		fi
	done
	if [ "$nblk" -ge 2 ]; then
		echo "ok - $2: the same block in $nblk rules"
	else
		echo "not ok - $2: found in $nblk rules"
	fi
}
same_block "owner types" "owner-type loader"
same_block "alias blocks" "alias blocks"
same_block "side_effect_free" "side_effect_free"
same_block "held_sibling" "held_sibling (modcount_api, take_helper)"
same_block "busy" "busy (modcount_api, take_helper)"
# the loader refuses what it cannot use, in one line naming the problem
for bad in "MODREF_TARGET=2.2" "MODREF_OWNER_TYPES=$work/none" "MODREF_OWNER_TYPES=$work/badtypes"; do
	printf 'file_operations\n' >"$work/badtypes"
	printf 'int x;\n' >"$work/loader.c"
	env "$bad" spatch --very-quiet --sp-file "$sp/owner_table.cocci" -D patch \
		"$work/loader.c" >"$work/loader.out" 2>&1 && rc=0 || rc=$?
	if [ "$rc" -ne 0 ] && grep -q '^modref: ' "$work/loader.out"; then
		echo "ok - owner-type loader: $bad is refused ($(grep '^modref: ' "$work/loader.out" | sed "s|$work/||"))"
	else
		echo "not ok - owner-type loader: $bad is refused (exit $rc)"
		sed 's/^/# /' "$work/loader.out"
	fi
done

# negative control for the header check
sed '/^\/\/ Confidence:/d' "$sp/owner_table.cocci" >"$work/noconf.cocci"
if header_problems "$work/noconf.cocci" | grep -q Confidence; then
	echo "ok - negative control: a rule without Confidence is caught"
else
	echo "not ok - negative control: a rule without Confidence is caught"
fi
sed '/^\/\/ Mode:/d' "$sp/owner_table.cocci" >"$work/nomode.cocci"
if header_problems "$work/nomode.cocci" | grep -q Mode; then
	echo "ok - negative control: a rule without Mode is caught"
else
	echo "not ok - negative control: a rule without Mode is caught"
fi

# --- MODREF_LEGACY_NAMES: the report rules read the list of legacy names ----
# one name each: MOD_IN_USE is in leftovers.c's code once, __MOD_INC_USE_COUNT
# in its one macro (the built-in list finds 11 and 1)
printf 'MOD_IN_USE\n' >"$work/names.legacy_tokens"
printf '# a comment\n__MOD_INC_USE_COUNT\n' >"$work/names.legacy_macro"
mkdir -p "$work/names.d"
cp "$tdir/legacy_tokens/leftovers.c" "$work/names.d/"
for rule in legacy_tokens legacy_macro; do
	got=$(cd "$work/names.d" && MODREF_LEGACY_NAMES=$work/names.$rule spatch --very-quiet \
		$(rule_opts "$rule") --sp-file "$sp/$rule.cocci" -D report leftovers.c 2>/dev/null |
		grep -c 'legacy' || :)
	want=1
	if [ "$got" -eq "$want" ]; then
		echo "ok - $rule: reads the names from MODREF_LEGACY_NAMES"
	else
		echo "not ok - $rule: reads the names from MODREF_LEGACY_NAMES ($got findings, want $want)"
	fi
	if (cd "$work/names.d" && MODREF_LEGACY_NAMES=$work/no-such-file spatch --very-quiet \
		$(rule_opts "$rule") --sp-file "$sp/$rule.cocci" -D report leftovers.c \
		>/dev/null 2>&1); then
		echo "not ok - $rule: an unreadable MODREF_LEGACY_NAMES is an error"
	else
		echo "ok - $rule: an unreadable MODREF_LEGACY_NAMES is an error"
	fi
done
# the built-in fallback says what semantic-patches/legacy-names says
if [ -f "$sp/legacy-names" ]; then
	for rule in legacy_tokens legacy_macro; do
		b=$(sed -n '/^BUILTIN = \[/,/\]/p' "$sp/$rule.cocci" | tr -c 'A-Za-z_\n' '\n' |
			grep -E '^(__)?[A-Za-z]+_[A-Za-z_]+$' | grep -v '^BUILTIN$' | LC_ALL=C sort)
		f=$(sed 's/#.*//' "$sp/legacy-names" | tr -s ' \t' '\n' | sed '/^$/d' | LC_ALL=C sort)
		if [ "$b" = "$f" ]; then
			echo "ok - $rule: built-in names equal semantic-patches/legacy-names"
		else
			echo "not ok - $rule: built-in names equal semantic-patches/legacy-names"
		fi
	done
fi

# --- postpass -----------------------------------------------------------
# a case's <case>.args holds the options (e.g. --exports-only); each case
# must change its input, and a second run over the expected output must
# change nothing
for c in "$tdir/postpass"/*.c; do
	[ -f "$c" ] || continue
	b=$(basename "$c" .c)
	args=
	[ -f "${c%.c}.args" ] && args=$(cat "${c%.c}.args")
	cp "$c" "$work/pp.$b.c"
	# shellcheck disable=SC2086
	if "$sp/postpass" $args "$work/pp.$b.c" 2>"$work/pp.err" &&
		cmp -s "$work/pp.$b.c" "${c%.c}.res"; then
		echo "ok - postpass: $b"
	else
		echo "not ok - postpass: $b"
		diff -u "${c%.c}.res" "$work/pp.$b.c" | sed 's/^/# /' || :
	fi
	cp "${c%.c}.res" "$work/pp.$b.idem.c"
	# shellcheck disable=SC2086
	if "$sp/postpass" $args "$work/pp.$b.idem.c" 2>"$work/pp.err" &&
		cmp -s "$work/pp.$b.idem.c" "${c%.c}.res"; then
		echo "ok - postpass: $b (idempotent)"
	else
		echo "not ok - postpass: $b (idempotent)"
		diff -u "${c%.c}.res" "$work/pp.$b.idem.c" | sed 's/^/# /' || :
	fi
done
if "$sp/postpass" "$work/does-not-exist.c" 2>"$work/pp.err"; then
	echo "not ok - postpass: a missing file is an error"
elif [ "$(wc -l <"$work/pp.err")" -eq 1 ] &&
	grep -q 'does-not-exist.c' "$work/pp.err"; then
	echo "ok - postpass: a missing file is an error"
else
	echo "not ok - postpass: a missing file is an error"
fi
