#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# End-to-end tests of `modref convert` and `modref audit` (build/bin/modref)
# on small trees generated here, with the fixture rules in tests/fixtures/convert/rules
# (stable, independent of the real rules), plus one run of the real
# semantic-patches/ over converted-drivers/*/legacy when they exist.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
modref=$top/build/bin/modref
make -s -C "$top" modref >/dev/null
conv() { "$modref" convert "$@"; }
audit() { "$modref" audit "$@"; }
fixrules=$top/tests/fixtures/convert/rules
export MODREF_RULES="$fixrules"
export MODREF_SIGNOFF="Test Maintainer <maint@example.org>"
export SOURCE_DATE_EPOCH=1700000000

# plan: 82 checks on the fixture trees and small real-rules trees, then 5 per family of the real-rules
# run (one family, or all with T_CONVERT_ALL=1; one SKIP without rules).
# A new check here means a new number: tests/run fails a script that runs
# fewer or more checks than it planned.
if ls "$top"/semantic-patches/*.cocci >/dev/null 2>&1; then
	if [ "${T_CONVERT_ALL:-}" = 1 ]; then
		nreal=$((5 * $(ls -d "$top"/converted-drivers/*/legacy | wc -l)))
	else
		nreal=5
	fi
else
	nreal=1
fi
echo "1..$((82 + nreal))"

T=$(mktemp -d /tmp/t-convert.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM

fails=0
ok() { echo "ok - $*"; }
nok() {
	echo "not ok - $*"
	fails=$((fails + 1))
}
check() { # description command...
	_what=$1
	shift
	if "$@" >"$T/check.log" 2>&1; then ok "$_what"; else
		nok "$_what"
		sed 's/^/# /' "$T/check.log" | head -n 20
	fi
}
not() { ! "$@"; }

treesum() { (cd "$1" && find . -type f -print | LC_ALL=C sort | xargs cksum) }

# counted_methods NAME [LINE...]: a 2.4 file whose NAME_open/NAME_release
# count the module themselves, after <linux/module.h> and the LINEs
counted_methods() {
	name=$1
	shift
	printf '%s\n' '#include <linux/module.h>' "$@"
	cat <<EOF

int ${name}_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

int ${name}_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}
EOF
}

# ---- fixture tree ---------------------------------------------------------
mk_tree() { # dir
	mkdir -p "$1/drivers/char/vmouse" "$1/drivers/block" "$1/lib"
	cat >"$1/drivers/char/vmouse/vmouse_fops.c" <<'EOF'
#include <linux/fs.h>
#include "vmouse.h"

struct file_operations vmouse_fops = {
	.open = vmouse_open,
	.release = vmouse_release,
};
EOF
	cat >"$1/drivers/char/vmouse/vmouse.h" <<'EOF'
int vmouse_open(struct inode *inode, struct file *file);
int vmouse_release(struct inode *inode, struct file *file);
EOF
	counted_methods vmouse '#include "vmouse.h"' >"$1/drivers/char/vmouse/vmouse_main.c"
	cat >"$1/drivers/block/vblk.c" <<'EOF'
#include <linux/module.h>

static int vblk_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	SET_MODULE_OWNER(file);
	return 0;
}

static struct file_operations vblk_fops = {
	.open = vblk_open,
};
EOF
	cat >"$1/drivers/block/broken.c" <<'EOF'
int broken_ok(void)
{
	MOD_INC_USE_COUNT;
	return 0;
}

int broken_bad(void)
{
	int x = ) ;
	MOD_DEC_USE_COUNT;
	return x;
}
EOF
	cat >"$1/lib/plain.c" <<'EOF'
int plain(void)
{
	return 42;
}
EOF
}

mk_tree "$T/src"
sum0=$(treesum "$T/src")

# ---- convert -----------------------------------------------------------------
rc=0
conv "$T/src" "$T/out" 2>"$T/conv.err" || rc=$?
check "convert exits 0 on the fixture tree" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/conv.err"
check "convert prints progress on stderr" grep -q '^modref: \[1/' "$T/conv.err"
check "SRC is untouched by convert" test "$sum0" = "$(treesum "$T/src")"
check "OUT has series, diffstat, report.txt, report.json" \
	test -f "$T/out/series" -a -f "$T/out/diffstat" -a -f "$T/out/report.txt" -a -f "$T/out/report.json"
check "no temp dir left next to OUT" test -z "$(ls -d "$T"/out.tmp.* 2>/dev/null)"
check "series has one patch per directory with changes (2)" test "$(wc -l <"$T/out/series")" -eq 2
allexist() { while IFS= read -r p; do test -f "$T/out/$p" || return 1; done <"$T/out/series"; }
check "every patch in series exists" allexist
check "patch names follow NNNN-<prefix>-convert-to-try_module_get-module_put.patch" \
	test "$(cat "$T/out/series")" = "0001-block-convert-to-try_module_get-module_put.patch
0002-vmouse-convert-to-try_module_get-module_put.patch"

p1=$T/out/0001-block-convert-to-try_module_get-module_put.patch
p2=$T/out/0002-vmouse-convert-to-try_module_get-module_put.patch
check "patch 1 has the mbox From line" \
	test "$(head -n 1 "$p1")" = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
check "patch subjects are numbered n/m with a directory prefix" \
	grep -qx 'Subject: \[PATCH 2/2\] vmouse: convert to try_module_get()/module_put()' "$p2"
check "Signed-off-by comes from MODREF_SIGNOFF" \
	grep -qx 'Signed-off-by: Test Maintainer <maint@example.org>' "$p1"
check "From: comes from MODREF_SIGNOFF" grep -qx 'From: Test Maintainer <maint@example.org>' "$p1"
check "body names the rules that fired" grep -q '^\* mod_inc_dec (2 files):' "$p1"
check "body gives the reasoning" grep -q 'caller has already jumped into' "$p1"
check "patch has a --- line and a diffstat" grep -q '^ 2 files changed' "$p1"
check "the table and its methods in one directory are one patch" \
	test "$(grep -c '^diff --git a/drivers/char/vmouse/' "$p2")" -eq 2

# patch -p1, and the patched tree
cp -r "$T/src" "$T/applied"
applyall() {
	while IFS= read -r p; do
		(cd "$T/applied" && patch -s -p1 <"$T/out/$p") || return 1
	done <"$T/out/series"
}
dryall() {
	while IFS= read -r p; do
		(cd "$T/src" && patch -s -p1 --dry-run <"$T/out/$p") || return 1
	done <"$T/out/series"
}
check "every patch applies with patch -p1 --dry-run from SRC's root" dryall
check "the series applies with patch -p1" applyall
check "the patched tree has no MOD_INC_USE_COUNT left outside unparsable code" \
	test "$(grep -rlw MOD_INC_USE_COUNT "$T/applied" | wc -l)" -eq 0
check "the patched tree has .owner in both tables" \
	test "$(grep -rl 'owner = THIS_MODULE' "$T/applied" | wc -l)" -eq 2
# negative control: a damaged patch must fail the same check
sed 's/^-\tMOD_INC_USE_COUNT;/-\tMOD_INC_USE_COUNTX;/' "$p1" >"$T/damaged.patch"
check "negative control: a damaged patch fails patch -p1 --dry-run" \
	not sh -c 'cd "$1" && patch -s -p1 --dry-run <"$2"' sh "$T/src" "$T/damaged.patch"

# git am in a scratch repo
gitam() {
	rm -rf "$T/git"
	cp -r "$T/src" "$T/git"
	(
		cd "$T/git"
		git init -q
		git add -A
		git -c user.name=t -c user.email=t@example.org commit -q -m base
		while IFS= read -r p; do
			git -c user.name=t -c user.email=t@example.org am -q "$T/out/$p" || exit 1
		done <"$T/out/series"
		test "$(git rev-list --count HEAD)" -eq 3
		git log -1 --format=%an%n%ae%n%s HEAD~1 >"$T/gitlog"
	)
}
check "the series applies with git am (one commit per patch)" gitam
check "git am took author and subject from the mbox header" \
	test "$(cat "$T/gitlog" 2>/dev/null)" = "Test Maintainer
maint@example.org
block: convert to try_module_get()/module_put()"
check "git am result equals the patch -p1 result" \
	test "$(treesum "$T/applied")" = "$(cd "$T/git" && git ls-files | LC_ALL=C sort | sed 's|^|./|' | xargs cksum)"

# report
jsoncheck() { # file: valid JSON array of objects with exactly the 4 fields
	python3 -m json.tool "$1" >/dev/null &&
		python3 - "$1" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
assert isinstance(a, list)
for o in a:
    assert sorted(o) == ["file", "line", "message", "rule"], o
    assert isinstance(o["line"], int) and isinstance(o["file"], str)
    assert not o["file"].startswith("/") and not o["file"].startswith("./"), o
EOF
}
check "report.json is valid JSON with file/line/rule/message" jsoncheck "$T/out/report.json"
printf '[{"file": "a.c", "line": 1, "rule": "x", "message": "a "b""}]\n' >"$T/bad.json"
check "negative control: the JSON check rejects badly escaped JSON" not jsoncheck "$T/bad.json"
check "report.txt and report.json have the same number of entries" test \
	"$(wc -l <"$T/out/report.txt")" -eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out/report.json")"
check "the unparsable file is in the report (rule parse)" \
	grep -q '^drivers/block/broken.c:[0-9]*: parse: spatch cannot parse' "$T/out/report.txt"
check "report.json has the parse entry too" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert any(o["rule"] == "parse" and o["file"] == "drivers/block/broken.c" for o in a)' "$T/out/report.json"
check "a message with quotes survives JSON escaping" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert any(o["message"] == "SET_MODULE_OWNER \"quoted\" is a no-op" and o["line"] == 5
           and o["file"] == "drivers/block/vblk.c" for o in a), a' "$T/out/report.json"

# second run on the patched tree
rc=0
conv "$T/applied" "$T/out2" 2>"$T/conv2.err" || rc=$?
check "second run on the patched tree exits 0" test "$rc" -eq 0
check "second run gives an empty series file" test -f "$T/out2/series" -a ! -s "$T/out2/series"
check "second run writes no patch" test -z "$(ls "$T/out2"/*.patch 2>/dev/null)"
check "second run still writes the report (parse problem still listed)" \
	grep -q '^drivers/block/broken.c:[0-9]*: parse:' "$T/out2/report.txt"

# ---- audit -------------------------------------------------------------------
rc=0
audit "$T/src" "$T/aud" 2>"$T/aud.err" || rc=$?
check "audit exits 0" test "$rc" -eq 0
check "audit writes report.txt and report.json and no series" \
	test -f "$T/aud/report.txt" -a -f "$T/aud/report.json" -a ! -e "$T/aud/series"
check "audit report.json is valid" jsoncheck "$T/aud/report.json"
check "audit runs only the report-only rules" \
	test -z "$(grep -v -e ': set_owner: ' -e ': owner_xfile: ' -e ': parse: ' "$T/aud/report.txt")"
check "audit sees a table and its open method in two files of one directory" \
	grep -q '^drivers/char/vmouse/vmouse_main.c:6: owner_xfile: open method vmouse_open' "$T/aud/report.txt"
# negative control: the same two files in different directories
mkdir -p "$T/split/x" "$T/split/y"
cp "$T/src/drivers/char/vmouse/vmouse_fops.c" "$T/split/x/"
cp "$T/src/drivers/char/vmouse/vmouse_main.c" "$T/split/y/"
audit "$T/split" "$T/aud-split" 2>/dev/null || true
check "negative control: no cross-file finding when the files are in different directories" \
	not grep -q owner_xfile "$T/aud-split/report.txt"
check "SRC is untouched by audit" test "$sum0" = "$(treesum "$T/src")"

# ---- errors --------------------------------------------------------------------
errcase() { # description expected-substring out-path-or-- command...
	d=$1 want=$2 o=$3
	shift 3
	before=
	[ "$o" = -- ] || before=$(ls -la "$o" 2>/dev/null || echo absent)
	rc=0
	"$@" >"$T/err.out" 2>"$T/err.err" || rc=$?
	# progress lines before a late failure are allowed; the error is one line
	grep -v -E '^modref: (\[|scan:|re-parsing|patch [0-9]|stats:)' \
		"$T/err.err" >"$T/err.msg" || true
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$T/err.msg")" -eq 1 ] && grep -q -- "$want" "$T/err.msg"; then
		ok "$d: one-line error, exit $rc"
	else
		nok "$d: rc=$rc"
		sed 's/^/# /' "$T/err.err" | head -n 5
	fi
	if [ "$o" != -- ]; then
		after=$(ls -la "$o" 2>/dev/null || echo absent)
		check "$d: OUT not created or changed" test "$before" = "$after"
		check "$d: no temp dir left" test -z "$(ls -d "$o".tmp.* 2>/dev/null)"
	fi
}
errcase "convert, missing SRC" "$T/nonexistent: no such directory" "$T/e1" \
	conv "$T/nonexistent" "$T/e1"
errcase "audit, missing SRC" "$T/nonexistent: no such directory" "$T/e2" \
	audit "$T/nonexistent" "$T/e2"
errcase "convert, SRC is a file" "not a directory" "$T/e3" \
	conv "$T/src/lib/plain.c" "$T/e3"
mkdir "$T/full"
echo keep >"$T/full/keep"
errcase "convert, OUT exists and is not empty" "$T/full: exists and is not empty" "$T/full" \
	conv "$T/src" "$T/full"
errcase "audit, OUT exists and is not empty" "$T/full: exists and is not empty" "$T/full" \
	audit "$T/src" "$T/full"
check "the non-empty OUT keeps its content" test "$(cat "$T/full/keep")" = keep
# unreadable SRC: as root permissions do not bite, so run the tool as nobody
mkdir -p "$T/unread/d"
cp "$T/src/drivers/block/vblk.c" "$T/unread/d/"
chmod 000 "$T/unread"
chmod 755 "$T"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$modref"; then
	asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	asnobody() { "$@"; }
fi
errcase "convert, unreadable SRC" "$T/unread: not readable" "$T/e4" \
	asnobody "$modref" convert "$T/unread" "$T/e4"
errcase "audit, unreadable SRC" "$T/unread: not readable" "$T/e5" \
	asnobody "$modref" audit "$T/unread" "$T/e5"
chmod 755 "$T/unread"
chmod 000 "$T/unread/d/vblk.c"
mkdir -m 777 "$T/nob"
errcase "convert, unreadable file inside SRC" "cannot read the tree" "$T/nob/e6" \
	asnobody "$modref" convert "$T/unread" "$T/nob/e6"
chmod 644 "$T/unread/d/vblk.c"
errcase "convert, bad MODREF_SIGNOFF" "MODREF_SIGNOFF" "$T/e7" \
	env MODREF_SIGNOFF="nobody" "$modref" convert "$T/src" "$T/e7"
# a rule spatch rejects: the failure is reported and nothing is left behind
mkdir "$T/badrules"
cp "$fixrules"/* "$T/badrules/"
{
	sed -n '1,/^\/\/ Keywords:/p' "$fixrules/mod_inc_dec.cocci"
	printf '@@\n@@\n- MOD_INC_USE_COUNT(\n'
} >"$T/badrules/mod_inc_dec.cocci"
errcase "convert, a rule spatch cannot parse" "spatch failed: .*parse error" "$T/e8" \
	env MODREF_RULES="$T/badrules" "$modref" convert "$T/src" "$T/e8"
# an empty existing OUT is fine
mkdir "$T/empty"
rc=0
audit "$T/src" "$T/empty" 2>/dev/null || rc=$?
check "an existing empty OUT is accepted" test "$rc" -eq 0 -a -s "$T/empty/report.txt"

# ---- subject prefix for a family's legacy dir ----------------------------------------
mkdir -p "$T/fam/busmouse/legacy"
cp "$T/src/drivers/block/vblk.c" "$T/fam/busmouse/legacy/busmouse.c"
cp "$T/src/drivers/char/vmouse/vmouse_main.c" "$T/fam/busmouse/legacy/vmouse.c"
conv "$T/fam/busmouse/legacy" "$T/famout" 2>/dev/null || true
check "a family's legacy dir gives the family name as prefix" \
	test "$(cat "$T/famout/series" 2>/dev/null)" = "0001-busmouse-convert-to-try_module_get-module_put.patch"

# ---- the real rules over our legacy drivers, when both exist --------------------------
if ls "$top"/semantic-patches/*.cocci >/dev/null 2>&1; then
	# one family by default (each run takes a while); T_CONVERT_ALL=1 for all
	fams=$top/converted-drivers/busmouse/legacy
	[ "${T_CONVERT_ALL:-}" != 1 ] || fams=$(ls -d "$top"/converted-drivers/*/legacy)
	for fam in $fams; do
		[ -d "$fam" ] && [ -n "$(ls "$fam"/*.c 2>/dev/null)" ] || continue
		f=$(basename "$(dirname "$fam")")
		s0=$(treesum "$fam")
		rc=0
		MODREF_RULES=$top/semantic-patches conv "$fam" "$T/real-$f" 2>"$T/real-$f.err" || rc=$?
		check "real rules: convert $f exits 0" test "$rc" -eq 0
		[ "$rc" -eq 0 ] || { sed 's/^/# /' "$T/real-$f.err" | tail -n 5; continue; }
		check "real rules: $f legacy/ untouched" test "$s0" = "$(treesum "$fam")"
		check "real rules: $f report.json valid" jsoncheck "$T/real-$f/report.json"
		rm -rf "$T/real-$f-tree"
		cp -r "$fam" "$T/real-$f-tree"
		app() {
			while IFS= read -r p; do
				(cd "$T/real-$f-tree" && patch -s -p1 <"$T/real-$f/$p") || return 1
			done <"$T/real-$f/series"
		}
		check "real rules: $f series applies with patch -p1" app
		MODREF_RULES=$top/semantic-patches conv "$T/real-$f-tree" "$T/real2-$f" 2>/dev/null || true
		check "real rules: $f second run gives an empty series" \
			test -f "$T/real2-$f/series" -a ! -s "$T/real2-$f/series"
	done
	# EXPORT_NO_SYMBOLS at file scope and under #if, in files no rule
	# changes otherwise: postpass --exports-only takes them out
	rm -rf "$T/ens" "$T/ens-out"
	mkdir -p "$T/ens/drv"
	printf '%s\n' '#include <linux/module.h>' '' \
		'#if LINUX_VERSION_CODE < KERNEL_VERSION(2,5,0)' 'EXPORT_NO_SYMBOLS;' \
		'#endif' '' 'static int __init e_init(void)' '{' '	return 0;' '}' \
		'module_init(e_init);' >"$T/ens/drv/e.c"
	printf '%s\n' '#include <linux/module.h>' '' 'EXPORT_NO_SYMBOLS;' \
		'MODULE_LICENSE("GPL");' >"$T/ens/drv/f.c"
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$T/ens" "$T/ens-out" 2>"$T/ens.err" || rc=$?
	ens_gone() {
		[ "$rc" -eq 0 ] && [ -s "$T/ens-out/series" ] || return 1
		rm -rf "$T/ens-tree" && cp -r "$T/ens" "$T/ens-tree" &&
			(cd "$T/ens-tree" && patch -s -p1 <"$T/ens-out/$(head -n 1 "$T/ens-out/series")") &&
			! grep -rq 'EXPORT_NO_SYMBOLS\|#if\|#endif' "$T/ens-tree"
	}
	check "real rules: file-scope and #if EXPORT_NO_SYMBOLS go from files no rule touched" ens_gone
	# a 2.4 file system ending in module_init(x) and module_exit(x) with
	# no ';' (a rule's `declarer name` made spatch fail there) and a
	# #define body that is not C: no parse finding for the code, one
	# parse-define for the body, and the series does not add the ';'
	rm -rf "$T/semi" "$T/semi-out"
	mkdir -p "$T/semi/fs/vfs"
	printf '%s\n' '#include <linux/module.h>' '#include <linux/fs.h>' '' \
		'#define vdebug if (vfs_debug) printk' '' 'static int vfs_debug;' '' \
		'static int __init init_v_fs(void)' '{' '	vdebug("v\n");' \
		'	return register_filesystem(&v_fs_type);' '}' '' \
		'static void __exit exit_v_fs(void)' '{' '	unregister_filesystem(&v_fs_type);' '}' '' \
		'EXPORT_NO_SYMBOLS;' '' 'module_init(init_v_fs)' 'module_exit(exit_v_fs)' \
		>"$T/semi/fs/vfs/super.c"
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$T/semi" "$T/semi-out" 2>"$T/semi.err" || rc=$?
	semi_kept() {
		[ "$rc" -eq 0 ] && [ -s "$T/semi-out/series" ] || return 1
		! grep -q ': parse:' "$T/semi-out/report.txt" &&
			grep -q '^fs/vfs/super\.c:4: parse-define: a #define body' "$T/semi-out/report.txt" &&
			grep -q '0 parse, 1 parse-define' "$T/semi.err" || return 1
		rm -rf "$T/semi-tree" && cp -r "$T/semi" "$T/semi-tree" &&
			(cd "$T/semi-tree" && patch -s -p1 <"$T/semi-out/$(head -n 1 "$T/semi-out/series")") &&
			! grep -q 'EXPORT_NO_SYMBOLS' "$T/semi-tree/fs/vfs/super.c" &&
			tail -n 2 "$T/semi-tree/fs/vfs/super.c" | cmp -s - "$T/semi.want"
	}
	printf '%s\n' 'module_init(init_v_fs)' 'module_exit(exit_v_fs)' >"$T/semi.want"
	check "real rules: module_init/module_exit without ';' parse, keep their form; a #define body is parse-define" semi_kept
	# a 2.4 protocol family whose proto_ops are named through
	# SOCKOPS_WRAPPED() (tests/fixtures/wrapped): the table gets its owner
	# and release loses its count, the macro stays in the series; the
	# negative control, the same rules with the macro file's
	# SOCKOPS_WRAPPED entry taken out, leaves release's count (reported)
	wrapped=$top/tests/fixtures/wrapped
	rm -rf "$T/wr-out" "$T/wr-rules" "$T/wr-out0"
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$wrapped" "$T/wr-out" 2>"$T/wr.err" || rc=$?
	cp -r "$top/semantic-patches" "$T/wr-rules"
	sed -i '/^#define SOCKOPS_WRAPPED(/d' "$T/wr-rules/macros-2.4.h"
	rc0=0
	MODREF_RULES=$T/wr-rules conv "$wrapped" "$T/wr-out0" 2>"$T/wr0.err" || rc0=$?
	wrapped_owned() {
		[ "$rc" -eq 0 ] && [ -s "$T/wr-out/series" ] || return 1
		rm -rf "$T/wr-tree" && cp -r "$wrapped" "$T/wr-tree" &&
			(cd "$T/wr-tree" && patch -s -p1 <"$T/wr-out/$(head -n 1 "$T/wr-out/series")") || return 1
		f=$T/wr-tree/net/vproto/af_vproto.c
		# the report says which target made both tables convert, and
		# nothing else
		! grep -q 'MOD_.*_USE_COUNT' "$f" &&
			test "$(grep -c . "$T/wr-out/report.txt")" -eq 2 &&
			grep -q '^net/vproto/af_vproto\.c:32: owner_table: owner of struct proto_ops set for target current: the member exists since 2\.6\.12' "$T/wr-out/report.txt" &&
			grep -q '^net/vproto/af_vproto\.c:68: owner_table: owner of struct net_proto_family set for target current' "$T/wr-out/report.txt" &&
			grep -qx 'static struct proto_ops SOCKOPS_WRAPPED(vproto_ops) = {' "$f" &&
			test "$(grep -c '^	\.owner = THIS_MODULE,$' "$f")" -eq 2 &&
			! grep -q 'proto_ops vproto_ops' "$f" &&
			# the negative control: without the entry the count stays
			[ "$rc0" -eq 0 ] &&
			grep -q '^net/vproto/af_vproto\.c:24: legacy_tokens: legacy token MOD_DEC_USE_COUNT' "$T/wr-out0/report.txt"
	}
	check "real rules: a SOCKOPS_WRAPPED() proto_ops table gets .owner, release loses its count, the macro stays, the report names the target (without the macro file entry: left)" wrapped_owned
	# a table filled in at run time in a file without <linux/module.h>
	# (its methods, which counted, live in another file): the owner
	# assignment brings the header along
	rm -rf "$T/inc" "$T/inc-out"
	mkdir -p "$T/inc/drv"
	counted_methods vcard '#include <linux/fs.h>' '#include "vcard.h"' >"$T/inc/drv/vchr.c"
	cat >"$T/inc/drv/vcfg.c" <<'EOF'
#include <linux/config.h>
#include <linux/fs.h>
#include "vcard.h"

struct file_operations vcard_fops;

int vcard_setup(void)
{
	vcard_fops.open = vcard_open;
	vcard_fops.release = vcard_release;
	return register_chrdev(0, "vcard", &vcard_fops);
}
EOF
	cat >"$T/inc/drv/vcard.h" <<'EOF'
int vcard_open(struct inode *inode, struct file *file);
int vcard_release(struct inode *inode, struct file *file);
EOF
	rc=0
	MODREF_RULES=$top/semantic-patches conv --target 2.4 "$T/inc" "$T/inc-out" 2>"$T/inc.err" || rc=$?
	inc_added() {
		[ "$rc" -eq 0 ] && [ -s "$T/inc-out/series" ] || return 1
		rm -rf "$T/inc-tree" && cp -r "$T/inc" "$T/inc-tree" &&
			(cd "$T/inc-tree" && patch -s -p1 <"$T/inc-out/$(head -n 1 "$T/inc-out/series")") || return 1
		sed -n 2,3p "$T/inc-tree/drv/vcfg.c" >"$T/inc.got"
		printf '%s\n' '#include <linux/module.h>' '#include <linux/fs.h>' | cmp - "$T/inc.got" &&
			grep -q '^	vcard_fops.owner = THIS_MODULE;$' "$T/inc-tree/drv/vcfg.c" &&
			[ "$(grep -c 'linux/module.h' "$T/inc-tree/drv/vchr.c")" = 1 ]
	}
	check "real rules: an owner set in a file without <linux/module.h> includes it" inc_added
	# a tty driver whose counting helpers live in one file and whose open,
	# the only caller of the taking helper, in another that names no
	# legacy token: that file joins the module's group (it calls a
	# counting function and holds a method of the first file's table),
	# so the helpers lose their pin and the run-time table gets its owner
	rm -rf "$T/hlp" "$T/hlp-out"
	mkdir -p "$T/hlp/drv"
	cat >"$T/hlp/drv/hmain.c" <<'EOF'
#include <linux/module.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>

struct tty_driver hx_driver;
int hx_open(struct tty_struct *tty, struct file *filp);

void hx_inc_use(void)
{
	MOD_INC_USE_COUNT;
}

void hx_dec_use(void)
{
	MOD_DEC_USE_COUNT;
}

static void hx_close(struct tty_struct *tty, struct file *filp)
{
	hx_dec_use();
}

static int __init hx_init(void)
{
	hx_driver.magic = TTY_DRIVER_MAGIC;
	hx_driver.open = hx_open;
	hx_driver.close = hx_close;
	return tty_register_driver(&hx_driver);
}

module_init(hx_init);
EOF
	cat >"$T/hlp/drv/htty.c" <<'EOF'
#include <linux/tty.h>

extern void hx_inc_use(void);

int hx_open(struct tty_struct *tty, struct file *filp)
{
	hx_inc_use();
	return 0;
}
EOF
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$T/hlp" "$T/hlp-out" 2>"$T/hlp.err" || rc=$?
	helpers_dropped() {
		[ "$rc" -eq 0 ] && [ -s "$T/hlp-out/series" ] || return 1
		rm -rf "$T/hlp-tree" && cp -r "$T/hlp" "$T/hlp-tree" &&
			(cd "$T/hlp-tree" && patch -s -p1 <"$T/hlp-out/$(head -n 1 "$T/hlp-out/series")") || return 1
		! grep -q 'MOD_\|__module_get\|module_put' "$T/hlp-tree/drv/hmain.c" &&
			grep -q '^	hx_driver.owner = THIS_MODULE;$' "$T/hlp-tree/drv/hmain.c" &&
			cmp -s "$T/hlp/drv/htty.c" "$T/hlp-tree/drv/htty.c"
	}
	check "real rules: helpers called from the open (another file) and close of a run-time tty table lose their pin" helpers_dropped
	# a 2.4 tree (scripts/Configure, Config.in, O_TARGET Makefiles): a
	# table without an owner in built-in code is no finding, one in a
	# tristate driver is
	rm -rf "$T/t24" "$T/t24-out"
	mkdir -p "$T/t24/scripts" "$T/t24/fs" "$T/t24/drivers/vx"
	: >"$T/t24/scripts/Configure"
	printf '%s\n' 'O_TARGET := fs.o' 'export-objs := vpipe.o' 'obj-y := vpipe.o' \
		'include $(TOPDIR)/Rules.make' >"$T/t24/fs/Makefile"
	printf '%s\n' 'O_TARGET := vx.o' 'obj-$(CONFIG_VX) += vx.o' \
		'include $(TOPDIR)/Rules.make' >"$T/t24/drivers/vx/Makefile"
	printf '%s\n' "tristate 'VX device' CONFIG_VX" >"$T/t24/drivers/vx/Config.in"
	for f in fs/vpipe drivers/vx/vx; do
		b=$(basename "$f")
		printf '%s\n' '#include <linux/module.h>' '#include <linux/fs.h>' '' \
			"static int ${b}_open(struct inode *inode, struct file *file)" \
			'{' '	return 0;' '}' '' "static struct file_operations ${b}_fops = {" \
			"	.open = ${b}_open," '};' '' "static int __init ${b}_init(void)" '{' \
			"	return register_chrdev(0, \"$b\", &${b}_fops);" '}' \
			"module_init(${b}_init);" 'EXPORT_NO_SYMBOLS;' >"$T/t24/$f.c"
	done
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$T/t24" "$T/t24-out" 2>"$T/t24.err" || rc=$?
	t24_builtin() {
		[ "$rc" -eq 0 ] || return 1
		grep -q '^drivers/vx/vx\.c:.*method table vx_fops has no \.owner' "$T/t24-out/report.txt" &&
			! grep -q '^fs/vpipe\.c:.*method table' "$T/t24-out/report.txt"
	}
	check "real rules: a 2.4 tree's Makefiles and Config.in tell built-in code from modules" t24_builtin
	# a driver's own fallback definitions of legacy names: spatch would
	# rewrite their bodies (MOD_DEC_USE_COUNT's to module_put()); modref
	# puts them back and reports them (legacy_macro, legacy_tokens only);
	# the driver's own macro is converted
	rm -rf "$T/defs" "$T/defs-out"
	mkdir -p "$T/defs/drv"
	cat >"$T/defs/drv/vcard.h" <<'EOF'
#ifndef MOD_INC_USE_COUNT
#define MOD_INC_USE_COUNT	__MOD_INC_USE_COUNT(THIS_MODULE)
#define MOD_DEC_USE_COUNT	\
	__MOD_DEC_USE_COUNT(THIS_MODULE)
#endif
#define VCARD_PUT(ops) \
	do { \
		if ((ops) && (ops)->owner) \
			__MOD_DEC_USE_COUNT((ops)->owner); \
	} while (0)
EOF
	rc=0
	MODREF_RULES=$top/semantic-patches conv "$T/defs" "$T/defs-out" 2>"$T/defs.err" || rc=$?
	defs_kept() {
		[ "$rc" -eq 0 ] && [ -s "$T/defs-out/series" ] || return 1
		rm -rf "$T/defs-tree" && cp -r "$T/defs" "$T/defs-tree" &&
			(cd "$T/defs-tree" && patch -s -p1 <"$T/defs-out/$(head -n 1 "$T/defs-out/series")") || return 1
		head -n 5 "$T/defs/drv/vcard.h" >"$T/defs.want"
		head -n 5 "$T/defs-tree/drv/vcard.h" | cmp - "$T/defs.want" &&
			grep -q 'module_put((ops)->owner); \\$' "$T/defs-tree/drv/vcard.h" &&
			grep -q 'drv/vcard.h:2: legacy_macro: definition of the legacy API MOD_INC_USE_COUNT, left' "$T/defs-out/report.txt" &&
			grep -q 'drv/vcard.h:3: legacy_macro: definition of the legacy API MOD_DEC_USE_COUNT, left' "$T/defs-out/report.txt" &&
			! grep -q '^drv/vcard.h:[234]: modcount_api' "$T/defs-out/report.txt"
	}
	check "real rules: a driver's fallback definitions of legacy names are left and reported, its own macro converted" defs_kept
	# --target 2.4: the tree's 2.4 module core (kernel/module.c,
	# include/linux/module.h) is left and reported in one line; the same
	# code in a driver is converted, and so is the core with target current
	rm -rf "$T/core" "$T/core-out" "$T/core-cur"
	mkdir -p "$T/core/kernel" "$T/core/drivers/misc"
	cat >"$T/core/kernel/module.c" <<'EOF'
#include <linux/module.h>

struct vreg {
	struct module *owner;
	void *data;
};

void *vreg_get(struct vreg *r)
{
	if (r->owner && !try_inc_mod_count(r->owner))
		return NULL;
	return r->data;
}
EOF
	cp "$T/core/kernel/module.c" "$T/core/drivers/misc/vreg.c"
	rc=0
	MODREF_RULES=$top/semantic-patches conv --target 2.4 "$T/core" "$T/core-out" 2>"$T/core.err" || rc=$?
	rc2=0
	MODREF_RULES=$top/semantic-patches conv "$T/core" "$T/core-cur" 2>>"$T/core.err" || rc2=$?
	core_kept() {
		[ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ] || return 1
		cat "$T"/core-out/*.patch >"$T/core.p24"
		cat "$T"/core-cur/*.patch >"$T/core.pcur"
		grep -q '^+++ b/drivers/misc/vreg.c' "$T/core.p24" &&
			! grep -q '^+++ b/kernel/module.c' "$T/core.p24" &&
			grep -q '^kernel/module.c:1: module_core: the 2.4 module core, left as it is: .*(modcount_api would have)' "$T/core-out/report.txt" &&
			[ "$(grep -c '^kernel/module.c:' "$T/core-out/report.txt")" = 1 ] &&
			grep -q '^+++ b/kernel/module.c' "$T/core.pcur" &&
			! grep -q module_core "$T/core-cur/report.txt"
	}
	check "real rules: --target 2.4 leaves the tree's module core and reports it, converts the same code in a driver" core_kept
else
	echo "ok - real rules over converted-drivers # SKIP no semantic-patches/*.cocci"
fi

[ "$fails" -eq 0 ]
