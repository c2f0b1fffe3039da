#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# C unit tests of the modref program's stages (tests/unit/test_*.c, cmocka):
# `make unit` builds them, each prints TAP lines (CMOCKA_MESSAGE_OUTPUT=TAP).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if ! make -s unit >build-unit.log 2>&1; then
	echo "not ok - make unit builds the unit tests"
	sed 's/^/# /' build-unit.log | tail -n 20
	rm -f build-unit.log
	exit 1
fi
rm -f build-unit.log
echo "ok - make unit builds the unit tests"
rc=0
for t in build/unit/test_*; do
	[ -x "$t" ] || continue
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" || rc=1
done
exit $rc
