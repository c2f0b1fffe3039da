#!/bin/sh
# t-compat.sh: tests of the compat header compat/include/linux/module.h.
#  1. user-space unit tests (compat/tests/run-unit.sh): the 2.4 branch
#     against a model of the 2.4 module core, the current and legacy
#     branches against a model of the current API, the deprecation marking;
#  2. negative controls: copies of the header with one injected bug each
#     (made in a temp dir at test time) must make the named check fail;
#  3. out-of-tree module builds against every installed 6.1/6.12 kernel
#     (scripts/kernels.sh): the current API builds with zero warnings; the
#     legacy API (-DMODREF_LEGACY_API -Wdeprecated-declarations) gives
#     exactly one deprecation warning per legacy use and nothing else.
# Set MODREF_COMPAT_NO_KBUILD=1 to skip part 3.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
hdr=$top/compat/include/linux/module.h
unit=$top/compat/tests/run-unit.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-compat.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---------------------------------------------------------------- 1. unit
sh "$unit" "$top/compat/include" "$tmp/unit" >"$tmp/unit.tap" 2>&1
urc=$?
# plan: the unit checks, their exit status, 11 negative controls, then per
# kernel 3 builds (and one negative control on the first kernel)
nunit=$(grep -c -E '^(not )?ok ' "$tmp/unit.tap")
nctl=$(grep -c '^control "' "$0")
if [ "${MODREF_COMPAT_NO_KBUILD:-0}" = 1 ]; then
	nk=0
else
	kernels=$(sh scripts/kernels.sh 2>"$tmp/kernels.err")
	nk=$(echo "$kernels" | grep -c .)
fi
if [ "$nk" -gt 0 ]; then
	echo "1..$((nunit + 1 + nctl + 3 * nk + 1))"
else
	echo "1..$((nunit + 1 + nctl + 1))"
fi
cat "$tmp/unit.tap"
if [ "$urc" -eq 0 ]; then
	echo "ok - unit tests exit 0"
else
	echo "not ok - unit tests exit 0 (exit $urc)"
fi

# ---------------------------------------------------- 2. negative controls
# control NAME SECTION EXPECTED SED-SCRIPT: the header with SED-SCRIPT
# applied must produce a "not ok" line containing EXPECTED in SECTION.
n=0
control() {
	n=$((n + 1))
	d=$tmp/nc$n
	mkdir -p "$d/inc/linux"
	sed "$4" "$hdr" >"$d/inc/linux/module.h"
	if cmp -s "$hdr" "$d/inc/linux/module.h"; then
		echo "not ok - negative control: $1 (the injected bug did not apply)"
		return
	fi
	sh "$unit" "$d/inc" "$d/work" "$2" >"$d/out" 2>&1
	if grep '^not ok' "$d/out" | grep -qF -- "$3"; then
		echo "ok - negative control: $1 is caught ($3)"
	else
		echo "not ok - negative control: $1 is caught ($3)"
		grep '^not ok' "$d/out" | sed 's/^/#   /'
	fi
}

control "racy check-then-increment try_module_get" 24 \
	"interleaving: no get succeeds on a module deleted under it" \
	's/return try_inc_mod_count(mod) ? 1 : 0;/return !mod || (!(mod->flags \& MOD_DELETED) \&\& (__MOD_INC_USE_COUNT(mod), 1));/'
control "try_module_get ignoring MOD_DELETED" 24 \
	"try_module_get(deleted) is 0 and the count is unchanged" \
	's/return try_inc_mod_count(mod) ? 1 : 0;/if (mod) __MOD_INC_USE_COUNT(mod); return 1;/'
control "!CONFIG_MODULES module_refcount reading the count" 24 \
	"!CONFIG_MODULES: module_refcount is 0" \
	'/^#else \/\* !CONFIG_MODULES/,/^#endif \/\* CONFIG_MODULES/s/^	return 0;/	return mod ? (int)GET_USE_COUNT(mod) : 0;/'
control "module_put_and_exit without the put" 24 \
	"module_put_and_exit drops THIS_MODULE's ref before do_exit" \
	'/^__modref_module_put_and_exit/,/^}/{/module_put(mod);/d;}'
control "MOD_IN_USE as refcount != 0" current \
	"MOD_IN_USE is 0 in the exit function" \
	's/__modref_refcount(mod) > 0/__modref_refcount(mod) != 0/'
control "MOD_INC_USE_COUNT mapped to try_module_get" current \
	"MOD_INC_USE_COUNT is __module_get(THIS_MODULE)" \
	'/^modref_legacy_mod_inc_use_count/,/^}/s/__module_get(mod);/(void)try_module_get(mod);/'
control "missing module_put_and_exit alias (>= 5.17)" current \
	"current-6.1: both kthread exit names are defined" \
	'/^#define module_put_and_exit(code) module_put_and_kthread_exit/d'
control "missing module_put_and_kthread_exit alias (< 5.17)" current \
	"current-5.10: both kthread exit names are defined" \
	'/^#define module_put_and_kthread_exit(code) module_put_and_exit/d'
control "legacy names without MODREF_LEGACY_API" current \
	"no 2.4 name is defined without MODREF_LEGACY_API" \
	's/^#ifdef MODREF_LEGACY_API/#if 1/'
control "deprecation marking removed" deprecation \
	"MOD_INC_USE_COUNT with -Werror fails to build" \
	's/__attribute__((__deprecated__("2.4 module API: " msg)))//'
control "SET_MODULE_OWNER dropping its argument" current \
	"SET_MODULE_OWNER evaluates its argument once" \
	's/modref_legacy_set_module_owner(obj)$/modref_legacy_set_module_owner(NULL)/'

# ------------------------------------------------------ 3. kernel builds
if [ "${MODREF_COMPAT_NO_KBUILD:-0}" = 1 ]; then
	echo "ok - kernel builds # SKIP MODREF_COMPAT_NO_KBUILD=1"
	exit 0
fi
if [ -z "$kernels" ]; then
	echo "not ok - kernel headers for 6.1/6.12 found by scripts/kernels.sh"
	sed 's/^/# /' "$tmp/kernels.err"
	exit 1
fi

legacy_apis="MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT
__MOD_DEC_USE_COUNT try_inc_mod_count GET_USE_COUNT MOD_IN_USE
SET_MODULE_OWNER EXPORT_NO_SYMBOLS"

# kbuild DIR REL BUILD-DIR NAME EXTRA-KBUILD-LINE: build one module, log in DIR.log
kbuild() {
	mkdir -p "$1"
	cp "compat/tests/kmod/$4.c" "$1/"
	{
		echo "obj-m += $4.o"
		echo "NOSTDINC_FLAGS += -I$top/compat/include"
		[ -z "$5" ] || echo "$5"
	} >"$1/Kbuild"
	make -C "$3" M="$1" -j2 >"$1.log" 2>&1
}

first=1
echo "$kernels" | while read -r rel bdir _img; do
	d=$tmp/k-$rel
	if kbuild "$d/new" "$rel" "$bdir" modref_compat_new "" &&
		[ -f "$d/new/modref_compat_new.ko" ]; then
		ok=1
	else
		ok=0
	fi
	nw=$(grep -c 'warning:' "$d/new.log")
	if [ "$ok" = 1 ] && [ "$nw" = 0 ]; then
		echo "ok - $rel: current API + both kthread exit names build with zero warnings"
	else
		echo "not ok - $rel: current API + both kthread exit names build with zero warnings"
		grep -E 'warning:|error:' "$d/new.log" | sed 's/^/# /'
	fi

	if kbuild "$d/legacy" "$rel" "$bdir" modref_compat_legacy \
		"ccflags-y += -DMODREF_LEGACY_API -Wdeprecated-declarations" &&
		[ -f "$d/legacy/modref_compat_legacy.ko" ]; then
		echo "ok - $rel: legacy API builds with -DMODREF_LEGACY_API"
	else
		echo "not ok - $rel: legacy API builds with -DMODREF_LEGACY_API"
		grep -E 'warning:|error:' "$d/legacy.log" | sed 's/^/# /'
	fi
	nw=$(grep -c 'warning:' "$d/legacy.log")
	ndep=$(grep 'warning:' "$d/legacy.log" | grep -c 'is deprecated: 2.4 module API: ')
	bad=
	for api in $legacy_apis; do
		c=$(grep 'warning:' "$d/legacy.log" | grep -cF "2.4 module API: $api")
		[ "$c" = 1 ] || bad="$bad $api=$c"
	done
	if [ "$nw" = 9 ] && [ "$ndep" = 9 ] && [ -z "$bad" ]; then
		echo "ok - $rel: legacy build log has exactly one deprecation warning per legacy name (9) and nothing else"
	else
		echo "not ok - $rel: legacy build log has exactly one deprecation warning per legacy name (9) and nothing else"
		echo "# $nw warnings, $ndep deprecations, wrong counts:$bad"
	fi

	if [ "$first" = 1 ]; then
		first=0
		# negative control: without MODREF_LEGACY_API the legacy names
		# do not exist, so the legacy module must not build
		if kbuild "$d/nolegacy" "$rel" "$bdir" modref_compat_legacy ""; then
			echo "not ok - $rel: legacy module fails to build without MODREF_LEGACY_API (negative control)"
		else
			echo "ok - $rel: legacy module fails to build without MODREF_LEGACY_API (negative control)"
		fi
	fi
done
