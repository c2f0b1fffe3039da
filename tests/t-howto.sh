#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# t-howto.sh [HOWTO]: run every ```sh block of HOWTO.md, so the document
# cannot rot.
#
# The blocks are extracted in document order and each one runs on its own
# with `sh -eu` from the repository root (they share state only through
# files under /tmp/modref-howto, which is emptied first).  One line per
# block: `ok - HOWTO <section>: <first command>` or `not ok - ...` followed
# by the tail of the block's output as `# ` lines.
#
# Checks besides the blocks:
#   - every fenced block has a language: sh (runs), make or text (shown
#     only); an untagged fence could hide a command nobody runs;
#   - the number of blocks run equals the number of ```sh fences;
#   - no block names this checkout's absolute path (they must run from any
#     clone; a synthetic block that does must be caught);
#   - negative control: a copy of the HOWTO whose first `make convert` block
#     names a source directory that does not exist must make this very
#     runner print `not ok` (the harness can fail), and a block whose first
#     command fails while the last succeeds must fail too (sh -e is on).
#
# Environment: HOWTO_KEEP=1 keeps the extracted blocks and their logs in
# /tmp/modref-howto/.blocks; HOWTO_DRY=1 extracts but does not run them
# (a quick check of the document's structure while editing it).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
howto=${1:-$top/HOWTO.md}
work=/tmp/modref-howto
tail_lines=${HOWTO_TAIL:-25}

[ -r "$howto" ] || {
	echo "1..1"
	echo "not ok - HOWTO: $howto: cannot read"
	exit 1
}
# plan: 6 checks of the document and the harness, then one per ```sh block
# (none with HOWTO_DRY=1)
nsh=$(grep -c '^```sh[ \t]*$' "$howto" || true)
[ "${HOWTO_DRY:-0}" != 1 ] || nsh=0
echo "1..$((6 + nsh))"

# extract FILE DIR: write DIR/NNN.sh (the block) and DIR/NNN.label
# ("<section>: <first command>") for every ```sh block; print the count.
# Fails (status 2) on an unterminated fence.
extract() {
	mkdir -p "$2"
	awk -v dir="$2" '
	function label(s) { sub(/^#+[ \t]*/, "", s); return s }
	/^```/ && !inblock {
		lang = substr($0, 4); sub(/[ \t].*$/, "", lang)
		inblock = 1; start = NR
		if (lang == "sh") {
			n++; f = sprintf("%s/%03d.sh", dir, n); first = ""
			printf "" > f
		}
		next
	}
	/^```[ \t]*$/ && inblock {
		if (lang == "sh") {
			close(f)
			printf "%s: %s\n", section, first > sprintf("%s/%03d.label", dir, n)
			close(sprintf("%s/%03d.label", dir, n))
		}
		inblock = 0; lang = ""
		next
	}
	inblock && lang == "sh" {
		print > f
		if (first == "" && $0 !~ /^[ \t]*(#.*)?$/) {
			first = $0; sub(/^[ \t]+/, "", first)
		}
		next
	}
	!inblock && /^#+ / { section = label($0) }
	END {
		if (inblock) {
			printf "unterminated ``` fence opened at line %d\n", start > "/dev/stderr"
			exit 2
		}
		print n + 0
	}' "$1"
}

# run_blocks DIR COUNT: run each block from the repo root, print TAP lines;
# returns the number of failed blocks (capped at 100).
run_blocks() {
	i=1
	nf=0
	while [ "$i" -le "$2" ]; do
		b=$(printf '%s/%03d' "$1" "$i")
		t0=$(date +%s)
		if (cd "$top" && sh -eu "$b.sh") >"$b.log" 2>&1 </dev/null; then
			echo "ok - HOWTO $(cat "$b.label")"
			echo "# $(($(date +%s) - t0)) s"
		else
			rc=$?
			nf=$((nf + 1))
			echo "not ok - HOWTO $(cat "$b.label")"
			echo "# exit $rc after $(($(date +%s) - t0)) s; last lines of output:"
			tail -n "$tail_lines" "$b.log" | sed 's/^/# /'
		fi
		i=$((i + 1))
	done
	[ "$nf" -le 100 ] || nf=100
	return "$nf"
}

ctl=$(mktemp -d /tmp/t-howto-ctl.XXXXXX)
trap 'rm -rf "$ctl"' EXIT INT TERM

# ---- fences: every block is tagged ------------------------------------------
bad=$(awk '/^```/ { if (!open) { open = 1; l = substr($0, 4); sub(/[ \t].*$/, "", l)
		if (l != "sh" && l != "make" && l != "text") print NR ": ```" l }
		else open = 0 }' "$howto")
if [ -z "$bad" ]; then
	echo "ok - HOWTO fences: every block is sh, make or text"
else
	echo "not ok - HOWTO fences: every block is sh, make or text"
	echo "$bad" | sed 's/^/# line /'
fi

# ---- blocks run from any clone: none names this checkout's absolute path ----
# abs_paths FILE: print "line: text" of sh-block lines naming $top
abs_paths() {
	awk -v top="$top" '/^```sh/ { insh = 1; next } /^```/ { insh = 0; next }
		insh && index($0, top) { print NR ": " $0 }' "$1"
}
bad=$(abs_paths "$howto")
# shellcheck disable=SC2016
printf '```sh\nls %s/Makefile\n```\n' "$top" >"$ctl/abs.md"
if [ -z "$bad" ] && [ -n "$(abs_paths "$ctl/abs.md")" ]; then
	echo "ok - HOWTO blocks use relative paths, not $top (negative control caught)"
else
	echo "not ok - HOWTO blocks use relative paths, not $top (negative control caught)"
	echo "$bad" | sed 's/^/# line /'
fi

# ---- negative controls (cheap, run first) ----------------------------------
# 1. a broken copy of the first `make convert` block must give `not ok`
awk 'BEGIN { done = 0 }
	/^```sh/ { insh = 1 }
	/^```[ \t]*$/ { insh = 0 }
	insh && !done && /make convert SRC=/ {
		sub(/SRC=[^ ]*/, "SRC=/tmp/modref-howto/no-such-tree"); done = 1
	}
	{ print }' "$howto" >"$ctl/broken.md"
if cmp -s "$howto" "$ctl/broken.md"; then
	echo "not ok - negative control: no 'make convert SRC=' in a sh block of HOWTO.md to break"
else
	# keep only the broken block: everything up to and including it
	n=$(extract "$ctl/broken.md" "$ctl/b") || n=0
	k=$(grep -l 'no-such-tree' "$ctl"/b/*.sh 2>/dev/null | head -n 1)
	if [ -n "$k" ]; then
		mkdir -p "$ctl/one"
		cp "$k" "$ctl/one/001.sh"
		cp "${k%.sh}.label" "$ctl/one/001.label"
		out=$(run_blocks "$ctl/one" 1) && rc=0 || rc=$?
		if [ "$rc" = 1 ] && echo "$out" | grep -q '^not ok - HOWTO ' &&
			echo "$out" | grep -q 'no-such-tree'; then
			echo "ok - negative control: a broken copy of the convert block reports not ok, naming the bad path"
		else
			echo "not ok - negative control: a broken copy of the convert block reports not ok, naming the bad path"
			echo "$out" | sed 's/^/# /'
		fi
	else
		echo "not ok - negative control: the broken block was not extracted ($n blocks)"
	fi
fi

# 2. sh -e: a block whose first command fails and whose last succeeds fails
mkdir -p "$ctl/e"
printf 'ls /tmp/modref-howto/no-such-file\necho still running\ntrue\n' >"$ctl/e/001.sh"
echo "negative control: failing middle" >"$ctl/e/001.label"
out=$(run_blocks "$ctl/e" 1) && rc=0 || rc=$?
if [ "$rc" = 1 ] && ! grep -q 'still running' "$ctl/e/001.log"; then
	echo "ok - negative control: a block stops and fails at its first failing command"
else
	echo "not ok - negative control: a block stops and fails at its first failing command"
	echo "$out" | sed 's/^/# /'
fi

# 3. an unterminated fence is an error, not a silently shorter run
printf '## x\n```sh\ntrue\n' >"$ctl/open.md"
if extract "$ctl/open.md" "$ctl/o" >/dev/null 2>&1; then
	echo "not ok - negative control: an unterminated fence is an error"
else
	echo "ok - negative control: an unterminated fence is an error"
fi

# ---- the real blocks ---------------------------------------------------------
rm -rf "$work"
mkdir -p "$work"
blocks=$work/.blocks
if ! n=$(extract "$howto" "$blocks"); then
	echo "not ok - HOWTO: extraction failed"
	exit 1
fi
fences=$(grep -c '^```sh[ \t]*$' "$howto" || true)
if [ "$n" -gt 0 ] && [ "$n" = "$fences" ]; then
	echo "ok - HOWTO: $n sh blocks extracted, one per \`\`\`sh fence"
else
	echo "not ok - HOWTO: $n sh blocks extracted, $fences \`\`\`sh fences"
fi
if [ "${HOWTO_DRY:-0}" = 1 ]; then
	for l in "$blocks"/*.label; do
		echo "# would run: $(cat "$l")"
	done
	exit 0
fi
# the blocks must not see the extraction directory as part of the work area
mv "$blocks" "$ctl/blocks"
blocks=$ctl/blocks
all0=$(date +%s)
failed=0
run_blocks "$blocks" "$n" || failed=$?
echo "# all blocks: $(($(date +%s) - all0)) s, $failed failed"
if [ "${HOWTO_KEEP:-0}" = 1 ]; then
	rm -rf "$work/.blocks"
	cp -R "$blocks" "$work/.blocks"
fi
[ "$failed" -eq 0 ]
