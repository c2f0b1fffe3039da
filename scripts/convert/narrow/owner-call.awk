# owner-call.awk - keep the files (given as arguments) that call one of the
# functions in the comma-separated list `fns` on a `->owner` or `->module`
# field (`try_module_get(t->owner)`), or copy such a field into a variable
# (`m = t->owner;`) when `copies` is set.  A call spread over lines is
# joined with the next line before matching.
BEGIN {
	n = split(fns, f, ",")
	alt = f[1]
	for (i = 2; i <= n; i++)
		alt = alt "|" f[i]
	call = "(^|[^A-Za-z0-9_])(" alt ")[ \t]*\\([^;]*->[ \t]*(owner|module)([^A-Za-z0-9_]|$)"
	copy = "=[ \t]*[^;=]*->[ \t]*(owner|module)[ \t]*;"
}
FNR == 1 { prev = "" }
{
	two = prev " " $0
	if (two ~ call || (copies && $0 ~ copy)) {
		print FILENAME
		nextfile
	}
	prev = $0
}
