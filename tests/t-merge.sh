#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The report phase runs several rules as one spatch call, merged into one
# SmPL file by `modref merge` (src/merge.c).  Over every rule test input and
# result (semantic-patches/tests/) and the bundled families' legacy and
# converted code, the merged file must report exactly what the rules report
# one by one, each line under the rule that printed it.  Negative controls:
# a plain concatenation of the rules (no renaming, one Python namespace) does
# not give the same lines, and neither does a merged file that lacks a rule.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "1..6"
T=$(mktemp -d /tmp/t-merge.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

. "$top/tests/lib.sh"

make -s modref >/dev/null
sp=$top/semantic-patches
export MODREF_OWNER_TYPES="$sp/owner-types"
export MODREF_LEGACY_NAMES="$sp/legacy-names"

# the corpus: one directory, files renamed so that names never collide
mkdir -p "$T/in"
n=0
for f in "$sp"/tests/*/*.c "$sp"/tests/*/*.res \
	converted-drivers/*/legacy/*.[ch] converted-drivers/*/converted/*.[ch]; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	cp "$f" "$T/in/$n-${b%.res}.c"
done

run_spatch() { # cocci -> report lines on stdout
	spatch --python /usr/bin/python3 --macro-file "$sp/macros-2.4.h" \
		--no-includes --include-headers -D report --sp-file "$1" \
		--dir "$T/in" 2>"$T/err" || {
		echo "spatch failed on $1: $(grep -v '^init_defs' "$T/err" | head -n 3)" >&2
		return 1
	}
}

rules=$(for r in "$sp"/*.cocci; do basename "$r" .cocci; done)

# one by one, each line under its rule's name
: >"$T/one"
ok=1
for r in $rules; do
	run_spatch "$sp/$r.cocci" >"$T/out" || ok=0
	grep -E '^[^ ]+:[0-9]+:[0-9-]+: ' "$T/out" | sed "s|^|modref-rule:$r |" >>"$T/one" || :
done
sort -o "$T/one" "$T/one"
check "the rules one by one ran on $n files" test "$ok" = 1

build/bin/modref merge "$T/all.cocci"
run_spatch "$T/all.cocci" >"$T/out" || :
grep '^modref-rule:' "$T/out" | sort >"$T/merged" || :
check "the merged file reports the same $(wc -l <"$T/one") lines under the same rules" \
	cmp -s "$T/one" "$T/merged"
check "the corpus gives report lines from several rules" \
	test "$(cut -d' ' -f1 "$T/one" | sort -u | wc -l)" -gt 5

# negative control 1: the rules simply concatenated (virtual lines first)
{
	grep -h '^virtual ' "$sp"/*.cocci | sort -u
	for r in $rules; do grep -v '^virtual ' "$sp/$r.cocci"; done
} >"$T/cat.cocci"
run_spatch "$T/cat.cocci" >"$T/out" 2>/dev/null || :
grep -E '^[^ ]+:[0-9]+:[0-9-]+: ' "$T/out" | sort >"$T/cat" || :
cut -d' ' -f2- "$T/one" | sort >"$T/one-untagged"
check "negative control: a plain concatenation of the rules does not report the same lines" \
	not cmp -s "$T/one-untagged" "$T/cat"

# negative control 2: a merged file without one rule that reports here
drop=$(cut -d' ' -f1 "$T/one" | sed 's/^modref-rule://' | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
build/bin/modref merge "$T/less.cocci" $(echo "$rules" | grep -vx "$drop")
run_spatch "$T/less.cocci" >"$T/out" || :
grep '^modref-rule:' "$T/out" | sort >"$T/less" || :
check "negative control: a merged file without $drop is caught" \
	not cmp -s "$T/one" "$T/less"

# bad input: an unknown rule name is one clear line and exit 2
rc=0
build/bin/modref merge "$T/x.cocci" no_such_rule 2>"$T/err" || rc=$?
check "modref merge: an unknown rule is refused (exit 2, one line)" \
	sh -c "test $rc = 2 && test \$(wc -l <'$T/err') = 1 && test ! -e '$T/x.cocci'"
