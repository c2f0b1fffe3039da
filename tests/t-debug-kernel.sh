#!/bin/sh
# tests/t-debug-kernel.sh: the debug-kernel fragment and its builder.
#
# Without a cached debug kernel this builds it once (minutes on 2 cores; the
# result is cached in $MODREF_CACHE/debug-kernel/ across runs). Set
# MODREF_DEBUG_KERNEL_BUILD=0 to skip the build; the checks that need the
# kernel then report "# SKIP".
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
dk=$top/verify/debug-kernel.sh
base=$top/verify/debug.config
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-debug-kernel.XXXXXX")
bgpid=""
cleanup() {
	if [ -n "$bgpid" ]; then
		kill -KILL "-$bgpid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
skip() { echo "ok - $* # SKIP $reason"; }
# diag FILE: show a file as TAP diagnostics
diag() { sed 's/^/# /' "$1" | tail -n 5; }

# expect_fail WHAT PATTERN CMD...: CMD must fail with one stderr line
# matching PATTERN.
expect_fail() {
	what=$1 pat=$2
	shift 2
	if "$@" >"$tmp/out" 2>"$tmp/err"; then
		notok "$what (accepted)"
	elif [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "$pat" "$tmp/err"; then
		ok "$what"
	else
		notok "$what (wrong error)"
		diag "$tmp/err"
	fi
}

echo "1..27"

# The fragment the kernel is built with: verify/debug.config and the
# families' DEBUG_KCONFIG (the checks below read it).
frag=$tmp/fragment.config
"$dk" --print-fragment >"$frag" 2>"$tmp/err" || {
	diag "$tmp/err"
	: >"$frag"
}

# --- fragment, no kernel needed ----------------------------------------
if "$dk" --lint >"$tmp/out" 2>"$tmp/err"; then
	ok "fragment is well-formed ($(cut -d' ' -f2- "$tmp/out"))"
else
	notok "fragment is well-formed"
	diag "$tmp/err"
fi

printf 'CONFIG_KASAN=y\nCONFIG_MODULES=yes\n' >"$tmp/bad1.config"
expect_fail "lint rejects a bad value" "bad1.config:2: bad value for CONFIG_MODULES" \
	"$dk" --lint --fragment "$tmp/bad1.config"
printf 'CONFIG_KASAN=y\n# CONFIG_KASAN is not set\n' >"$tmp/bad2.config"
expect_fail "lint rejects an option given twice" "bad2.config:2: CONFIG_KASAN given twice" \
	"$dk" --lint --fragment "$tmp/bad2.config"
printf '#CONFIG_MODULE_FORCE_UNLOAD is not set\n' >"$tmp/bad3.config"
expect_fail "lint rejects a malformed 'is not set' line" "bad3.config:1: malformed" \
	"$dk" --lint --fragment "$tmp/bad3.config"

# A family is one directory: its needs are in its family.conf, not here.
if grep -Eiw 'busmouse|hisax|mtd|netcore|vmouse|vmtd' "$base" >"$tmp/out"; then
	notok "verify/debug.config names no family"
	diag "$tmp/out"
else
	ok "verify/debug.config names no family"
fi

# A family's DEBUG_KCONFIG reaches the fragment once, whoever asks for it;
# one that disagrees with the fragment or is not CONFIG_NAME=value is
# refused in one line naming it.
mkdir -p "$tmp/fam/a" "$tmp/fam/b"
echo 'DEBUG_KCONFIG="CONFIG_NET=y CONFIG_UNIX=y"' >"$tmp/fam/a/family.conf"
echo 'DEBUG_KCONFIG="CONFIG_NET=y CONFIG_PACKET=n"' >"$tmp/fam/b/family.conf"
if MODREF_TREE=$tmp/fam "$dk" --print-fragment >"$tmp/out" 2>"$tmp/err" &&
	[ "$(grep -c '^CONFIG_NET=y$' "$tmp/out")" = 1 ] && grep -qx 'CONFIG_UNIX=y' "$tmp/out" &&
	[ "$(grep -c '^# CONFIG_PACKET is not set$' "$tmp/out")" = 1 ] &&
	grep -qx "# the a family's needs (a/family.conf: DEBUG_KCONFIG)" "$tmp/out"; then
	ok "a family's DEBUG_KCONFIG reaches the fragment, once"
else
	notok "a family's DEBUG_KCONFIG reaches the fragment, once"
	diag "$tmp/err"
fi
echo 'DEBUG_KCONFIG="CONFIG_PACKET=y"' >"$tmp/fam/b/family.conf"
expect_fail "a family's option that disagrees with the fragment is refused" \
	'CONFIG_PACKET: "# CONFIG_PACKET is not set" (.*debug.config) and "CONFIG_PACKET=y" (the b family) disagree' \
	env MODREF_TREE="$tmp/fam" "$dk" --lint
echo 'DEBUG_KCONFIG="NET"' >"$tmp/fam/b/family.conf"
expect_fail "a DEBUG_KCONFIG word that is no option is refused" \
	"b/family.conf: DEBUG_KCONFIG: NET: not CONFIG_NAME=value" \
	env MODREF_TREE="$tmp/fam" "$dk" --lint

# Every option has a comment saying why: an option line follows a comment
# line, directly or through other option lines of the same block.
nocomment=$(awk '
	/^# CONFIG_[A-Za-z0-9_]+ is not set$/ || /^CONFIG_/ {
		if (!why) print FILENAME ":" NR ": " $0
		next
	}
	/^#/ { why = 1; next }
	{ why = 0 }' "$frag")
if [ -z "$nocomment" ]; then
	ok "every fragment option has a comment"
else
	notok "every fragment option has a comment"
	echo "$nocomment" | sed 's/^/# /'
fi

# The options the verifier depends on, with the values it depends on.
missing=""
for want in CONFIG_64BIT=y CONFIG_SLUB=y CONFIG_KASAN=y CONFIG_KASAN_GENERIC=y \
	CONFIG_KASAN_VMALLOC=y CONFIG_PROVE_LOCKING=y CONFIG_DEBUG_KMEMLEAK=y \
	"# CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF is not set" \
	"# CONFIG_DEBUG_KMEMLEAK_AUTO_SCAN is not set" \
	CONFIG_DEBUG_ATOMIC_SLEEP=y CONFIG_DEBUG_LIST=y CONFIG_DEBUG_OBJECTS=y \
	CONFIG_DEBUG_OBJECTS_TIMERS=y CONFIG_DEBUG_OBJECTS_WORK=y \
	CONFIG_DEBUG_OBJECTS_FREE=y CONFIG_DEBUG_KERNEL=y CONFIG_MODULES=y \
	CONFIG_MODULE_UNLOAD=y "# CONFIG_MODULE_FORCE_UNLOAD is not set" \
	CONFIG_KALLSYMS=y CONFIG_PRINTK=y CONFIG_SERIAL_8250_CONSOLE=y \
	CONFIG_BLK_DEV_INITRD=y CONFIG_RD_GZIP=y CONFIG_DEVTMPFS_MOUNT=y \
	CONFIG_PROC_FS=y CONFIG_SYSFS=y CONFIG_DEBUG_FS=y CONFIG_TTY=y \
	CONFIG_NET=y CONFIG_UNIX=y \
	CONFIG_BINFMT_ELF=y CONFIG_FUTEX=y CONFIG_HIGH_RES_TIMERS=y \
	"# CONFIG_PANIC_ON_OOPS is not set"; do
	grep -qxF "$want" "$frag" || missing="$missing [$want]"
done
if [ -z "$missing" ]; then
	ok "fragment asks for every option the verifier relies on"
else
	notok "fragment asks for every option the verifier relies on"
	echo "# missing:$missing"
fi

if "$dk" --check-deps 2>"$tmp/err"; then
	ok "build dependencies installed"
else
	notok "build dependencies installed"
	diag "$tmp/err"
fi
MODREF_DEBUG_KERNEL_DEPS="bc modref-no-such-package" expect_fail \
	"a missing build dependency is named, with make deps" \
	"modref-no-such-package.*make deps" "$dk" --check-deps

# --- the config check, on synthetic configs (no kernel needed) -----------
sed -e '/^#/d' -e '/^$/d' "$frag" >"$tmp/all-set.config"
grep -x '# CONFIG_[A-Z0-9_]* is not set' "$frag" >>"$tmp/all-set.config" || true
if "$dk" --check-config "$frag" "$tmp/all-set.config" 2>"$tmp/err"; then
	ok "config check accepts a config with every fragment option"
else
	notok "config check accepts a config with every fragment option"
	diag "$tmp/err"
fi
grep -v '^CONFIG_KASAN_VMALLOC=' "$tmp/all-set.config" >"$tmp/dropped.config"
expect_fail "config check names an option that was dropped" \
	"CONFIG_KASAN_VMALLOC is not set" \
	"$dk" --check-config "$frag" "$tmp/dropped.config"
sed 's/^# CONFIG_MODULE_FORCE_UNLOAD is not set$/CONFIG_MODULE_FORCE_UNLOAD=y/' \
	"$tmp/all-set.config" >"$tmp/forced.config"
expect_fail "config check names an option set against the fragment" \
	"CONFIG_MODULE_FORCE_UNLOAD=y, but" \
	"$dk" --check-config "$frag" "$tmp/forced.config"

# --- interrupted build leaves nothing that looks complete ----------------
# Start a build into a scratch cache, kill its process group during the
# extraction, then the cache must say "not built". The build runs in its own
# process group (setsid) so we can end exactly what we started.
scratch=$tmp/cache
mkdir -p "$scratch"
MODREF_CACHE=$scratch setsid "$dk" >"$tmp/int.out" 2>"$tmp/int.err" &
bgpid=$!
sleep 3
if kill -TERM "-$bgpid"; then
	wait "$bgpid" 2>/dev/null || true
	bgpid=""
fi
if [ -n "$bgpid" ]; then
	notok "an interrupted build leaves no complete-looking cache (cannot signal the build)"
elif MODREF_CACHE=$scratch "$dk" --print >/dev/null 2>&1; then
	notok "an interrupted build leaves no complete-looking cache"
else
	rc=$?
	left=$(find "$scratch/debug-kernel" -mindepth 1 -maxdepth 1 -name '.tmp-*' | wc -l)
	if [ "$rc" -eq 2 ] && [ "$left" -eq 0 ]; then
		ok "an interrupted build leaves no complete-looking cache (exit $rc, no temp dir)"
	else
		notok "an interrupted build leaves no complete-looking cache (exit $rc, $left temp dirs)"
	fi
fi
if grep -q '^debug-kernel: step 1/5 (0 s): extracting ' "$tmp/int.err"; then
	ok "a build prints its steps with the elapsed time"
else
	notok "a build prints its steps with the elapsed time"
	diag "$tmp/int.err"
fi
rm -rf "$scratch"

# --- the cached kernel ---------------------------------------------------
reason=""
if line=$("$dk" --print 2>"$tmp/err"); then
	ok "debug kernel builds (cached: $(sed -n 's/^build_seconds=//p' "$("$dk" --dir)/.modref-debug-kernel") s when it was built)"
else
	if [ "${MODREF_DEBUG_KERNEL_BUILD:-1}" = 0 ]; then
		reason="debug kernel not built and MODREF_DEBUG_KERNEL_BUILD=0"
		skip "debug kernel builds"
	else
		echo "# building the debug kernel (minutes, once per machine)"
		t0=$(date +%s)
		if line=$("$dk" 2>"$tmp/build.err"); then
			ok "debug kernel builds ($(($(date +%s) - t0)) s)"
		else
			notok "debug kernel builds"
			diag "$tmp/build.err"
			reason="debug kernel build failed"
		fi
	fi
fi

if [ -n "$reason" ]; then
	for c in "--print is fast on a cached kernel" "bzImage and Module.symvers exist" \
		"cached .config has every fragment option" \
		"cached tree has every fragment symbol" \
		"Kconfig keeps the real fragment through olddefconfig" \
		"an impossible option is rejected after olddefconfig" \
		"an option dropped by a dependency is rejected after olddefconfig" \
		"out-of-tree module pair with an export builds, modpost clean" \
		"modpost error on an undefined symbol is seen"; do
		skip "$c"
	done
	exit 0
fi

# shellcheck disable=SC2086 # three words
set -- $line
rel=$1 bzimage=$2 tree=$3
echo "# $rel $bzimage $tree"

t0=$(date +%s%N)
"$dk" --print >/dev/null
ms=$((($(date +%s%N) - t0) / 1000000))
if [ "$ms" -lt 1000 ]; then
	ok "--print is fast on a cached kernel (${ms} ms)"
else
	notok "--print is fast on a cached kernel (${ms} ms)"
fi

if [ -s "$bzimage" ] && [ -s "$tree/Module.symvers" ]; then
	ok "bzImage and Module.symvers exist"
else
	notok "bzImage and Module.symvers exist"
fi

if "$dk" --check-config "$frag" "$tree/.config" 2>"$tmp/err"; then
	ok "cached .config has every fragment option"
else
	notok "cached .config has every fragment option"
	diag "$tmp/err"
fi

if "$dk" --check-symbols "$frag" "$tree" 2>"$tmp/err"; then
	ok "cached tree has every fragment symbol"
else
	notok "cached tree has every fragment symbol"
	diag "$tmp/err"
fi

# Kconfig round trips: cached .config + a fragment appended (later lines
# win), olddefconfig into a scratch file (KCONFIG_CONFIG: the cached tree's
# own .config is not touched), then the check.
# kconfig_merge FRAGMENT OUT
kconfig_merge() {
	cat "$tree/.config" "$1" >"$2"
	make -s -C "$tree" KCONFIG_CONFIG="$2" olddefconfig >"$tmp/kconfig.log" 2>&1
}

if kconfig_merge "$frag" "$tmp/pos.config" &&
	"$dk" --check-config "$frag" "$tmp/pos.config" 2>"$tmp/err"; then
	ok "Kconfig keeps the real fragment through olddefconfig"
else
	notok "Kconfig keeps the real fragment through olddefconfig"
	diag "$tmp/err"
fi

# KASAN_SW_TAGS needs HAVE_ARCH_KASAN_SW_TAGS (arm64 only).
{ cat "$frag"; echo "# the impossible one"; echo "CONFIG_KASAN_SW_TAGS=y"; } >"$tmp/neg1.config"
if kconfig_merge "$tmp/neg1.config" "$tmp/neg1.out"; then
	expect_fail "an impossible option is rejected after olddefconfig" \
		"CONFIG_KASAN_SW_TAGS is not set" \
		"$dk" --check-config "$tmp/neg1.config" "$tmp/neg1.out"
else
	notok "an impossible option is rejected after olddefconfig (olddefconfig failed)"
	diag "$tmp/kconfig.log"
fi

# KASAN depends on SYSFS with SLUB: turning SYSFS off silently drops KASAN.
sed 's/^CONFIG_SYSFS=y$/# CONFIG_SYSFS is not set/' "$frag" >"$tmp/neg2.config"
if kconfig_merge "$tmp/neg2.config" "$tmp/neg2.out"; then
	expect_fail "an option dropped by a dependency is rejected after olddefconfig" \
		"CONFIG_KASAN is not set" \
		"$dk" --check-config "$tmp/neg2.config" "$tmp/neg2.out"
else
	notok "an option dropped by a dependency is rejected after olddefconfig (olddefconfig failed)"
	diag "$tmp/kconfig.log"
fi

# Out-of-tree modules: one exports, the other uses the export.
mkdir -p "$tmp/ext" "$tmp/undef"
cat >"$tmp/ext/modref_tdk_exp.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int modref_tdk_value(void)
{
	return 7;
}
EXPORT_SYMBOL_GPL(modref_tdk_value);
MODULE_LICENSE("GPL");
EOF
cat >"$tmp/ext/modref_tdk_use.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int modref_tdk_value(void);

static int __init modref_tdk_use_init(void)
{
	return modref_tdk_value() == 7 ? 0 : -EINVAL;
}
module_init(modref_tdk_use_init);
MODULE_LICENSE("GPL");
EOF
echo 'obj-m += modref_tdk_exp.o modref_tdk_use.o' >"$tmp/ext/Kbuild"
if make -C "$tree" M="$tmp/ext" modules >"$tmp/ext.log" 2>&1 &&
	[ -f "$tmp/ext/modref_tdk_use.ko" ] &&
	! grep -q 'modpost' "$tmp/ext.log"; then
	ok "out-of-tree module pair with an export builds, modpost clean"
else
	notok "out-of-tree module pair with an export builds, modpost clean"
	diag "$tmp/ext.log"
fi

# Negative control: a module using a symbol nobody exports must fail modpost
# (so the check above would see a missing Module.symvers or a broken export).
sed 's/modref_tdk_value/modref_tdk_nobody_exports/g' "$tmp/ext/modref_tdk_use.c" \
	>"$tmp/undef/modref_tdk_undef.c"
echo 'obj-m += modref_tdk_undef.o' >"$tmp/undef/Kbuild"
if make -C "$tree" M="$tmp/undef" modules >"$tmp/undef.log" 2>&1; then
	notok "modpost error on an undefined symbol is seen (build succeeded)"
	diag "$tmp/undef.log"
elif grep -q 'ERROR: modpost: "modref_tdk_nobody_exports" .* undefined' "$tmp/undef.log"; then
	ok "modpost error on an undefined symbol is seen"
else
	notok "modpost error on an undefined symbol is seen (other failure)"
	diag "$tmp/undef.log"
fi
