#!/bin/sh
# The CI template fans out exactly the matrix `make verify` knows, and each
# job runs make verify with its kernel and family and publishes JUnit.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
wf=.github/workflows/verify.yml

# "kernel: [a, b]" -> "a b"
yaml_list() {
	sed -n "s/^ *$1: *\[\(.*\)\] *$/\1/p" "$2" | tr -d ' ' | tr ',' ' '
}

check() {	# what want got
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		echo "#   make matrix: '$2'"
		echo "#   template:    '$3'"
	fi
}

echo "1..6"
mk_k=$(make -s matrix | sed -n 's/^kernels: //p')
mk_f=$(make -s matrix | sed -n 's/^families: //p')
if [ -n "$mk_f" ]; then
	echo "ok - make matrix lists families"
else
	echo "not ok - make matrix lists families"
fi
check "CI template kernels = make verify kernels" "$mk_k" "$(yaml_list kernel $wf)"
check "CI template families = make verify families" "$mk_f" "$(yaml_list family $wf)"

if grep -q 'make verify KERNELS=${{ matrix.kernel }} FAMILIES=${{ matrix.family }}' $wf; then
	echo "ok - each CI job runs make verify for its kernel and family"
else
	echo "not ok - each CI job runs make verify for its kernel and family"
fi
if grep -q 'build/verify/junit.xml' $wf; then
	echo "ok - each CI job publishes its JUnit file"
else
	echo "not ok - each CI job publishes its JUnit file"
fi

# negative control: a template missing a family is caught
sed 's/family: \[busmouse, /family: [/' $wf >"${TMPDIR:-/tmp}/modref-wf.$$"
got=$(yaml_list family "${TMPDIR:-/tmp}/modref-wf.$$")
rm -f "${TMPDIR:-/tmp}/modref-wf.$$"
if [ "$got" != "$mk_f" ]; then
	echo "ok - a template that drops a family is detected (negative control)"
else
	echo "not ok - a template that drops a family is detected (negative control)"
fi
