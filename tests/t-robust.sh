#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# modref convert/audit with hostile but realistic trees (issue 8's
# reproductions): symbolic links, odd file names, OUT inside SRC by ".." or a
# symlink, two runs into one OUT, CRLF files, SIGINT, broken/binary/huge
# files next to a driver, a runaway or crashing spatch, and output that must
# not depend on -j or on the order files were created in.
# Each case ends in a clear error or a correct result, never in a silent
# loss; SRC is never written, nothing from a name is ever run.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
modref=$top/build/bin/modref
make -s -C "$top" modref >/dev/null
fix=$top/tests/fixtures/convert/rules
export MODREF_SIGNOFF="Test Maintainer <maint@example.org>"
export SOURCE_DATE_EPOCH=1700000000

T=$(mktemp -d /tmp/t-robust.XXXXXX)
[ -n "${T_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT INT TERM
cd "$T"
# plan (tests/run checks it): a new check here means a new number
echo "1..54"

. "$top/tests/lib.sh"
treesum() { (cd "$1" && find . -print0 | LC_ALL=C sort -z | xargs -0 ls -ld --time-style=+ | sed 's/^\([^ ]*\) [0-9]* /\1 /'; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cksum) }
onelinerr() { # file substring: exactly one line, containing substring
	[ "$(grep -c . "$1")" -eq 1 ] && grep -q -- "$2" "$1"
}
conv() { MODREF_RULES=$fix "$modref" convert "$@"; }

driver() { # file: a driver the fixture rules convert
	driver_text >"$1"
}
driver_text() {
	cat <<'XEOF'
#include <linux/module.h>

static int vm_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static struct file_operations vm_fops = {
	.open = vm_open,
};
XEOF
}
applies() { # src out: the series applies with patch -p1 to a copy of src
	rm -rf "$T/ap"
	cp -R "$1" "$T/ap"
	while IFS= read -r p; do
		patch -s -p1 -d "$T/ap" --batch --fuzz=0 <"$2/$p" || return 1
	done <"$2/series"
}

# ---- symbolic link into SRC -------------------------------------------------
mkdir -p s1/drv
driver s1/drv/real.c
echo "MOD_INC_USE_COUNT; not C" >s1/x.txt
ln -s "$T/s1/x.txt" s1/drv/vmouse.c
ln -s /etc/passwd s1/drv/outside.c
sum=$(treesum s1)
rc=0
conv s1 o1 2>e1 || rc=$?
check "symlink: SRC untouched (the link's target inside SRC is not rewritten)" test "$sum" = "$(treesum s1)"
check "symlink: exit 3 (a file was not processed)" test "$rc" -eq 3
check "symlink: both links are named in the report" \
	test "$(grep -c ': unprocessed: a symbolic link' o1/report.txt)" -eq 2
check "symlink: the real driver next to it is converted" grep -q '^+++ b/drv/real.c' o1/0001-*.patch
check "symlink: no patch touches a link" not grep -q 'vmouse.c\|outside.c' o1/0001-*.patch

# ---- names: backtick, $, leading dash, spaces, non-UTF-8, newline -----------
mkdir -p s2/drv s2/-d
driver 's2/drv/v`touch PWNED`.c'
driver 's2/drv/$(touch PWNED2)$HOME.c'
driver 's2/drv/-vm.c'
driver 's2/-d/a b.c'
driver "s2/drv/caf$(printf '\351').c"
driver "s2/drv/new$(printf '\nline').c"
sum=$(treesum s2)
rc=0
(cd s2/drv && conv "$T/s2" "$T/o2") 2>e2 || rc=$?
check "names: nothing from a name is run (no PWNED anywhere)" \
	test -z "$(find "$T" / -maxdepth 1 -name 'PWNED*' 2>/dev/null)"
check "names: SRC untouched" test "$sum" = "$(treesum s2)"
check "names: exit 3 (the newline name cannot be in a patch)" test "$rc" -eq 3
check "names: the newline name is named, escaped, in the report" \
	grep -q '^drv/new\\nline.c:1: unprocessed: its name has a control character' o2/report.txt
check "names: the series applies with patch -p1" applies s2 o2
for n in 'drv/v`touch PWNED`.c' 'drv/$(touch PWNED2)$HOME.c' 'drv/-vm.c' '-d/a b.c' "drv/caf$(printf '\351').c"; do
	check "names: $n is converted" sh -c 'test -f "$1/$2" && ! grep -q MOD_INC_USE_COUNT "$1/$2"' sh "$T/ap" "$n"
done
check "names: report.json is valid JSON" python3 -m json.tool o2/report.json

# ---- SRC named like an option -----------------------------------------------
mkdir -p -- -dsrc/drv
driver ./-dsrc/drv/a.c
rc=0
make -s -C "$top" convert SRC=-dsrc-missing OUT="$T/o3" >/dev/null 2>e3 || rc=$?
check "SRC=-dsrc-missing via make: one clear line (then make's own), nothing written" \
	sh -c '[ "$(grep -c "^modref:" "$1")" -eq 1 ] && grep -q -- "^modref: -dsrc-missing: no such directory" "$1" && test ! -e "$2"' sh e3 "$T/o3"
rc=0
(cd "$T" && MODREF_RULES=$fix make -s -C "$top" convert SRC="$T/-dsrc" OUT="$T/o3b" >/dev/null 2>e3b) || rc=$?
check "SRC=-dsrc (an existing directory) via make is converted" test "$rc" -eq 0 -a -s "$T/o3b/series"
rc=0
"$modref" convert -dsrc o3c 2>e3c || rc=$?
check "modref convert -dsrc: an unknown option, one line, exit 2" \
	sh -c 'test "$1" -eq 2 && [ "$(grep -c . "$2")" -eq 1 ]' sh "$rc" e3c

# ---- OUT inside SRC by .. or a symlink --------------------------------------
mkdir -p s4/drv
driver s4/drv/a.c
sum=$(treesum s4)
rc=0
conv s4 "$T/nonexistent/../s4/out" 2>e4 || rc=$?
check "OUT=<x>/../SRC/out: refused, exit 2, one line" \
	sh -c 'test "$1" -eq 2 && [ "$(grep -c . "$2")" -eq 1 ] && grep -q "inside SRC" "$2"' sh "$rc" e4
ln -s "$T/s4/drv" link4
rc=0
conv s4 link4/out 2>e4b || rc=$?
check "OUT through a symlink into SRC: refused, exit 2" \
	sh -c 'test "$1" -eq 2 && grep -q "inside SRC" "$2"' sh "$rc" e4b
check "OUT inside SRC: SRC untouched" test "$sum" = "$(treesum s4)"

# ---- two converts into one OUT ------------------------------------------------
mkdir -p s5/drv
for i in 1 2 3 4 5 6; do driver "s5/drv/d$i.c"; done
r1=0 r2=0
conv s5 o5 >/dev/null 2>e5a &
p1=$!
conv s5 o5 >/dev/null 2>e5b &
p2=$!
wait $p1 || r1=$?
wait $p2 || r2=$?
check "two runs into one OUT: exactly one succeeds" \
	sh -c 'test $(( ($1 == 0) + ($2 == 0) )) -eq 1' sh "$r1" "$r2"
check "two runs into one OUT: the other says why, in one line" \
	sh -c 'cat "$1" "$2" | grep -q -e "another modref run" -e "exists and is not empty"' sh e5a e5b
check "two runs into one OUT: no nested OUT/out, no temp dir left" \
	sh -c 'test ! -e o5/out && test -z "$(ls -d o5.tmp.* 2>/dev/null)" && test -s o5/series'

# ---- CRLF ---------------------------------------------------------------------
mkdir -p s6/drv
{
	driver_text
	printf 'static int __init vm_init(void)\n{\n\tEXPORT_NO_SYMBOLS;\n\treturn 0;\n}\n'
} | sed 's/$/\r/' >s6/drv/crlf.c
rc=0
"$modref" convert s6 o6 2>e6 || rc=$?
check "CRLF: convert exits 0 with the real rules" test "$rc" -eq 0
check "CRLF: the series applies" applies s6 o6
check "CRLF: every line of the converted file still ends in CR LF" \
	sh -c 'test -z "$(grep -v "$(printf "\r")\$" "$1")" && test -z "$(grep "$(printf "\r\r")" "$1")"' sh "$T/ap/drv/crlf.c"
check "CRLF: MOD_INC_USE_COUNT and EXPORT_NO_SYMBOLS are gone" \
	not grep -q -e MOD_INC_USE_COUNT -e EXPORT_NO_SYMBOLS "$T/ap/drv/crlf.c"

# ---- broken, binary and huge files next to a driver -------------------------
mkdir -p s7/drv
driver s7/drv/driver.c
head -c 4000 /dev/urandom | tr -d '\000' >s7/drv/blob.c
printf 'int x;\000\001\002\n' >>s7/drv/blob.c
driver_text | head -n 6 >s7/drv/truncated.c
awk 'BEGIN { print "static const unsigned char fw[] = {"; for (i = 0; i < 180000; i++) printf "0x%02x,%s", i % 256, (i % 12 == 11) ? "\n" : " "; print "};" }' >s7/drv/firmware.c
rc=0
conv s7 o7 2>e7 || rc=$?
check "junk next to a driver: exit 0" test "$rc" -eq 0
check "junk next to a driver: the driver is converted" grep -q '^+++ b/drv/driver.c' o7/0001-*.patch
check "junk next to a driver: the truncated driver is converted or reported" \
	sh -c 'grep -q "^+++ b/drv/truncated.c" o7/0001-*.patch || grep -q "^drv/truncated.c:[0-9]*: parse:" o7/report.txt'
check "junk next to a driver: the blob and the array are left alone" \
	not grep -q -e blob.c -e firmware.c o7/0001-*.patch

# ---- a runaway file: timeout finding, the rest converted --------------------
mkdir -p s8/a s8/b
driver s8/a/ok.c
{ driver_text; awk 'BEGIN { print "static const unsigned char fw2[] = {"; for (i = 0; i < 400000; i++) printf "%d,%s", i % 256, (i % 16 == 15) ? "\n" : " "; print "};" }'; } >s8/b/slow.c
rc=0
conv --timeout 1 s8 o8 2>e8 || rc=$?
check "runaway file: exit 3" test "$rc" -eq 3
check "runaway file: a timeout finding names it" grep -q '^b/slow.c:1: timeout: spatch ran out of time' o8/report.txt
check "runaway file: the other directory is converted" grep -q '^+++ b/a/ok.c' o8/0001-*.patch
check "runaway file: no patch for it" not grep -q 'slow.c' o8/series
check "runaway file: the final line counts it" grep -q '1 timeout' e8

# ---- a crashing spatch: spatch finding, its group retried alone -------------
mkdir -p bin
real=$(command -v spatch)
cat >bin/spatch <<XEOF
#!/bin/sh
for a in "\$@"; do
	case \$prev in --file-groups) grep -q crash "\$a" && kill -SEGV \$\$ ;; esac
	prev=\$a
done
exec $real "\$@"
XEOF
chmod +x bin/spatch
mkdir -p s9/a s9/crash s9/z
driver s9/a/one.c
driver s9/crash/two.c
driver s9/z/three.c
rc=0
PATH=$T/bin:$PATH conv s9 o9 2>e9 || rc=$?
check "crashing spatch: exit 3" test "$rc" -eq 3
check "crashing spatch: a spatch finding names the file" grep -q '^crash/two.c:1: spatch: spatch was killed by signal 11' o9/report.txt
check "crashing spatch: the groups batched with it are still converted" \
	sh -c 'grep -q "^+++ b/a/one.c" o9/*.patch && grep -q "^+++ b/z/three.c" o9/*.patch'

# ---- one rule fails on a group: the rules before it stay ---------------------
cat >bin/spatch <<XEOF
#!/bin/sh
rule=
for a in "\$@"; do
	case \$prev in
	--sp-file) rule=\$a ;;
	--file-groups) case \$rule in *mod_inc_dec.cocci) grep -q crash "\$a" && exit 1 ;; esac ;;
	esac
	prev=\$a
done
exec $real "\$@"
XEOF
chmod +x bin/spatch
rc=0
PATH=$T/bin:$PATH conv s9 o9b 2>e9b || rc=$?
check "a rule fails on one group: exit 3" test "$rc" -eq 3
check "a rule fails on one group: the finding names the rule and what was kept" \
	grep -q '^crash/two.c:1: spatch: spatch failed (exit 1): .* with mod_inc_dec on this file.s group; the patch rules before it were applied' o9b/report.txt
keptbefore() {
	p=$(grep -l '^+++ b/crash/two.c' o9b/*.patch) &&
		grep -q '^+.*\.owner = THIS_MODULE' "$p" && ! grep -q '^-.*MOD_INC_USE_COUNT' "$p" &&
		grep -q '^crash/two.c:[0-9]*: ' o9b/report.txt &&
		grep -q '^-.*MOD_INC_USE_COUNT' $(grep -l '^+++ b/a/one.c' o9b/*.patch)
}
check "a rule fails on one group: its file keeps the earlier rule's change, the others convert fully" keptbefore

# ---- --max-memory: a spatch over it is a finding, not the machine's memory ----
mkdir -p s9m/drv
{
	driver_text
	echo 'static unsigned char vm_fw[] = {'
	i=0
	while [ $i -lt 2500 ]; do
		echo '	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,'
		i=$((i + 1))
	done
	echo '};'
} >s9m/drv/fw.c
rc=0
conv --max-memory 64 s9m o9m 2>e9m || rc=$?
check "--max-memory: a spatch over it: exit 3" test "$rc" -eq 3
check "--max-memory: the finding says the limit was reached" \
	grep -q '^drv/fw.c:1: spatch: spatch needed more than 64 MiB (--max-memory)' o9m/report.txt
rc=0
conv --max-memory 12k s9m o9x 2>e9x || rc=$?
check "--max-memory 12k: bad input, one line naming it, nothing written" \
	sh -c "[ $rc -eq 2 ] && [ \$(wc -l <e9x) -eq 1 ] && grep -q -- '--max-memory 12k' e9x && [ ! -e o9x ]"

# ---- SIGINT -------------------------------------------------------------------
mkdir -p s10 systmp
for d in 1 2 3 4 5 6 7 8; do mkdir -p s10/d$d; driver s10/d$d/a.c; cp s8/b/slow.c s10/d$d/; done
# exec: $! must be modref itself, not a subshell (which ignores SIGINT)
(TMPDIR=$T/systmp MODREF_RULES=$fix exec "$modref" convert s10 o10) 2>e10 &
p=$!
n=0
while ! grep -q '^modref: scan:' e10 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
sleep 1
kill -INT $p
rc=0
wait $p || rc=$?
check "SIGINT: exit 130" test "$rc" -eq 130
check "SIGINT: no OUT, no temp dir next to it" sh -c 'test ! -e o10 && test -z "$(ls -d o10.tmp.* 2>/dev/null)"'
check "SIGINT: spatch left nothing in TMPDIR" test -z "$(ls -A systmp)"
check "SIGINT: no spatch left running" not pgrep -f "$T/o10"

# ---- same output for any -j and any file creation order -------------------------
mkdir -p s11
for d in c a b; do
	for f in z y x; do mkdir -p s11/$d; driver s11/$d/$f.c; done
done
mkdir -p s12
for d in a b c; do
	for f in x y z; do mkdir -p s12/$d; driver s12/$d/$f.c; done
done
conv -j 1 s11 o11 2>/dev/null
conv -j 2 s11 o11b 2>/dev/null
conv -j 2 s12 o12 2>/dev/null
check "-j 1 and -j 2 give byte-identical output" diff -r o11 o11b
check "the file creation order does not change the output" diff -r o11 o12
echo "stray" >>o12/report.txt
check "negative control: the comparison sees a difference" not diff -r o11 o12
