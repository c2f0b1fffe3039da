#!/bin/sh
# tests/t-cocci-modes.sh: every mode a rule declares (`virtual patch`,
# `virtual context`, `virtual org`, `virtual report`) works on a case of the
# rule's own tests where the rule fires:
#   patch    a unified diff with a removed or added line
#   context  a context diff (Coccinelle marks the matched lines with -)
#   org      at least one "* TODO" item
#   report   at least one "file:line:" message
# and spatch exits 0 without an error message (a patch rule with no report
# rules only has to run clean in -D report: modref's report pass runs every
# rule with -D report, so it must be declared).  A mode that cannot deliver
# that must not be declared (spatch then refuses -D MODE outright, which is
# checked too: a negative control for the declaration check).
#
# A firing case: CASE.c whose CASE.res differs from it (patch rules) or
# whose CASE.report is not empty (report rules); the first one in name
# order.  One check per rule and declared mode, one per rule for the
# refusal of an undeclared mode (when there is one), plus the controls.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
sp=$top/semantic-patches
tdir=$sp/tests
macros="--macro-file $sp/macros-2.4.h"
modes="patch context org report"

if ! command -v spatch >/dev/null 2>&1; then
	echo "1..1"
	echo "not ok - spatch is installed (apt-get install coccinelle)"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/t-cocci-modes.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rules=$(cd "$sp" && ls *.cocci | sed 's/\.cocci$//')

declared() {	# RULE: the standard modes it declares, in $modes order
	for m in $modes; do
		grep -qx "virtual $m" "$sp/$1.cocci" && printf '%s ' "$m"
	done
	return 0
}

firing_case() {	# RULE: the first single-file case where the rule fires
	for c in "$tdir/$1"/*.c; do
		[ -f "$c" ] || continue
		b=${c%.c}
		if [ -f "$b.res" ] && ! cmp -s "$c" "$b.res"; then
			echo "$c"
			return 0
		fi
		if [ -f "$b.report" ] && [ -s "$b.report" ]; then
			echo "$c"
			return 0
		fi
	done
	return 0
}

# plan: per rule, each declared mode, and one refusal when a standard mode
# is undeclared; 2 controls
n=2
for r in $rules; do
	d=$(declared "$r")
	n=$((n + $(echo "$d" | wc -w)))
	[ "$(echo "$d" | wc -w)" -eq 4 ] || n=$((n + 1))
done
echo "1..$n"

# spatch_err FILE: the lines of spatch's stderr that report an error
spatch_err() {
	grep -E -i 'error|exception|EXN|not supported|failure|fatal|warning: .*(unknown|not found)' "$1" || true
}

# mode_ok MODE OUT: OUT (spatch's stdout) is what MODE must produce
mode_ok() {
	case $1 in
	patch) grep -q '^@@ ' "$2" && grep -Eq '^[-+]([^-+]|$)' "$2" ;;
	context) grep -q '^@@ ' "$2" && grep -Eq '^-([^-]|$)' "$2" ;;
	org) grep -q '^\* TODO ' "$2" ;;
	report) grep -Eq '^[^:]+:[0-9]+(:[0-9-]+)?: ' "$2" ;;
	esac
}

run() {	# RULE MODE CASE: spatch's exit status; out/err in $work
	# shellcheck disable=SC2086 # options and macros are word lists
	(cd "$(dirname "$3")" && spatch --very-quiet $(opts "$1") $macros \
		--sp-file "$sp/$1.cocci" -D "$2" "$(basename "$3")") \
		>"$work/out" 2>"$work/err"
}

opts() {
	sed -n 's|^// Options:[[:space:]]*||p' "$sp/$1.cocci" | head -n 1
}

for r in $rules; do
	d=$(declared "$r")
	c=$(firing_case "$r")
	for m in $d; do
		if [ -z "$c" ]; then
			echo "not ok - $r: -D $m: no case in tests/$r where the rule fires"
			continue
		fi
		rc=0
		run "$r" "$m" "$c" || rc=$?
		e=$(spatch_err "$work/err")
		if [ "$rc" -ne 0 ] || [ -n "$e" ]; then
			echo "not ok - $r: -D $m on $(basename "$c"): spatch exit $rc${e:+: $(echo "$e" | head -n 1)}"
		elif mode_ok "$m" "$work/out"; then
			echo "ok - $r: -D $m works on $(basename "$c")"
		elif [ "$m" = report ] && grep -qx '// Mode: patch' "$sp/$r.cocci" &&
			! grep -Eq '^@.*depends on .*[^!]report' "$sp/$r.cocci"; then
			# modref runs every rule with -D report after patching,
			# so a patch rule declares report even with nothing to say
			echo "ok - $r: -D report runs clean (a patch rule without report rules: declared for modref's report pass)"
		else
			echo "not ok - $r: -D $m on $(basename "$c") prints no $m output (declared but not working: fix it or drop \`virtual $m\`)"
			sed 's/^/# /' "$work/out" | head -n 5
		fi
	done
	# an undeclared standard mode is refused, never silently empty
	for m in $modes; do
		case " $d " in *" $m "*) continue ;; esac
		rc=0
		run "$r" "$m" "${c:-/dev/null}" || rc=$?
		if [ "$rc" -ne 0 ] && grep -q "virtual rule $m not supported" "$work/err"; then
			echo "ok - $r: undeclared -D $m is refused by spatch"
		else
			echo "not ok - $r: undeclared -D $m is refused by spatch (exit $rc)"
		fi
		break
	done
done

# controls: the output checks reject what the other modes print
printf -- '--- a.c\n+++ b.c\n@@ -1,2 +1,1 @@\n-x;\n y;\n' >"$work/diff"
printf 'a.c:3:1-4: a message\n' >"$work/rep"
if mode_ok patch "$work/diff" && ! mode_ok patch "$work/rep" && ! mode_ok org "$work/diff"; then
	echo "ok - control: the patch and org checks tell a diff from a report"
else
	echo "not ok - control: the patch and org checks tell a diff from a report"
fi
if mode_ok report "$work/rep" && ! mode_ok report "$work/diff" && ! mode_ok context "$work/rep"; then
	echo "ok - control: the report and context checks tell a report from a diff"
else
	echo "not ok - control: the report and context checks tell a report from a diff"
fi
