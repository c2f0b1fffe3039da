#!/bin/sh
# t-verify: the QEMU verifier.
# 1. The host side (modref report boot|summary, src/verify.c) on canned guest
#    output: a pass, a race failure, a kernel-log failure, a hang and a
#    crash; summary.tsv; JUnit XML validated with xmllint against
#    verify/tests/junit.xsd (the constraints CI systems read), with the
#    schema's own negative controls.  The C unit tests are in t-unit.sh.
# 2. A short matrix under QEMU (T_VERIFY_KERNELS, default 6.1 6.12 debug): every
#    converted family passes, every rendezvous window included; every legacy
#    family with LEGACY_RACY=1 fails for a race reason, and the rendezvous
#    catches each of its RENDEZVOUS windows (the deterministic negative
#    control of the oracle, not a matter of luck) and passes each of its
#    RENDEZVOUS_SAFE windows.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
v=$top/verify
canned=$v/tests
modref=$top/build/bin/modref
make -s -C "$top" modref >/dev/null
ks() {	# the KTAP judge: modref report boot ARGS...
	"$modref" report boot "$@"
}
report() {	# modref report summary ARGS...
	"$modref" report summary "$@"
}
tmp=$(mktemp -d /tmp/t-verify.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

check() {	# description, then a command that must succeed
	d=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok - $d"
	else
		echo "not ok - $d"
		sed 's/^/# /' "$tmp/out" | head -n 15
	fi
}

row() {	# rows-file family: the row of that family
	awk -F '\t' -v f="$2" '$2 == f' "$1"
}

field() {	# rows-file family column
	row "$1" "$2" | cut -f "$3"
}

rowmatch() {	# rows-file family ERE: verdict<TAB>reason of the family matches
	row "$1" "$2" | cut -f 4,7 | grep -Eq "$3"
}

# plan: the checks of parts 1 and 1b (one check call each, the schema
# controls a loop over 3 files), then the matrix: 2, per kernel 1 + per
# family what the loop of part 2 checks (the same conditions, the same
# family.conf fields), then 1.  Adding a check means changing this.
n1=$(sed -n '1,/^# ---- 1b\. /p' "$0" | grep -c '^check "')
n1=$((n1 + 3))
# part 1b: its checks with a 6.1 kernel, one SKIP without
if "$top/scripts/kernels.sh" 6.1 >/dev/null 2>&1; then
	n1=$((n1 + $(sed -n '/^# ---- 1b\. /,/^# ---- 2\. /p' "$0" | grep -c '^[[:space:]]*check "')))
else
	n1=$((n1 + 1))
fi
nfam=0
for conf in "$top"/converted-drivers/*/family.conf; do
	[ -e "$conf" ] || continue
	fdir=${conf%/family.conf}
	racy=$(LEGACY_RACY=0; . "$conf"; echo "$LEGACY_RACY")
	racywin=$(RENDEZVOUS=; . "$conf"; echo "$RENDEZVOUS")
	safewin=$(RENDEZVOUS_SAFE=; . "$conf"; echo "$RENDEZVOUS_SAFE")
	nw=$(echo $racywin $safewin | wc -w)
	if [ -d "$fdir/converted" ]; then
		nfam=$((nfam + 1 + nw))
	fi
	if [ -d "$fdir/legacy" ] && [ "$racy" = 1 ]; then
		nfam=$((nfam + 1 + nw))
		[ -z "$racywin" ] || nfam=$((nfam + 1))
	fi
done
nkern=$(echo ${T_VERIFY_KERNELS:-6.1 6.12 debug} | wc -w)
echo "1..$((n1 + 2 + nkern * (2 + nfam) + 1))"

# ---- 1. parser and report on canned input ----
crlf=$tmp/pass.ktap
sed 's/$/\r/' "$canned/pass.ktap" >"$crlf"
: >"$tmp/rows"
ks 6.1.0-1-amd64 converted exit "$crlf" /dev/null "$tmp/k" \
	"$tmp/rows" busmouse mtd >"$tmp/retry"
check "parser: passing family gives a pass row with cycles and seconds" \
	test "$(row "$tmp/rows" busmouse)" = "$(printf '6.1.0-1-amd64\tbusmouse\tconverted\tpass\t10\t4.50\t')"
check "parser: failing family is a fail with the race reason named by its test" \
	test "$(field "$tmp/rows" mtd 4)|$(field "$tmp/rows" mtd 7)" = \
	"fail|race: removal succeeded while a user was inside open() or held an fd of modref_mtd (thread 1, chrdev) (3 times)"
check "parser: per-family KTAP files are standalone KTAP" \
	grep -qx 'ok 1 busmouse' "$tmp/k/busmouse-converted.ktap"
check "parser: per-family KTAP keeps the failure" \
	grep -qx 'not ok 1 mtd' "$tmp/k/mtd-converted.ktap"
check "parser: nothing to retry after a complete run" test ! -s "$tmp/retry"

: >"$tmp/rows2"
ks 6.12.1-amd64 legacy exit "$canned/klog.ktap" /dev/null \
	"$tmp/k2" "$tmp/rows2" hisax netcore >"$tmp/retry"
check "parser: a failure string in the kernel log fails the family" \
	rowmatch "$tmp/rows2" hisax '^fail	kernel_log: kernel log: BUG: KASAN: use-after-free'

check "parser: families the guest did not reach are handed back for a fresh boot" \
	test "$(cat "$tmp/retry")" = netcore

: >"$tmp/rows3"
ks 6.1.0-1-amd64 legacy hang "$canned/hang.ktap" \
	"$canned/hang.console" "$tmp/k3" "$tmp/rows3" netcore busmouse >"$tmp/retry"
check "parser: a hang (no KTAP end) fails the running family with the log" \
	rowmatch "$tmp/rows3" netcore '^fail	time_limit: hang: .*last step: netcore: race.*log: BUG: unable to handle page fault'

check "parser: a hang writes a KTAP with the console tail" \
	grep -q '# log: .*Oops: 0010' "$tmp/k3/netcore-legacy.ktap"
check "parser: families after the hung one are handed back" \
	test "$(cat "$tmp/retry")" = busmouse

: >"$tmp/rows4"
ks 6.1.0-1-amd64 converted crash "$tmp/none.ktap" /dev/null \
	"$tmp/k4" "$tmp/rows4" mtd >/dev/null
check "parser: a guest that died without output is a crash" \
	rowmatch "$tmp/rows4" mtd '^fail	time_limit: crash:'

check "parser: an unknown QEMU status is refused" \
	sh -c "! '$modref' report boot r v weird '$crlf' /dev/null '$tmp/k5' '$tmp/rows5' busmouse 2>'$tmp/err' && test \$(wc -l <'$tmp/err') = 1"

# report: merge, header, junit
mkdir -p "$tmp/rep/6.1.0-1-amd64"
cp "$tmp/k/"*.ktap "$tmp/rep/6.1.0-1-amd64/"
report "$tmp/rep" "$tmp/rows"
report "$tmp/rep" "$tmp/rows3"
report "$tmp/rep" "$tmp/rows"
check "report: summary.tsv has the header first and one row per kernel/family/variant" \
	test "$(head -n 1 "$tmp/rep/summary.tsv")|$(wc -l <"$tmp/rep/summary.tsv")" = \
	"$(printf 'kernel\tfamily\tvariant\tverdict\tcycles\tseconds\treason')|4"
check "report: every row has 7 columns" \
	sh -c "awk -F '\t' 'NF != 7 { exit 1 }' '$tmp/rep/summary.tsv'"
check "report: JUnit XML counts the failed subtests" \
	grep -q '<testsuites name="modref-verify" tests="5" failures="1" errors="0">' "$tmp/rep/junit.xml"
xsd=$canned/junit.xsd
check "report: JUnit XML (all kernels, one kernel) validates against the JUnit schema" \
	xmllint --noout --schema "$xsd" "$tmp/rep/junit.xml" "$tmp/rep/6.1.0-1-amd64/junit.xml"
check "report: JUnit has one testsuite per kernel/family/variant, raw-*.ktap left out" \
	sh -c "cp '$canned/pass.ktap' '$tmp/rep/6.1.0-1-amd64/raw-converted.1.ktap' && '$modref' report summary '$tmp/rep' &&
	test \"\$(xmllint --xpath 'count(/testsuites/testsuite)' '$tmp/rep/junit.xml')\" = 2"
check "report: a failed subtest is a failure with a message and its type" \
	test "$(xmllint --xpath 'string(//testcase[@name="race"]/failure/@type)' "$tmp/rep/junit.xml")" = race
# garbage in a console log (control bytes, bytes that are not UTF-8, markup)
printf '[ 1.0] modref-init: busmouse: race\n[ 1.1] \001\377 <&> BUG: x\n' >"$tmp/garbage.console"
: >"$tmp/rows6"
ks 6.1.0-1-amd64 legacy hang /dev/null "$tmp/garbage.console" "$tmp/rep/6.1.0-1-amd64" "$tmp/rows6" busmouse >/dev/null
report "$tmp/rep" "$tmp/rows6"
check "report: a console log full of garbage still gives valid JUnit XML" \
	xmllint --noout --schema "$xsd" "$tmp/rep/junit.xml"
# negative controls of the schema check: what the old writer produced, a
# testsuite without its counts, a testcase without a name
printf '<testsuites tests="1" skipped="0"><testsuite name="a" tests="1" failures="0" errors="0"/></testsuites>\n' >"$tmp/bad1.xml"
printf '<testsuites><testsuite name="a" tests="1"/></testsuites>\n' >"$tmp/bad2.xml"
printf '<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>\n' >"$tmp/bad3.xml"
for b in bad1 bad2 bad3; do
	check "schema negative control: $b.xml is rejected" \
		sh -c "! xmllint --noout --schema '$xsd' '$tmp/$b.xml'"
done
printf 'a\tb\tc\n' >"$tmp/badrows"
cp "$tmp/rep/summary.tsv" "$tmp/sum.before"
check "report: rows with the wrong column count are refused, summary untouched" \
	sh -c "! '$modref' report summary '$tmp/rep' '$tmp/badrows' 2>'$tmp/err' && test \$(wc -l <'$tmp/err') = 1 && cmp -s '$tmp/sum.before' '$tmp/rep/summary.tsv'"

check "verify/run: an unknown family is refused with one line on stderr" \
	sh -c "! FAMILIES=nosuch MODREF_VERIFY_OUT='$tmp/x' '$v/run' 2>'$tmp/err' && test \$(wc -l <'$tmp/err') = 1 && grep -q nosuch '$tmp/err'"
# the console oracle: a failure string printed while a family ran fails it,
# even when the guest passed it
printf '[ 3.0] modref-init: busmouse: race\n[ 3.5] BUG: KASAN: slab-use-after-free\n' >"$tmp/kasan.console"
: >"$tmp/rows7"
ks 6.1.0-1-amd64 legacy exit "$canned/pass.ktap" "$tmp/kasan.console" "$tmp/k7" "$tmp/rows7" busmouse mtd >/dev/null
check "oracle: a KASAN report on the console fails the family the guest passed" \
	rowmatch "$tmp/rows7" busmouse '^fail	console_log: BUG: KASAN: slab-use-after-free'
check "oracle: the report is not charged to the other family" \
	rowmatch "$tmp/rows7" mtd '^fail	race: '
: >"$tmp/rows8"
ks 6.1.0-1-amd64 legacy exit "$canned/pass.ktap" "$canned/hang.console" "$tmp/k8" "$tmp/rows8" busmouse >/dev/null
check "oracle negative control: a report while another family ran leaves busmouse a pass" \
	rowmatch "$tmp/rows8" busmouse '^pass	$'
check "host and guest share one list of failure strings" \
	sh -c "grep -q 'include \"../oracle-strings.h\"' '$v/guest/modref-init.c' && ! grep -n '\"Oops\"' '$v/guest/modref-init.c' '$top'/src/*.c '$v/run'"
check "neither the host side nor the guest runner's exercisers name a family" \
	sh -c "! grep -n -E 'busmouse\)|hisax\)|mtd\)|netcore\)' '$v/run' '$top'/src/verify.c '$top'/src/ktap.c '$top'/src/vrun.c"
check "the guest runner names no family and builds without their include dirs" \
	sh -c "! grep -n -i -E 'busmouse|hisax|isdn|mtd|netcore' '$v/guest/modref-init.c' &&
		gcc -fsyntax-only -I'$v/include' '$v/guest/modref-init.c'"

check "verify/run: a non-numeric cycle count is refused" \
	sh -c "! '$v/run' --cycles many 2>/dev/null"
check "verify/run: an unknown race mode is refused with one line on stderr" \
	sh -c "! RACE_MODE=often MODREF_VERIFY_OUT='$tmp/x' '$v/run' 2>'$tmp/err' && test \$(wc -l <'$tmp/err') = 1 && grep -q often '$tmp/err'"

# ---- 1b. verify/run end to end with a stand-in for QEMU ----
# The stand-in writes canned guest output to the two serial files and exits
# as isa-debug-exit does; the modules are empty files.  This runs verify/run's
# plumbing (initramfs, boot, modref report boot|summary, expectations) with
# no kernel booted.
rel=$("$top/scripts/kernels.sh" 6.1 2>/dev/null | cut -d ' ' -f 1 || true)
if [ -n "$rel" ]; then
	mkdir -p "$tmp/fake/bin"
	cat >"$tmp/fake/bin/qemu-system-x86_64" <<'EOF'
#!/bin/sh
if [ -n "${FAKE_HANG:-}" ]; then
	echo $$ >"$FAKE_HANG.tmp" && mv "$FAKE_HANG.tmp" "$FAKE_HANG"
	exec sleep 600
fi
con= kt=
while [ $# -gt 0 ]; do
	if [ "$1" = -serial ]; then
		if [ -z "$con" ]; then con=${2#file:}; else kt=${2#file:}; fi
		shift
	elif [ "$1" = -initrd ] && [ -n "${FAKE_INITRD:-}" ]; then
		cp "$2" "$FAKE_INITRD"
	fi
	shift
done
cat "$FAKE_CONSOLE" >"$con"
cat "$FAKE_KTAP" >"$kt"
exit 3
EOF
	chmod +x "$tmp/fake/bin/qemu-system-x86_64"
	for fv in converted legacy; do
		for f in busmouse mtd; do
			mods=$(MODULES= && . "$top/converted-drivers/$f/family.conf" && echo "$MODULES")
			mkdir -p "$tmp/fake/ko/$rel/$fv/$f"
			for m in $mods; do
				: >"$tmp/fake/ko/$rel/$fv/$f/$m.ko"
			done
		done
	done
	printf '[ 3.0] modref-init: busmouse: race\n[ 3.5] BUG: KASAN: slab-use-after-free in x\n[ 4.0] modref-init: mtd: race\n' >"$tmp/fake/kasan.console"
	fake() {	# console variants: verify/run with the stand-in, prints its exit code
		rc=0
		PATH=$tmp/fake/bin:$PATH FAKE_KTAP=${FAKE_KTAP:-$canned/pass.ktap} FAKE_CONSOLE=$1 \
			MODREF_BUILD=$tmp/fake/ko MODREF_VERIFY_OUT=$tmp/fake/out.$3 \
			KERNELS=6.1 FAMILIES="busmouse mtd" VARIANTS=$2 CYCLES=1 \
			RACE_MODE=${FAKE_MODE:-sleep} \
			"$v/run" >"$tmp/fake/log.$3" 2>&1 || rc=$?
		echo "$rc"
	}
	rc=$(fake "$tmp/fake/kasan.console" "converted legacy" both)
	fo=$tmp/fake/out.both
	check "verify/run (stand-in QEMU): 4 runs, the converted 2 unexpected, exit non-zero" \
		sh -c "test '$rc' != 0 && grep -q '4 runs, 2 as expected, 2 unexpected' '$tmp/fake/log.both'"
	check "verify/run (stand-in QEMU): a console KASAN report is the legacy busmouse's race reason" \
		grep -q "$rel busmouse legacy: fail, as expected, 10 cycles, 4.50 s: console_log: BUG: KASAN" "$tmp/fake/log.both"
	check "verify/run (stand-in QEMU): summary.tsv has the 4 runs, junit.xml validates" \
		sh -c "test \$(wc -l <'$fo/summary.tsv') = 5 && xmllint --noout --schema '$xsd' '$fo/junit.xml' '$fo/$rel/junit.xml'"
	rc=$(fake /dev/null legacy clean)
	check "verify/run (stand-in QEMU) negative control: a legacy busmouse that passes is UNEXPECTED" \
		sh -c "test '$rc' != 0 && grep -q '$rel busmouse legacy: pass, UNEXPECTED (expected fail)' '$tmp/fake/log.clean'"
	# the rendezvous expectations: every RENDEZVOUS window of a racy
	# legacy family caught, none missing
	rc=$(FAKE_MODE=both FAKE_KTAP=$canned/rendezvous.ktap fake /dev/null legacy rvz)
	check "verify/run (stand-in QEMU): legacy runs whose every rendezvous window was caught are as expected" \
		sh -c "test '$rc' = 0 && grep -q '2 runs, 2 as expected, 0 unexpected' '$tmp/fake/log.rvz'"
	rc=$(FAKE_MODE=both FAKE_KTAP=$canned/rendezvous.ktap fake /dev/null converted rvzc)
	check "verify/run (stand-in QEMU) negative control: a converted build whose window was caught is UNEXPECTED" \
		sh -c "test '$rc' != 0 && grep -q '$rel mtd converted: fail, UNEXPECTED' '$tmp/fake/log.rvzc'"
	rc=$(FAKE_MODE=both fake "$tmp/fake/kasan.console" legacy rvzmiss)
	check "verify/run (stand-in QEMU) negative control: a legacy failure without the rendezvous catch is UNEXPECTED" \
		sh -c "test '$rc' != 0 && grep -q '$rel busmouse legacy: fail, UNEXPECTED (expected fail; rendezvous: busmouse.open_hold not caught;)' '$tmp/fake/log.rvzmiss'"
	# custom modules installed compressed (Debian's 6.12 has .ko.xz):
	# the initramfs gets plain ELF .ko files under the module's own name
	mkdir -p "$tmp/fake/cko" "$tmp/fake/initrd"
	printf '\177ELF stand-in a\n' >"$tmp/fake/cko/za.ko"
	printf '\177ELF stand-in b\n' >"$tmp/fake/cko/zb.ko"
	printf '\177ELF stand-in c\n' >"$tmp/fake/cko/zc.ko"
	xz -k "$tmp/fake/cko/za.ko"
	zstd -q -k "$tmp/fake/cko/zb.ko"
	gzip -k "$tmp/fake/cko/zc.ko"
	sed 's/busmouse/zmods/g' "$canned/pass.ktap" >"$tmp/fake/zmods.ktap"
	PATH=$tmp/fake/bin:$PATH FAKE_KTAP=$tmp/fake/zmods.ktap FAKE_CONSOLE=/dev/null \
		FAKE_INITRD=$tmp/fake/zmods.gz MODREF_VERIFY_OUT=$tmp/fake/out.z \
		"$v/run" --kernels 6.1 --cycles 1 --name zmods --exercise chrdev:zmods \
		--modules "$tmp/fake/cko/za.ko.xz,$tmp/fake/cko/zb.ko.zst,$tmp/fake/cko/zc.ko.gz" \
		>"$tmp/fake/log.z" 2>&1 || :
	(cd "$tmp/fake/initrd" && gzip -dc "$tmp/fake/zmods.gz" | cpio -i -d --quiet) || :
	# an ioctl named by its uapi macro reaches the guest as the number:
	# _IOR('N', 0x40, 32-byte struct modref_netcore_stats) = 0x80204e40
	# one_family FAMILY TAG VARIANTS [JOBS]: verify/run with the stand-in
	# on FAMILY's (empty) modules; log in log.TAG, the guest's initramfs
	# unpacked into TAG.initrd/
	one_family() {
		mods=$(MODULES= && . "$top/converted-drivers/$1/family.conf" && echo "$MODULES")
		for fv in $3; do
			mkdir -p "$tmp/fake/ko/$rel/$fv/$1"
			for m in $mods; do
				: >"$tmp/fake/ko/$rel/$fv/$1/$m.ko"
			done
		done
		mkdir -p "$tmp/fake/$2.initrd"
		sed "s/busmouse/$1/g" "$canned/pass.ktap" >"$tmp/fake/$1.ktap"
		PATH=$tmp/fake/bin:$PATH FAKE_KTAP=$tmp/fake/$1.ktap FAKE_CONSOLE=/dev/null \
			FAKE_INITRD=$tmp/fake/$2.gz MODREF_BUILD=$tmp/fake/ko MODREF_VERIFY_OUT=$tmp/fake/out.$2 \
			KERNELS=6.1 FAMILIES=$1 VARIANTS="$3" CYCLES=1 JOBS=${4:-1} \
			"$v/run" >"$tmp/fake/log.$2" 2>&1 || :
		(cd "$tmp/fake/$2.initrd" && gzip -dc "$tmp/fake/$2.gz" | cpio -i -d --quiet) || :
	}
	# an ioctl named by its uapi macro reaches the guest as the number:
	# _IOR('N', 0x40, 32-byte struct modref_netcore_stats) = 0x80204e40
	one_family netcore n converted
	check "verify/run: netcore's ioctl macro reaches the guest as its number (2149600832)" \
		grep -qx 'exercise ioctl modref_netcore 2149600832' "$tmp/fake/n.initrd/modref/config"
	# two units side by side evaluate the same macro at once: both run
	one_family netcore n2 "converted legacy" 2
	check "verify/run JOBS=2: both units of a kernel give their run (2 runs), none ends unfinished" \
		sh -c "grep -q '^verify: 2 runs,' '$tmp/fake/log.n2' && ! grep -q 'without finishing' '$tmp/fake/log.n2'"
	# hisax's cmd exerciser: _IOWR('I', 0x40, 16 bytes) = 0xc0104940, then
	# LOCK 14, the card command 0, UNLOCK 15
	one_family hisax h converted
	check "verify/run: hisax's cmd exerciser reaches the guest as numbers (3222292800 14 0 15)" \
		grep -qx 'exercise cmd modref_isdn 3222292800 14 0 15' "$tmp/fake/h.initrd/modref/config"
	check "verify/run: .ko.xz, .ko.zst and .ko.gz modules reach the guest decompressed, named za, zb, zc" \
		sh -c "cd '$tmp/fake' && cmp cko/za.ko initrd/modref/zmods/za.ko && cmp cko/zb.ko initrd/modref/zmods/zb.ko &&
			cmp cko/zc.ko initrd/modref/zmods/zc.ko &&
			grep -qx 'module za /modref/zmods/za.ko' initrd/modref/config &&
			grep -qx 'module zc /modref/zmods/zc.ko' initrd/modref/config"
	# SIGTERM ends the run: its unit and the QEMU it started, which runs
	# in a process group of its own (a signal to the run's group does not
	# reach it); exit 143.  The stand-in QEMU sleeps, as a hung guest.
	alive() {	# PID: running (not gone, not a zombie)
		s=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c 1)
		[ -n "$s" ] && [ "$s" != Z ] && [ "$s" != X ]
	}
	PATH=$tmp/fake/bin:$PATH FAKE_HANG=$tmp/fake/hang.pid FAKE_KTAP=/dev/null FAKE_CONSOLE=/dev/null \
		MODREF_BUILD=$tmp/fake/ko MODREF_VERIFY_OUT=$tmp/fake/out.term \
		KERNELS=6.1 FAMILIES=busmouse VARIANTS=converted CYCLES=1 \
		"$v/run" >"$tmp/fake/log.term" 2>&1 &
	vp=$!
	i=0
	while [ ! -s "$tmp/fake/hang.pid" ] && [ "$i" -lt 150 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	qp=$(cat "$tmp/fake/hang.pid" 2>/dev/null || echo 0)
	kill -TERM "$vp" 2>/dev/null || :
	i=0
	while alive "$vp" && [ "$i" -lt 50 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	rc=0
	if alive "$vp"; then
		kill -KILL "$vp" 2>/dev/null || :
		rc="still running 10 s after SIGTERM"
	fi
	wrc=0
	wait "$vp" || wrc=$?
	[ "$rc" != 0 ] || rc=$wrc
	i=0
	while [ "$qp" != 0 ] && alive "$qp" && [ "$i" -lt 10 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	qalive=no
	if [ "$qp" != 0 ] && alive "$qp"; then
		qalive=yes
		kill -KILL "$qp" 2>/dev/null || :
	fi
	check "verify/run (stand-in QEMU): SIGTERM ends the run, exit 143, and the QEMU it started (pid $qp)" \
		sh -c "test '$qp' != 0 && test '$rc' = 143 && test '$qalive' = no"
else
	echo "ok - verify/run with a stand-in QEMU # SKIP no 6.1 kernel (scripts/kernels.sh 6.1)"
fi

# ---- 2. a short matrix under QEMU ----
have=
for f in "$top"/converted-drivers/*/family.conf; do
	[ -e "$f" ] && have=1
done
if [ -z "$have" ]; then
	echo "not ok - verify matrix: no converted-drivers/*/family.conf"
	exit 0
fi
out=$tmp/matrix
kern=${T_VERIFY_KERNELS:-6.1 6.12 debug}
rc=0
KERNELS=$kern CYCLES=${T_VERIFY_CYCLES:-20} RACE_MS=${T_VERIFY_RACE_MS:-3000} JOBS=${T_VERIFY_JOBS:-2} \
	MODREF_VERIFY_OUT=$out "$v/run" >"$tmp/run.log" 2>&1 || rc=$?
sed 's/^/# /' "$tmp/run.log" | grep -E 'UNEXPECTED|boot |runs,' || true
sum=$out/summary.tsv
check "verify/run writes summary.tsv and junit.xml" test -s "$sum" -a -s "$out/junit.xml"
nconv=0
for d in "$top"/converted-drivers/*/converted; do
	[ -d "$d" ] && nconv=$((nconv + 1))
done
check "at least one family has a converted/ variant to verify" test "$nconv" -gt 0
for want in $kern; do
	# the release verify/run booted for this kernel name, and its build dir
	kline=$("$top/scripts/kernels.sh" "$want" 2>/dev/null || :)
	rel=${kline%% *}
	kdir=${kline#* }
	kdir=${kdir%% *}
	check "$want: the matrix has rows for $rel" \
		sh -c "awk -F '\t' '\$1 == \"$rel\"' '$sum' | grep -q ."
	# the stall and lockup thresholds for emulation reached the kernel
	# (verify/run's command line; "-": a detector this kernel lacks)
	kcfg=$kdir/.config
	wd=- ht=-
	grep -q '^CONFIG_LOCKUP_DETECTOR=y' "$kcfg" && wd=165
	grep -q '^CONFIG_DETECT_HUNG_TASK=y' "$kcfg" && ht=420
	printf '# rcu_cpu_stall_timeout: 300\n# watchdog_thresh: %s\n# hung_task_timeout_secs: %s\n' \
		"$wd" "$ht" >"$tmp/stall.want"
	check "$want: the guest ran with the stall thresholds for emulation (rcu 300, lockup $wd, hung task $ht)" \
		sh -c "tr -d '\r' <'$out/$rel/raw-converted.1.ktap' | grep -E '^# (rcu_cpu_stall_timeout|watchdog_thresh|hung_task_timeout_secs):' |
			diff '$tmp/stall.want' -"
	for conf in "$top"/converted-drivers/*/family.conf; do
		fdir=${conf%/family.conf}
		f=${fdir##*/}
		racy=$(LEGACY_RACY=0; . "$conf"; echo "$LEGACY_RACY")
		racywin=$(RENDEZVOUS=; . "$conf"; echo "$RENDEZVOUS")
		safewin=$(RENDEZVOUS_SAFE=; . "$conf"; echo "$RENDEZVOUS_SAFE")
		if [ -d "$fdir/converted" ]; then
			r=$(awk -F '\t' -v k="$rel" -v f="$f" '$1 == k && $2 == f && $3 == "converted" { print $4 " " $7 }' "$sum")
			echo "# $rel $f converted: $r"
			check "$f converted passes on $rel" sh -c "echo '$r' | grep -q '^pass'"
			for w in $safewin $racywin; do
				check "$f converted: rendezvous window ${w%%:*} passes on $rel" \
					grep -q "# window ${w%%:*}: pass" "$out/$rel/$f-converted.ktap"
			done
		fi
		if [ -d "$fdir/legacy" ] && [ "$racy" = 1 ]; then
			r=$(awk -F '\t' -v k="$rel" -v f="$f" '$1 == k && $2 == f && $3 == "legacy" { print $4 " " $7 }' "$sum")
			echo "# $rel $f legacy: $r"
			check "$f legacy (LEGACY_RACY=1) fails the oracle on $rel for a race reason" \
				sh -c "echo \"\$1\" | grep -Eq '^fail .*(removal succeeded while a user|kernel_log: |console_log: |did not return|killed|stuck in the kernel|hang:|crash:)'" _ "$r"
			if [ -n "$racywin" ]; then
				check "$f legacy on $rel: the first failure is the rendezvous's" \
					sh -c "echo \"\$1\" | grep -q '^fail rendezvous: window '" _ "$r"
			fi
			for w in $racywin; do
				check "$f legacy: the rendezvous catches window ${w%%:*} on $rel" \
					grep -q "# reason: window ${w%%:*}: caught: " "$out/$rel/$f-legacy.ktap"
			done
			for w in $safewin; do
				check "$f legacy: rendezvous window ${w%%:*} (safe in 2.4 too) passes on $rel" \
					grep -q "# window ${w%%:*}: pass" "$out/$rel/$f-legacy.ktap"
			done
		fi
	done
done
# a failure names the runs (and keeps their logs) where CI shows it: last
unexpected() {
	test "$rc" = 0 && return 0
	grep -E 'UNEXPECTED|giving up|without finishing' "$tmp/run.log"
	rm -rf "$top/build/tests/verify-matrix"
	mkdir -p "$top/build/tests" && cp -r "$out" "$top/build/tests/verify-matrix" &&
		cp "$tmp/run.log" "$top/build/tests/verify-matrix/run.log" &&
		echo "logs kept in build/tests/verify-matrix/"
	return 1
}
check "verify/run exit code says every verdict matched its expectation" unexpected
