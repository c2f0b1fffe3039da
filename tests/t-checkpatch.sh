#!/bin/sh
# checkpatch.pl --no-tree is clean on our C; and it does flag bad style
# (negative control), so a clean result means something.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

scripts/checkpatch.sh >"$tmp/out" 2>&1
# plan: one line per file checked, and the negative control
echo "1..$(($(grep -c . "$tmp/out") + 1))"
while IFS= read -r line; do
	case "$line" in
	*": clean") echo "ok - checkpatch: ${line%: clean}" ;;
	*) echo "not ok - checkpatch: $line" ;;
	esac
done <"$tmp/out"

printf 'int main(void){ if(1) { return 0; } }\n' >"$tmp/bad.c"
if scripts/checkpatch.sh "$tmp/bad.c" >/dev/null 2>&1; then
	echo "not ok - checkpatch flags badly styled C (negative control)"
else
	echo "ok - checkpatch flags badly styled C (negative control)"
fi
