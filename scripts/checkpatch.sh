#!/bin/sh
# checkpatch.sh [FILE ...]: run the kernel's checkpatch.pl --no-tree on our C.
#
# checkpatch.pl comes from Debian's linux-source-6.1 tarball at run time
# (extracted once to $MODREF_CACHE/checkpatch); it is never copied into this
# repository.  Without FILE, every .c/.h file we own is checked, except the
# Coccinelle test inputs (2.4-era code on purpose: semantic-patches/tests/,
# tests/fixtures/macros/, tests/fixtures/wrapped/) and
# semantic-patches/macros-2.4.h, a Coccinelle macro file in standard.h
# conventions whose entries mimic 2.4 macros.
# Prints "<file>: clean" or checkpatch's terse lines; exits non-zero on any
# error or warning.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MODREF_CACHE:-/var/cache/modref}/checkpatch
tarball=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null || true)

if [ ! -x "$cache/scripts/checkpatch.pl" ]; then
	[ -n "$tarball" ] || {
		echo "checkpatch: /usr/src/linux-source-6.1.tar.xz not found (Debian package linux-source-6.1); run 'make deps'" >&2
		exit 1
	}
	mkdir -p "$(dirname "$cache")"
	tmp=$(mktemp -d "$cache.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT INT TERM
	tar -C "$tmp" -xJf "$tarball" --wildcards --strip-components=1 \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
	rm -rf "$cache"
	mv "$tmp" "$cache"
	trap - EXIT INT TERM
fi

cd "$top"
if [ $# -eq 0 ]; then
	set -- $(git ls-files -co --exclude-standard -- '*.c' '*.h' |
		grep -v -e '^semantic-patches/tests/' -e '^build/' \
			-e '^tests/fixtures/macros/' \
			-e '^tests/fixtures/wrapped/' \
			-e '^semantic-patches/macros-2.4.h$' | sort)
fi
rc=0
for f in "$@"; do
	ignore=
	case "$f" in
	# code for real 2.4 headers: 2.4's register_chrdev() takes a non-const
	# file_operations, and 2.4 has no pr_info()
	compat/tests/linux-2.4/*)
		ignore="--ignore LINUX_VERSION_CODE,CONST_STRUCT,PREFER_PR_LEVEL" ;;
	# a compat header and a model of <linux/version.h> must name it
	compat/*) ignore="--ignore LINUX_VERSION_CODE" ;;
	esac
	# shellcheck disable=SC2086
	out=$(perl "$cache/scripts/checkpatch.pl" --no-tree --terse \
		--show-types $ignore -f "$f" 2>&1) && {
		echo "$f: clean"
		continue
	}
	case "$f" in
	converted-drivers/*/legacy/*)
		# The 2.4 drivers keep GNU "field: value" initializers on
		# purpose (the rules convert them); checkpatch reads each as
		# an indented label and a missing space around ':'.  Only
		# those two complaints are tolerated, and only here.
		out=$(echo "$out" | grep -E '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK)' |
			grep -v -e ':INDENTED_LABEL:' \
				-e ":SPACING: spaces required around that ':'" || true)
		if [ -z "$out" ]; then
			echo "$f: clean"
			continue
		fi
		;;
	esac
	echo "$out" | grep -E '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK)' || echo "$out"
	rc=1
done
exit $rc
