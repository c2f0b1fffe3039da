#!/bin/sh
# t-compat24.sh: the compat header and converted drivers on real Linux 2.4
# headers (compat/tests/linux-2.4/, HOWTO.md "Backporting").  Needs the 2.4
# tree at ../shared/trees/linux-2.4.31.tar.xz next to the repo (or TREE=);
# says it skipped when it is absent.
#  1. the tree is prepared (configured, cached in $MODREF_CACHE);
#  2. our own module written against the new API (modref_compat_24.c)
#     passes gcc -fsyntax-only against the real 2.4.31 <linux/module.h>
#     through compat/include, as a module and built in, with and without
#     CONFIG_MODULES, with no warning from itself or the compat header;
#  3. negative controls: without compat/include it fails; a compat header
#     whose 2.4 bodies use a post-2.4 name fails; a converted file using a
#     member 2.4 lacks fails; each gcc-12 fixup removed makes a file that
#     needs it fail (so none is dead weight);
#  4. the short conversion run: compat/tests/linux-2.4/sample (50 module
#     files plus the seed's four drivers) passes before and after
#     conversion, file for file (check-2.4 with FILES=), except the files
#     of compat/tests/linux-2.4/known-regressions, each with its reason;
#     a new regression or a stale entry there fails; check-2.4 exits 1 on
#     an unexplained regression only, and its last line counts the known.
set -u
# gcc's messages in plain ASCII ('name', not curly quotes)
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
d24=$top/compat/tests/linux-2.4
sc=$d24/syntax-check
compat=$top/compat/include
mod=$d24/modref_compat_24.c
sample=$d24/sample
known=$d24/known-regressions
tree=${TREE:-../shared/trees/linux-2.4.31.tar.xz}

# fixup|witness file: the witness fails without the fixup
fixups='linux/linkage.h|drivers/char/busmouse.c
asm/processor.h|drivers/char/busmouse.c
net/ipv6.h|net/ethernet/eth.c
net/icmp.h|net/atm/clip.c
net/udp.h|net/econet/af_econet.c
cflags:__FUNCTION__|drivers/char/drm-4.0/auth.c'

nsamplec=$(grep -v '^#' "$sample" | grep -c '\.c$')
nfix=$(echo "$fixups" | wc -l)
if [ ! -e "$tree" ]; then
	echo "1..1"
	echo "ok - # SKIP no 2.4 tree at $tree (set TREE=<2.4 tree or .tar.xz>)"
	exit 0
fi
echo "1..$((1 + 4 + 1 + 1 + 4 + nfix + nsamplec + 3))"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-compat24.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
diag() { sed 's/^/# /' "$1" | head -n "${2:-10}"; }

if prepared=$(sh "$sc" prepare "$tree" 2>"$tmp/prep.err"); then
	ok "2.4 tree prepared: $prepared ($(sed -n 's/^release=//p' "$prepared/.modref-2.4-prepared"))"
else
	notok "2.4 tree prepared from $tree"
	diag "$tmp/prep.err"
	exit 1
fi

# ------------------------------------------------ 2. compat header on 2.4
# our warnings: lines of gcc's output located in our file or compat/
ours() {
	grep -E "^($mod|$compat/[^:]*):[0-9]+:[0-9]+: (warning|error)" "$1"
}
for v in "module:" "built-in:--builtin" "!CONFIG_MODULES built-in:--nomodules --builtin" \
	"!CONFIG_MODULES module:--nomodules"; do
	name=${v%%:*}
	# shellcheck disable=SC2086
	if sh "$sc" cc ${v#*:} -I "$compat" "$prepared" "$mod" >"$tmp/m.log" 2>&1; then
		if ours "$tmp/m.log" >"$tmp/m.ours"; then
			notok "compat on 2.4.31 ($name): new-API module has no warning from itself or the header"
			diag "$tmp/m.ours"
		else
			ok "compat on 2.4.31 ($name): new-API module passes, no warning from itself or the header"
		fi
	else
		notok "compat on 2.4.31 ($name): new-API module passes"
		grep error "$tmp/m.log" | diag - 5
	fi
done

# the !CONFIG_MODULES variant really is one
printf '%s\n' '#include <linux/config.h>' '#ifdef CONFIG_MODULES' \
	'#error CONFIG_MODULES set' '#endif' 'int modref_nomod;' >"$tmp/nomod.c"
if sh "$sc" cc --nomodules "$prepared" "$tmp/nomod.c" >"$tmp/n.log" 2>&1 &&
	! sh "$sc" cc "$prepared" "$tmp/nomod.c" >/dev/null 2>&1; then
	ok "harness: --nomodules has CONFIG_MODULES off, the default has it on"
else
	notok "harness: --nomodules has CONFIG_MODULES off, the default has it on"
	diag "$tmp/n.log"
fi

# a failed file's reason is gcc's first error line, not the first line
# that says "error" (a warning, a file name)
printf '%s\n' '#warning "no error here, a warning"' \
	'static int error_count = modref_undeclared;' >"$tmp/error_words.c"
if sh "$sc" check "$prepared" "$tmp/ew.tsv" "$tmp/error_words.c" 2>"$tmp/ew.err" &&
	awk -F '\t' '$2 == "fail" { print $3 }' "$tmp/ew.tsv" |
	grep -q "error: 'modref_undeclared' undeclared"; then
	ok "harness: a failed file's reason is gcc's first error line"
else
	notok "harness: a failed file's reason is gcc's first error line"
	diag "$tmp/ew.tsv"
	diag "$tmp/ew.err"
fi

# ------------------------------------------------- 3. negative controls
# must_fail NAME EXPECTED CC-ARGS...: syntax-check cc must fail with EXPECTED
must_fail() {
	name=$1
	want=$2
	shift 2
	if sh "$sc" cc "$@" >"$tmp/nc.log" 2>&1; then
		notok "negative control: $name fails"
	elif grep -E ': (fatal )?error: ' "$tmp/nc.log" | grep -qF -- "$want"; then
		ok "negative control: $name fails ($want)"
	else
		notok "negative control: $name fails with \"$want\""
		grep error "$tmp/nc.log" | diag - 5
	fi
}

must_fail "new-API module without compat/include" \
	"implicit declaration of function 'try_module_get'" "$prepared" "$mod"

# bad_header NAME SED EXPECTED: the compat header with SED applied
bad_header() {
	mkdir -p "$tmp/bad/linux"
	sed "$2" "$compat/linux/module.h" >"$tmp/bad/linux/module.h"
	if cmp -s "$compat/linux/module.h" "$tmp/bad/linux/module.h"; then
		notok "negative control: $1 (the injected bug did not apply)"
		return
	fi
	must_fail "$1" "$3" -I "$tmp/bad" "$prepared" "$mod"
}
bad_header "compat module_put() on 2.6's struct module member" \
	's/__MOD_DEC_USE_COUNT(mod);/atomic_dec(\&mod->refcnt);/' \
	"has no member named 'refcnt'"
bad_header "compat module_put_and_exit() calling 5.17's kthread_exit()" \
	'/^__modref_module_put_and_exit/,/^}/s/do_exit(code);/kthread_exit(code);/' \
	"implicit declaration of function 'kthread_exit'"

# ------------------------------------------------------ gcc-12 fixups
echo "$fixups" | while IFS='|' read -r fx witness; do
	rm -rf "$tmp/fx"
	cp -a "$d24/fixups" "$tmp/fx"
	case $fx in
	cflags:*)
		sed -i "/^-D${fx#cflags:}=/d" "$tmp/fx/cflags"
		;;
	*)
		rm "$tmp/fx/$fx"
		;;
	esac
	if cmp -s "$d24/fixups/cflags" "$tmp/fx/cflags" && [ -f "$tmp/fx/$fx" ]; then
		notok "fixup $fx: removal did not apply"
		continue
	fi
	if ! sh "$sc" cc "$prepared" "$witness" >/dev/null 2>&1; then
		notok "fixup $fx: $witness passes with the fixups"
	elif MODREF_24_FIXUPS=$tmp/fx sh "$sc" cc "$prepared" "$witness" \
		>/dev/null 2>&1; then
		notok "fixup $fx is needed: $witness fails without it"
	else
		ok "fixup $fx is needed: $witness fails without it"
	fi
done

# ----------------------------------- 4. the sample, converted (short run)
FILES=$sample OUT=$tmp/run sh "$d24/check-2.4" "$tree" >"$tmp/run.out" 2>"$tmp/run.err"
rc=$?
line=$(grep '^check-2.4: checked ' "$tmp/run.out")
if [ -s "$tmp/run/both.tsv" ]; then
	grep '\.c$' "$sample" | grep -v '^#' | while read -r f; do
		res=$(awk -F '\t' -v f="$f" '$1 == f { print $2 " " $3 }' "$tmp/run/both.tsv")
		why=$(awk -F '\t' -v f="$f" '$1 == f && $2 == "fail" { print $3 }' "$tmp/run/after.tsv")
		case $res in
		"pass pass") ok "2.4.31 $f: passes before and after conversion" ;;
		"pass fail")
			reason=$(awk -F '\t' -v f="$f" '$1 == f { print $2 }' "$known")
			if [ -n "$reason" ]; then
				ok "2.4.31 $f: known regression ($reason); after: $why"
			else
				notok "2.4.31 $f: passes before and after conversion (after: $why)"
			fi
			;;
		*) notok "2.4.31 $f: passes before and after conversion ($res)" ;;
		esac
	done
else
	grep '\.c$' "$sample" | grep -v '^#' | while read -r f; do
		notok "2.4.31 $f: checked before and after conversion"
	done
	diag "$tmp/run.err" 20
fi
missing=
for f in drivers/char/busmouse.c include/linux/mtd/mtd.h net/core/dev.c \
	drivers/isdn/hisax/config.c; do
	grep -qxF "$f" "$tmp/run/changed" 2>/dev/null || missing="$missing $f"
done
if [ -z "$missing" ]; then
	ok "the seed's four drivers are changed by the conversion"
else
	notok "the seed's four drivers are changed by the conversion (not:$missing)"
fi
# the regressions must be exactly the known ones of the sample (each with
# its reason; the file also explains regressions of the whole tree)
grep -v '^#' "$sample" | grep '\.c$' | sort -u >"$tmp/sample.c"
grep -v '^#' "$known" | cut -f 1 | grep . | sort | comm -12 - "$tmp/sample.c" >"$tmp/known"
cut -f 1 "$tmp/run/regressions.tsv" 2>/dev/null | sort >"$tmp/got"
nk=$(wc -l <"$tmp/known")
case $line in
"check-2.4: checked $nsamplec, passed before $nsamplec, passed after $((nsamplec - nk)), regressions $nk (known $nk, unexplained 0)")
	good=1 ;;
*) good=0 ;;
esac
wantrc=0
if [ "$good" = 1 ] && [ "$rc" = "$wantrc" ] && cmp -s "$tmp/known" "$tmp/got"; then
	ok "short run: $line (the regressions are the $nk known ones)"
else
	notok "short run: \"$line\", exit $rc, known regressions: $nk"
	comm -13 "$tmp/known" "$tmp/got" | sed 's/^/# new regression: /'
	comm -23 "$tmp/known" "$tmp/got" | sed 's/^/# stale entry in known-regressions (passes now): /'
	diag "$tmp/run.err" 20
fi

# check-2.4's accounting: a converter that breaks one file gives one
# regression, unexplained (exit 1) until KNOWN lists it with a reason
# (exit 0); an entry without a reason is bad input (exit 2)
cat >"$tmp/breaker" <<'EOF'
#!/bin/sh
set -e
mkdir -p "$2/a/drivers/char" "$2/b/drivers/char"
cp "$1/drivers/char/busmouse.c" "$2/a/drivers/char/busmouse.c"
cp "$1/drivers/char/busmouse.c" "$2/b/drivers/char/busmouse.c"
echo 'static int modref_injected = modref_undeclared;' >>"$2/b/drivers/char/busmouse.c"
(cd "$2" && diff -u a/drivers/char/busmouse.c b/drivers/char/busmouse.c >0001-break.patch) || true
echo 0001-break.patch >"$2/series"
EOF
chmod +x "$tmp/breaker"
echo drivers/char/busmouse.c >"$tmp/one"
: >"$tmp/known0"
printf 'drivers/char/busmouse.c\tinjected by the test\n' >"$tmp/known1"
printf 'drivers/char/busmouse.c\n' >"$tmp/known2"
acct() { # KNOWN-file: "rc|final line"
	r=0
	FILES=$tmp/one KNOWN=$1 OUT=$tmp/acct MODREF_CONVERT=$tmp/breaker \
		sh "$d24/check-2.4" "$tree" >"$tmp/acct.out" 2>"$tmp/acct.err" || r=$?
	echo "$r|$(grep '^check-2.4: checked ' "$tmp/acct.out")"
}
a0=$(acct "$tmp/known0")
a1=$(acct "$tmp/known1")
a2=$(acct "$tmp/known2")
if [ "$a0" = "1|check-2.4: checked 1, passed before 1, passed after 0, regressions 1 (known 0, unexplained 1)" ] &&
	[ "$a1" = "0|check-2.4: checked 1, passed before 1, passed after 0, regressions 1 (known 1, unexplained 0)" ] &&
	[ "${a2%%|*}" = 2 ]; then
	ok "check-2.4 fails on an unexplained regression only, and says how many are known"
else
	notok "check-2.4 fails on an unexplained regression only, and says how many are known"
	printf '%s\n' "unexplained: $a0" "known: $a1" "no reason: $a2" | diag -
	diag "$tmp/acct.err"
fi

# a converted file using a member 2.4 lacks fails: the converted busmouse.c
# (in its directory, so Rules.make's flags and "" includes apply) with an
# .owner in 2.4's struct miscdevice, which has none
f=drivers/char/busmouse.c
if [ -f "$tmp/run/after/$f" ]; then
	echo 'static struct miscdevice modref_nc = { .owner = THIS_MODULE };' \
		>>"$tmp/run/after/$f"
	must_fail "converted busmouse.c with .owner in 2.4's struct miscdevice" \
		"has no member named 'owner'" -I "$compat" "$tmp/run/after" "$f"
else
	notok "negative control: converted busmouse.c with .owner in 2.4's struct miscdevice fails (no converted copy)"
fi
