#!/bin/sh
# verify/debug-kernel.sh: build (once, cached) and locate the modref debug
# kernel: Debian's linux-source-6.1, `make tinyconfig` + verify/debug.config
# (KASAN, KASAN_VMALLOC, lockdep, kmemleak, debug objects, ...).
#
# Usage:
#   debug-kernel.sh [--fragment FILE]        build if not cached; print
#                                            "<release> <bzImage> <build dir>"
#   debug-kernel.sh --print [--fragment F]   same line, never builds
#                                            (exit 2 when not cached)
#   debug-kernel.sh --dir [--fragment F]     the cache dir for this key
#                                            (whether built or not)
#   debug-kernel.sh --check-config FRAGMENT CONFIG
#                                            check that CONFIG has every
#                                            option of FRAGMENT as asked
#   debug-kernel.sh --check-symbols FRAGMENT TREE
#                                            check that every symbol of
#                                            FRAGMENT exists in TREE's Kconfig
#   debug-kernel.sh --lint [--fragment F]    check the fragment is well-formed
#   debug-kernel.sh --print-fragment [--fragment F]
#                                            the fragment the kernel is built
#                                            with: F (default verify/debug.config)
#                                            and every family's DEBUG_KCONFIG
#   debug-kernel.sh --deps                   list the Debian packages needed
#   debug-kernel.sh --check-deps             check they are installed
#
# Environment:
#   MODREF_CACHE  cache root (default /var/cache/modref); the kernel goes to
#                 $MODREF_CACHE/debug-kernel/<key>/, key = sha256 of the
#                 fragment (with the families' options), the
#                 linux-source-6.1 version, the gcc version and this
#                 script's recipe number
#   MODREF_TREE   more families (converted-drivers/'s always count): a family.conf's
#                 DEBUG_KCONFIG="CONFIG_X=y CONFIG_Y=n ..." names the options
#                 its drivers need, so that a family is one directory and
#                 verify/debug.config holds only what the verifier needs
#   MODREF_JOBS   make -j (default 2; the machine is shared)
#   MODREF_PROGRESS_SECS  seconds between progress lines while building
#                 (default 15; 0 turns them off)
#   MODREF_DEBUG_KERNEL_DEPS  replaces the package list (for tests only)
#
# The output line goes to stdout; progress and errors go to stderr: one line
# per step ("step 3/5: ..."), then while kbuild runs one line every
# MODREF_PROGRESS_SECS with the elapsed time, the objects compiled so far
# (and the previous build's count, when one is cached) and what it is
# compiling now.
# Builds happen in a temporary dir next to the cache dir and are renamed into
# place only when complete, under a lock, so an interrupted build never leaves
# a cache that looks complete.
set -eu

ME=debug-kernel
# Bump when the build steps change, so old caches are not reused.
RECIPE=1
SRC_PKG=linux-source-6.1
SRC_TARBALL=/usr/src/linux-source-6.1.tar.xz
DEPS=${MODREF_DEBUG_KERNEL_DEPS:-"$SRC_PKG make gcc libc6-dev bc flex bison libelf-dev libssl-dev dwarves xz-utils lz4"}
STAMP=.modref-debug-kernel

here=$(cd "$(dirname "$0")" && pwd)
fragment=$here/debug.config
# the checkout's families, and those of MODREF_TREE too (make verifies a copy
# of a few of them: the same kernel serves it)
ckout=$(dirname "$here")/converted-drivers
cache_root=${MODREF_CACHE:-/var/cache/modref}/debug-kernel
jobs=${MODREF_JOBS:-2}
tick=${MODREF_PROGRESS_SECS:-15}
case "$tick" in
'' | *[!0-9]*) echo "$ME: MODREF_PROGRESS_SECS=$tick: not a number" >&2; exit 1 ;;
esac

die() {
	echo "$ME: $*" >&2
	exit 1
}

say() {
	echo "$ME: $*" >&2
}

# parse_fragment NAME [FILE]: well-formedness of the fragment in FILE
# (default NAME; "-": stdin); prints "SYMBOL<TAB>value" lines ("n" for "is
# not set"). Dies naming NAME:LINE on a malformed line.
parse_fragment() {
	[ "${2:-$1}" = - ] || [ -r "$1" ] || die "$1: cannot read fragment"
	awk -v f="$1" '
	function bad(why) {
		printf "%s:%d: %s\n", f, NR, why > "/dev/stderr"
		err = 1
		exit 1
	}
	/^[ \t]*$/ { next }
	/^# CONFIG_[A-Za-z0-9_]+ is not set$/ {
		sym = $2; val = "n"
	}
	/^#/ && !/^# CONFIG_[A-Za-z0-9_]+ is not set$/ {
		if ($0 ~ /^# *CONFIG_[A-Za-z0-9_]+ *(is|=)/)
			bad("malformed \"is not set\" line: " $0)
		next
	}
	!/^#/ {
		if ($0 !~ /^CONFIG_[A-Za-z0-9_]+=/)
			bad("not a CONFIG_ line: " $0)
		eq = index($0, "=")
		sym = substr($0, 1, eq - 1)
		val = substr($0, eq + 1)
		if (val !~ /^(y|m|n|-?[0-9]+|0x[0-9a-fA-F]+|"([^"\\]|\\.)*")$/)
			bad("bad value for " sym ": " val)
	}
	{
		if (sym in seen)
			bad(sym " given twice (line " seen[sym] ")")
		seen[sym] = NR
		printf "%s\t%s\n", sym, val
		n++
	}
	END {
		if (!err && n == 0) {
			printf "%s: no CONFIG_ options\n", f > "/dev/stderr"
			exit 1
		}
	}' "${2:-$1}" || exit 1
}

# compose_fragment BASE: the fragment the kernel is built with: BASE, then
# each family's DEBUG_KCONFIG under a comment naming the family.  An option
# asked for again with the same value is written once; with another value
# (by BASE or by another family) it is an error naming both.
compose_fragment() {
	fams=
	seen=" "
	for conf in "$ckout"/*/family.conf ${MODREF_TREE:+"$MODREF_TREE"/*/family.conf}; do
		[ -r "$conf" ] || continue
		fam=${conf%/family.conf}
		fam=${fam##*/}
		# a family of both trees: the checkout's
		case "$seen" in *" $fam "*) continue ;; esac
		seen="$seen$fam "
		# family.conf is shell assignments, as verify/run reads it
		opts=$(DEBUG_KCONFIG= && . "$conf" && echo "$DEBUG_KCONFIG") ||
			die "$conf: cannot read"
		[ -n "$opts" ] || continue
		fams="$fams
# the $fam family's needs ($fam/family.conf: DEBUG_KCONFIG)"
		for o in $opts; do
			case "$o" in
			CONFIG_*=n) o="# ${o%=n} is not set" ;;
			CONFIG_*=?*) ;;
			*) die "$conf: DEBUG_KCONFIG: $o: not CONFIG_NAME=value" ;;
			esac
			fams="$fams
$o"
		done
	done
	{
		cat "$1"
		[ -z "$fams" ] || echo "${fams#?}"
	} | awk -v base="$1" '
	/^# the .* family.s needs \(/ { from = $3; print; next }
	/^# CONFIG_[A-Za-z0-9_]+ is not set$/ { sym = $2 }
	/^CONFIG_/ { sym = substr($0, 1, index($0, "=") - 1) }
	sym != "" {
		if (sym in line) {
			if (line[sym] != $0) {
				printf "debug-kernel: %s: \"%s\" (%s) and \"%s\" (the %s family) disagree\n", \
					sym, line[sym], who[sym], $0, from > "/dev/stderr"
				bad = 1
				exit 1
			}
			if (from != "") {
				sym = ""
				next
			}
		}
		line[sym] = $0
		who[sym] = (from == "") ? base : "the " from " family"
		sym = ""
	}
	{ print }
	END { exit bad }'
}

# check_config FRAGMENT CONFIG: every option of FRAGMENT is set as asked in
# CONFIG. Dies with one line naming the first option that is not.
check_config() {
	[ -r "$2" ] || die "$2: cannot read config"
	opts=$(parse_fragment "$1") || exit 1
	echo "$opts" | awk -F '\t' -v cfg="$2" -v frag="$1" '
	FILENAME == "-" { want[$1] = $2; order[++n] = $1; next }
	/^CONFIG_[A-Za-z0-9_]+=/ {
		eq = index($0, "="); have[substr($0, 1, eq - 1)] = substr($0, eq + 1)
	}
	END {
		for (i = 1; i <= n; i++) {
			s = order[i]; w = want[s]
			h = (s in have) ? have[s] : "n"
			if (w == "n" && h != "n") {
				printf "%s: %s=%s, but %s asks it not set\n", cfg, s, h, frag
				exit 1
			}
			if (w != h) {
				printf "%s: %s is %s, %s asks %s (dropped by a Kconfig dependency or unknown symbol?)\n", \
					cfg, s, (s in have) ? "=" h : "not set", frag, w
				exit 1
			}
		}
	}' - "$2" >&2 || exit 1
}

# check_symbols FRAGMENT TREE: every symbol of the fragment exists in the
# tree's Kconfig (catches typos in "is not set" lines, which the .config
# check alone cannot see).
check_symbols() {
	parse_fragment "$1" | cut -f 1 | sed 's/^CONFIG_//' | while read -r s; do
		grep -rqE "^[[:space:]]*(menu)?config $s\$" --include='Kconfig*' "$2" ||
			die "$1: CONFIG_$s: no such Kconfig symbol in $SRC_PKG"
	done
}

check_deps() {
	missing=""
	for p in $DEPS; do
		st=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
		case "$st" in
		*" installed") ;;
		*) missing="$missing $p" ;;
		esac
	done
	[ -z "$missing" ] ||
		die "missing Debian package(s):$missing (\`make deps\` installs them)"
	[ -r "$SRC_TARBALL" ] || die "$SRC_TARBALL: missing (reinstall $SRC_PKG)"
}

cache_key() {
	{
		echo "recipe $RECIPE"
		echo "$SRC_PKG $srcver"
		echo "gcc $ccver"
		echo "$composed"
	} | sha256sum | cut -c 1-16
}

print_line() {
	# $1 = cache dir with a stamp
	rel=$(sed -n 's/^release=//p' "$1/$STAMP")
	[ -n "$rel" ] || die "$1/$STAMP: no release recorded"
	case "$rel" in
	[0-9]*.[0-9]*) ;;
	*) die "$1/$STAMP: release \"$rel\" is no release (a broken build: remove $1)" ;;
	esac
	echo "$rel $1/arch/x86/boot/bzImage $1"
}

# Out-of-tree modules must build against the tree: one module exporting a
# symbol used by a second one, no modpost warnings or errors.
check_extmod() {
	tree=$1
	d=$(mktemp -d "${TMPDIR:-/tmp}/modref-dk-extmod.XXXXXX")
	cat >"$d/modref_dk_exp.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int modref_dk_value(void)
{
	return 42;
}
EXPORT_SYMBOL_GPL(modref_dk_value);

MODULE_LICENSE("GPL");
EOF
	cat >"$d/modref_dk_use.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>

int modref_dk_value(void);

static int __init modref_dk_use_init(void)
{
	return modref_dk_value() == 42 ? 0 : -EINVAL;
}
module_init(modref_dk_use_init);

static void __exit modref_dk_use_exit(void)
{
}
module_exit(modref_dk_use_exit);

MODULE_LICENSE("GPL");
EOF
	echo 'obj-m += modref_dk_exp.o modref_dk_use.o' >"$d/Kbuild"
	if ! make -C "$tree" M="$d" modules >"$d/log" 2>&1; then
		cp "$d/log" "$2"
		rm -rf "$d"
		die "out-of-tree module pair does not build against $tree, see $2"
	fi
	if grep -E 'WARNING: modpost|ERROR: modpost|is missing' "$d/log" >/dev/null ||
		[ ! -f "$d/modref_dk_use.ko" ] || [ ! -f "$d/modref_dk_exp.ko" ]; then
		cp "$d/log" "$2"
		rm -rf "$d"
		die "out-of-tree module pair: modpost problem against $tree, see $2"
	fi
	rm -rf "$d"
}

# step N TEXT: one progress line with the time since the build started.
step() {
	say "step $1/5 ($(($(date +%s) - t0)) s): $2"
}

# ticker LOG EXPECTED: while kbuild runs, every $tick seconds one line:
# elapsed time, objects compiled (of EXPECTED, the last build's count, when
# known) and the last object kbuild started.  Killed by the caller.
ticker() {
	s=""
	trap 'kill "$s" 2>/dev/null; exit 0' TERM
	while :; do
		sleep "$tick" &
		s=$!
		wait "$s"
		n=$(grep -c '^  CC ' "$1" || true)
		cur=$(grep -E '^  (CC|AS|LD|AR|OBJTOOL|GEN|KSYMS|MODPOST|OBJCOPY|ZOFFSET|HOSTCC)( |\[)' "$1" |
			tail -n 1 | awk '{ print $1 " " $NF }')
		of=""
		[ -z "$2" ] || of=" of ~$2"
		say "building: $(($(date +%s) - t0)) s, $n objects$of compiled, now: ${cur:-starting}"
	done
}

build() {
	key=$1
	dest=$cache_root/$key
	mkdir -p "$cache_root" || die "$cache_root: cannot create cache dir"
	exec 9>"$cache_root/.lock"
	if ! flock -n 9; then
		say "another build holds $cache_root/.lock, waiting"
		flock 9
	fi
	if [ -f "$dest/$STAMP" ]; then
		# built by whoever held the lock
		return 0
	fi
	[ ! -e "$dest" ] || die "$dest: exists but has no $STAMP (remove it)"
	# Leftovers of killed builds; we hold the lock, so nobody uses them.
	rm -rf "$cache_root"/.tmp-*
	tmp=$cache_root/.tmp-$key-$$
	log=$cache_root/build-$key.log
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	mkdir "$tmp"
	: >"$log"
	t0=$(date +%s)
	# A complete cache from the same source and compiler seeds the tree:
	# the config is regenerated from scratch below and kbuild's per-option
	# dependencies rebuild only what the fragment change touches.
	seed=""
	for d in "$cache_root"/*; do
		[ -f "$d/$STAMP" ] || continue
		grep -qxF "source=$SRC_PKG $srcver" "$d/$STAMP" &&
			grep -qxF "gcc=$ccver" "$d/$STAMP" && seed=$d
	done
	# objects of the newest complete build: the progress lines' scale
	expect=""
	for d in "$cache_root"/*; do
		[ -f "$d/$STAMP" ] || continue
		o=$(sed -n 's/^objects=//p' "$d/$STAMP")
		[ -z "$o" ] || expect=$o
	done
	if [ -n "$seed" ]; then
		step 1 "copying $seed into $tmp (incremental build)"
		cp -a "$seed/." "$tmp/" || die "$seed: copy failed"
		rm -f "$tmp/$STAMP" "$tmp/.modref-debug.config"
	else
		step 1 "extracting $SRC_PKG ($srcver) into $tmp"
		tar -xJf "$SRC_TARBALL" -C "$tmp" --strip-components=1 ||
			die "$SRC_TARBALL: extraction failed"
	fi
	frag=$tmp/.modref-debug.config
	echo "$composed" >"$frag"
	check_symbols "$frag" "$tmp"
	step 2 "configuring: tinyconfig + $fragment + the families' DEBUG_KCONFIG"
	(
		cd "$tmp"
		make tinyconfig &&
			scripts/kconfig/merge_config.sh -m .config "$frag" &&
			make olddefconfig
	) >>"$log" 2>&1 || die "configuration failed, see $log"
	check_config "$frag" "$tmp/.config"
	step 3 "building bzImage + modules (-j$jobs), log: $log"
	tpid=""
	if [ "$tick" -gt 0 ]; then
		ticker "$log" "$expect" >/dev/null &
		tpid=$!
		trap 'kill "$tpid" 2>/dev/null; rm -rf "$tmp"' EXIT
	fi
	brc=0
	(cd "$tmp" && make -j"$jobs" bzImage modules modules_prepare) >>"$log" 2>&1 || brc=$?
	if [ -n "$tpid" ]; then
		kill "$tpid" 2>/dev/null || true
		wait "$tpid" 2>/dev/null || true
		trap 'rm -rf "$tmp"' EXIT
	fi
	[ "$brc" -eq 0 ] || die "kernel build failed ($(tail -n 1 "$log")), see $log"
	nobj=$(grep -c '^  CC ' "$log" || true)
	[ -f "$tmp/arch/x86/boot/bzImage" ] || die "$tmp: no bzImage after build, see $log"
	[ -f "$tmp/Module.symvers" ] || die "$tmp: no Module.symvers after build, see $log"
	# --no-print-directory: under a parent make (make's own debug-kernel
	# step) -s alone still prints "Entering directory" lines
	rel=$(cd "$tmp" && make -s --no-print-directory kernelrelease) ||
		die "make kernelrelease failed"
	case "$rel" in
	[0-9]*.[0-9]*) ;;
	*) die "make kernelrelease printed \"$rel\", not a release" ;;
	esac
	step 4 "checking that an out-of-tree module pair builds"
	check_extmod "$tmp" "$cache_root/extmod-$key.log"
	t1=$(date +%s)
	{
		echo "release=$rel"
		echo "source=$SRC_PKG $srcver"
		echo "gcc=$ccver"
		echo "recipe=$RECIPE"
		echo "build_seconds=$((t1 - t0))"
		echo "objects=$nobj"
	} >"$tmp/$STAMP"
	step 5 "installing into $dest"
	mv -T "$tmp" "$dest" || die "$dest: cannot rename $tmp into place"
	trap - EXIT INT TERM
	say "built $rel in $((t1 - t0)) s ($nobj objects, load $(cut -d' ' -f1-3 /proc/loadavg)): $dest"
}

mode=build
while [ $# -gt 0 ]; do
	case "$1" in
	--print) mode=print ;;
	--dir) mode=dir ;;
	--deps) echo "$DEPS"; exit 0 ;;
	--check-deps) check_deps; exit 0 ;;
	--lint) mode=lint ;;
	--print-fragment) mode=fragment ;;
	--check-symbols)
		[ $# -eq 3 ] || die "usage: $0 --check-symbols FRAGMENT TREE"
		[ -f "$3/Kconfig" ] || die "$3: not a kernel source tree"
		check_symbols "$2" "$3"
		exit 0
		;;
	--fragment)
		[ $# -ge 2 ] || die "--fragment needs a file"
		fragment=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") ||
			die "$2: no such directory"
		shift
		;;
	--check-config)
		[ $# -eq 3 ] || die "usage: $0 --check-config FRAGMENT CONFIG"
		check_config "$2" "$3"
		exit 0
		;;
	-h | --help)
		sed -n '2,/^set -eu/p' "$0" | sed '$d'
		exit 0
		;;
	*) die "unknown argument: $1 (see --help)" ;;
	esac
	shift
done

parse_fragment "$fragment" >/dev/null
composed=$(compose_fragment "$fragment") || exit 1
echo "$composed" | parse_fragment "$fragment + DEBUG_KCONFIG" - >/dev/null
srcver=$(dpkg-query -W -f '${Version}' "$SRC_PKG" 2>/dev/null) ||
	die "missing Debian package(s): $SRC_PKG (\`make deps\` installs them)"
ccver=$(gcc -dumpfullversion 2>/dev/null || echo none)
key=$(cache_key)
dest=$cache_root/$key

case $mode in
lint)
	echo "$fragment: $(parse_fragment "$fragment" | wc -l) options," \
		"$(echo "$composed" | parse_fragment - - | wc -l) with the families'"
	exit 0
	;;
fragment)
	echo "$composed"
	exit 0
	;;
dir)
	echo "$dest"
	exit 0
	;;
print)
	if [ ! -f "$dest/$STAMP" ]; then
		echo "$ME: not built: $dest (run verify/debug-kernel.sh)" >&2
		exit 2
	fi
	print_line "$dest"
	exit 0
	;;
esac

if [ ! -f "$dest/$STAMP" ]; then
	check_deps
	build "$key"
fi
print_line "$dest"
