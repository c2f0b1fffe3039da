#!/bin/sh
# tests/t-params.sh: bad settings stop make, make build and make verify with
# one clear line and a non-zero exit before anything builds or boots; a
# verify that ran nothing never passes.
#
# "Nothing builds or boots" is checked with stand-ins for gcc, make, spatch,
# patch and qemu-system-x86_64 first on PATH: each one records that it was
# called (and fails).  The real make runs the Makefile.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t-params.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$top"

realmake=$(command -v make)
# verify/run runs build/bin/modref, built here (by make) when a source is
# newer: built now, before the stand-in make is first on PATH
"$realmake" -s modref >/dev/null
mkdir "$tmp/bin"
for c in gcc cc make spatch patch qemu-system-x86_64 setsid; do
	cat >"$tmp/bin/$c" <<EOF
#!/bin/sh
echo "$c \$*" >>"$tmp/called"
exit 99
EOF
	chmod +x "$tmp/bin/$c"
done

# The bad settings, one per line: NAME=VALUE<TAB>what the line must say.
cat >"$tmp/cases" <<'EOF'
VARIANTS=convertd	VARIANTS: unknown variant 'convertd'
VARIANTS=legacy convertd	VARIANTS: unknown variant 'convertd'
FAMILIES=nosuch	FAMILIES: unknown family 'nosuch'
FAMILIES=../busmouse	FAMILIES: '../busmouse' is not a family name
KERNELS=9.9	KERNELS: 9.9: no Debian 9.9
KERNELS=debg	KERNELS: debg: unknown kernel name
CYCLES=	CYCLES is empty
CYCLES=ten	CYCLES=ten: not a whole number
CYCLES=0	CYCLES=0: must be at least 1
CYCLES=010	CYCLES=010: no leading zeros
RACE_MS=	RACE_MS is empty
RACE_MS=5s	RACE_MS=5s: not a whole number
JOBS=	JOBS is empty
JOBS=-1	JOBS=-1: not a whole number
EOF
ncases=$(wc -l <"$tmp/cases")
# per case: verify/run, scripts/modref-all, make verify; plus build-all for
# the list settings (4 of the 6 kinds), plus the fixed checks below
nlist=$(grep -c -E '^(VARIANTS|FAMILIES|KERNELS)=' "$tmp/cases")
echo "1..$((ncases * 3 + nlist + 4))"

# run WHAT PATTERN CMD...: CMD must exit non-zero, print exactly one line on
# stderr (make adds its own "*** Error" line) containing PATTERN, and call
# none of the stand-ins.
run() {
	what=$1 pat=$2
	shift 2
	rm -f "$tmp/called"
	rc=0
	PATH=$tmp/bin:$PATH "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
	grep -v -E '^make(\[[0-9]+\])?: \*\*\* ' "$tmp/err" >"$tmp/err1" || true
	if [ "$rc" -eq 0 ]; then
		echo "not ok - $what: exit 0"
	elif [ "$(wc -l <"$tmp/err1")" -ne 1 ]; then
		echo "not ok - $what: $(wc -l <"$tmp/err1") lines on stderr, not 1"
		sed 's/^/# /' "$tmp/err1" | head -n 5
	elif ! grep -qF -- "$pat" "$tmp/err1"; then
		echo "not ok - $what: the line does not say \"$pat\""
		sed 's/^/# /' "$tmp/err1"
	elif [ -s "$tmp/called" ]; then
		echo "not ok - $what: ran $(head -n 1 "$tmp/called") before stopping"
	elif [ -s "$tmp/out" ]; then
		echo "not ok - $what: wrote to stdout"
	else
		echo "ok - $what (exit $rc: $(cat "$tmp/err1"))"
	fi
}

while IFS="$(printf '\t')" read -r set pat; do
	name=${set%%=*}
	val=${set#*=}
	run "verify/run $set" "$pat" env "$name=$val" verify/run --out "$tmp/v"
	run "make (scripts/modref-all) $set" "$pat" env "$name=$val" scripts/modref-all
	run "make verify $set" "$pat" "$realmake" -s --no-print-directory verify "$name=$val"
	case $name in
	VARIANTS) run "make build $set" "$pat" scripts/build-all.sh "" "$val" "" ;;
	FAMILIES) run "make build $set" "$pat" scripts/build-all.sh "" "" "$val" ;;
	KERNELS) run "make build $set" "$pat" scripts/build-all.sh "$val" "" "" ;;
	esac
done <"$tmp/cases"

# An option to verify/run is checked like its variable.
run "verify/run --cycles x" "CYCLES=x: not a whole number" verify/run --cycles x --out "$tmp/v"

# A verify that selects nothing to run (a tree with no variant of the
# family: every unit is skipped) must not pass.  Nothing boots; the runner
# and the kernel's vmlinux are prepared as usual.
mkdir "$tmp/empty-tree"
rc=0
MODREF_TREE=$tmp/empty-tree verify/run --kernels 6.1 --families busmouse \
	--variants converted --out "$tmp/v0" >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -ne 0 ] && grep -q '0 runs: nothing was verified' "$tmp/err"; then
	echo "ok - a verify that ran 0 runs exits $rc"
else
	echo "not ok - a verify that ran 0 runs exits $rc"
	sed 's/^/# /' "$tmp/err" | tail -n 5
fi

# A family.conf that is not KEY=value data (a line sh would run) stops
# verify/run with one line naming the file and line, before the guest
# runner builds: a copy of the program's top whose converted-drivers has
# the bundled families and one with such a line.
mkdir -p "$tmp/top/build/bin" "$tmp/top/converted-drivers/badconf"
cp build/bin/modref "$tmp/top/build/bin/modref"
for d in scripts verify; do ln -s "$top/$d" "$tmp/top/$d"; done
for f in converted-drivers/*/; do
	f=${f%/}
	ln -s "$top/$f" "$tmp/top/$f"
done
printf '%s\n' '# a family' 'MODULES="vbad.ko"' 'VERIFY_EXERCISE=$(touch PWNED)' \
	>"$tmp/top/converted-drivers/badconf/family.conf"
run "verify/run with a family.conf line sh would run" \
	"converted-drivers/badconf/family.conf:3: not a KEY=value line" \
	"$tmp/top/build/bin/modref" verify --families badconf --out "$tmp/v"

# Negative control: good settings pass check-params (so the cases above
# fail for their bad word, not for everything).
if scripts/check-params KERNELS="6.1 6.12 debug" FAMILIES="busmouse hisax mtd netcore" \
	VARIANTS="legacy converted" CYCLES=1 RACE_MS=0 JOBS=2 2>"$tmp/err"; then
	echo "ok - good settings are accepted"
else
	echo "not ok - good settings are accepted: $(cat "$tmp/err")"
fi
