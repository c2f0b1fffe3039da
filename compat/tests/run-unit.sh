#!/bin/sh
# run-unit.sh INCDIR WORKDIR [SECTION ...]: build and run the user-space
# tests of the compat header found in INCDIR (INCDIR/linux/module.h) and
# print TAP lines ("ok - ..." / "not ok - ...", "# ..." diagnostics).
# Build products go to WORKDIR (created; must be outside the repo or under
# build/).  SECTIONs: 24 (the 2.4 branch against model-2.4), current (the
# current and legacy branches against model-current), deprecation (each
# legacy name gives exactly one deprecation warning; -Werror makes it fail).
# Default: all three.  Exit status: 0 when every check passed.
set -eu

[ $# -ge 2 ] || {
	echo "usage: run-unit.sh INCDIR WORKDIR [24|current|deprecation ...]" >&2
	exit 2
}
inc=$1
work=$2
shift 2
[ -r "$inc/linux/module.h" ] || {
	echo "run-unit.sh: $inc/linux/module.h: not readable" >&2
	exit 2
}
[ $# -gt 0 ] || set -- 24 current deprecation

here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
CC=${CC:-gcc}
WFLAGS="-std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter"
fail=0

ok() { echo "ok - $*"; }
notok() {
	echo "not ok - $*"
	fail=1
}
# show a file as TAP diagnostics
diag() { sed 's/^/# /' "$1"; }

# build NAME "CFLAGS" SRC...: compile into $work/NAME; check no warnings
build() {
	name=$1
	flags=$2
	shift 2
	# shellcheck disable=SC2086
	# the compat dir must come first, as in NOSTDINC_FLAGS
	if $CC $WFLAGS -I"$inc" -I"$here" $flags -o "$work/$name" "$@" \
		-lpthread >"$work/$name.log" 2>&1; then
		if [ -s "$work/$name.log" ]; then
			notok "$name: builds without warnings"
			diag "$work/$name.log"
		else
			ok "$name: builds without warnings"
		fi
		return 0
	fi
	notok "$name: builds"
	diag "$work/$name.log"
	return 1
}

# run NAME: run $work/NAME, pass its TAP through, a crash is a failure
run() {
	if "$work/$1" >"$work/$1.out" 2>&1; then
		cat "$work/$1.out"
	else
		rc=$?
		cat "$work/$1.out"
		grep -q '^not ok' "$work/$1.out" ||
			notok "$1: exited $rc without a failing check"
		fail=1
	fi
}

m24="-I$here/model-2.4/include"
mcur="-I$here/model-current/include"
v61=393472	# KERNEL_VERSION(6, 1, 0)
v510=330240	# KERNEL_VERSION(5, 10, 0)

section_24() {
	for v in "module:-DCONFIG_MODULES -DMODULE" \
		"builtin:-DCONFIG_MODULES" "nomodules:"; do
		name=t24-${v%%:*}
		flags="$m24 ${v#*:} -DVARIANT=\"2.4-${v%%:*}\" -pthread"
		if build "$name" "$flags" "$here/test-2.4.c" \
			"$here/model-2.4/module.c"; then
			run "$name"
		fi
	done
}

section_current() {
	for v in "6.1:-DMODEL_VERSION=$v61 -DMODULE -DCONFIG_MODULE_UNLOAD" \
		"5.10:-DMODEL_VERSION=$v510 -DMODULE -DCONFIG_MODULE_UNLOAD" \
		"6.1-legacy:-DMODEL_VERSION=$v61 -DMODULE -DCONFIG_MODULE_UNLOAD -DMODREF_LEGACY_API" \
		"5.10-legacy:-DMODEL_VERSION=$v510 -DMODULE -DCONFIG_MODULE_UNLOAD -DMODREF_LEGACY_API" \
		"6.1-legacy-builtin:-DMODEL_VERSION=$v61 -DCONFIG_MODULE_UNLOAD -DMODREF_LEGACY_API" \
		"6.1-legacy-nounload:-DMODEL_VERSION=$v61 -DMODULE -DMODREF_LEGACY_API"; do
		name=tcur-${v%%:*}
		flags="$mcur -DCONFIG_MODULES ${v#*:} -DVARIANT=\"current-${v%%:*}\""
		case $name in
		*legacy*) flags="$flags -Wno-deprecated-declarations" ;;
		esac
		if build "$name" "$flags" "$here/test-current.c" \
			"$here/model-current/module.c"; then
			run "$name"
		fi
	done
}

# one use of each legacy name: NAME|file-scope code|function body
legacy_uses() {
	cat <<'EOF'
MOD_INC_USE_COUNT||MOD_INC_USE_COUNT;
MOD_DEC_USE_COUNT||MOD_DEC_USE_COUNT;
__MOD_INC_USE_COUNT||__MOD_INC_USE_COUNT(m);
__MOD_DEC_USE_COUNT||__MOD_DEC_USE_COUNT(m);
try_inc_mod_count||if (!try_inc_mod_count(m)) return 1;
GET_USE_COUNT||return GET_USE_COUNT(m);
MOD_IN_USE||return MOD_IN_USE;
SET_MODULE_OWNER||SET_MODULE_OWNER(d);
EXPORT_NO_SYMBOLS|EXPORT_NO_SYMBOLS;|
EOF
}

# snippet FILE FILESCOPE BODY
snippet() {
	printf '%s\n' '#include <linux/module.h>' '' 'struct module __this_module;' \
		'struct nd { int x; };' "$2" '' \
		'int use(struct module *m, struct nd *d);' '' \
		'int use(struct module *m, struct nd *d)' '{' "	$3" \
		'	return 0;' '}' >"$1"
}

section_deprecation() {
	dflags="$mcur -DCONFIG_MODULES -DMODULE -DCONFIG_MODULE_UNLOAD -DMODEL_VERSION=$v61 -DMODREF_LEGACY_API"
	snippet "$work/dep-none.c" "" ""
	# shellcheck disable=SC2086
	if $CC $WFLAGS -Werror -I"$inc" $dflags -c -o "$work/dep-none.o" \
		"$work/dep-none.c" >"$work/dep-none.log" 2>&1; then
		ok "deprecation: control without a legacy use builds with -Werror"
	else
		notok "deprecation: control without a legacy use builds with -Werror"
		diag "$work/dep-none.log"
	fi
	legacy_uses | while IFS='|' read -r api top body; do
		f=$work/dep-$api
		snippet "$f.c" "$top" "$body"
		# shellcheck disable=SC2086
		$CC $WFLAGS -Wdeprecated-declarations -I"$inc" $dflags -c \
			-o "$f.o" "$f.c" >"$f.log" 2>&1 || true
		nw=$(grep -c 'warning:' "$f.log" || true)
		nd=$(grep 'warning:' "$f.log" | grep -F "$api" |
			grep -c 'deprecated' || true)
		if [ "$nw" = 1 ] && [ "$nd" = 1 ]; then
			ok "deprecation: $api gives exactly one deprecation warning naming it"
		else
			echo "not ok - deprecation: $api gives exactly one deprecation warning naming it"
			echo "# $nw warnings, $nd naming $api as deprecated"
			diag "$f.log"
		fi
		# shellcheck disable=SC2086
		if $CC $WFLAGS -Wdeprecated-declarations -Werror -I"$inc" \
			$dflags -c -o "$f.o" "$f.c" >"$f.err" 2>&1; then
			echo "not ok - deprecation: $api with -Werror fails to build"
		elif grep 'error:' "$f.err" | grep -q 'deprecated'; then
			ok "deprecation: $api with -Werror fails to build"
		else
			echo "not ok - deprecation: $api with -Werror fails to build (for another reason)"
			diag "$f.err"
		fi
	done >"$work/dep.tap"
	cat "$work/dep.tap"
	grep -q '^not ok' "$work/dep.tap" && fail=1
	# the kernel's flags come first, ccflags-y last: the last one wins
	f=$work/dep-order
	snippet "$f.c" "" "MOD_INC_USE_COUNT;"
	# shellcheck disable=SC2086
	$CC $WFLAGS -Wno-deprecated-declarations -Wdeprecated-declarations \
		-I"$inc" $dflags -c -o "$f.o" "$f.c" >"$f.log" 2>&1 || true
	if grep -q 'deprecated' "$f.log"; then
		ok "deprecation: -Wdeprecated-declarations after -Wno-... wins"
	else
		notok "deprecation: -Wdeprecated-declarations after -Wno-... wins"
	fi
	return 0
}

for s in "$@"; do
	case $s in
	24) section_24 ;;
	current) section_current ;;
	deprecation) section_deprecation ;;
	*)
		echo "run-unit.sh: $s: unknown section" >&2
		exit 2
		;;
	esac
done
exit $fail
