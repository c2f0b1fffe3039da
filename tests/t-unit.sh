#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# C unit tests of the modref program's stages (tests/unit/test_*.c, cmocka):
# `make unit` builds them, each prints TAP lines (CMOCKA_MESSAGE_OUTPUT=TAP).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if ! make -s unit >build-unit.log 2>&1; then
	echo "1..1"
	echo "not ok - make unit builds the unit tests"
	sed 's/^/# /' build-unit.log | tail -n 20
	rm -f build-unit.log
	exit 1
fi
rm -f build-unit.log
# Each test program prints its own TAP plan; run them all first, then print
# one plan for this script (the build check, their planned tests, and one
# check per program that it ran all it planned and exited 0), their result
# lines, and their plans as comments.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-unit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=1
for t in build/unit/test_*; do
	[ -x "$t" ] || continue
	b=$(basename "$t")
	rc=0
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$tmp/$b.tap" 2>&1 || rc=$?
	echo "$rc" >"$tmp/$b.rc"
	p=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$tmp/$b.tap" | head -n 1)
	n=$((n + ${p:-0} + 1))
done
echo "1..$n"
echo "ok - make unit builds the unit tests"
for f in "$tmp"/*.tap; do
	[ -f "$f" ] || continue
	b=$(basename "$f" .tap)
	sed 's/^\(1\.\.[0-9]\)/# '"$b"' plan: \1/' "$f"
	p=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$f" | head -n 1)
	r=$(grep -c -E '^(not )?ok ' "$f" || true)
	if [ -n "$p" ] && [ "$r" -eq "$p" ] && [ "$(cat "$tmp/$b.rc")" -eq 0 ]; then
		echo "ok - $b: ran its $p planned tests, exit 0"
	else
		echo "not ok - $b: planned ${p:-no plan}, ran $r, exit $(cat "$tmp/$b.rc")"
	fi
done
