# tests/lib.sh: the check helpers the tests/t-*.sh scripts share.
# Source it after setting T (the script's temp dir): a check's output goes
# to $T/check.log and is shown, cut to 20 lines, when the check fails.

ok() { echo "ok - $*"; }
nok() { echo "not ok - $*"; }
check() { # description command...
	_what=$1
	shift
	if "$@" >"$T/check.log" 2>&1; then ok "$_what"; else
		nok "$_what"
		sed 's/^/# /' "$T/check.log" | head -n 20
	fi
}
not() { ! "$@"; }
