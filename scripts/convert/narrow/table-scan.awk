# table-scan.awk - print the files (arguments) that hold a static
# initializer `struct T name ... = { ... }` of an owner type T (the
# space-separated list `types`, plus every struct these files define with a
# `struct module *owner;` member) without an `.owner =` / `owner:` field.
# A superset test for table_no_owner.cocci: comments and #if are not
# parsed, a table split over lines before its `=` is still found.
function dirof(f) {
	if (f ~ /\//)
		sub(/\/[^\/]*$/, "", f)
	else
		f = "."
	return f
}

BEGIN {
	n = split(types, t, " ")
	for (i = 1; i <= n; i++)
		owner[t[i]] = 1
}
# pass 1 (files listed with prefix "1:" in ARGV are read twice: see caller)
FNR == 1 {
	p1 = ""; p2 = ""
	pass = (FILENAME in seen) ? 2 : 1
	seen[FILENAME] = 1
	depth = 0; intab = 0; sname = ""
}
pass == 1 {
	# tables handed to debugfs/procfs are skipped by the rule
	win = p2 " " p1 " " $0
	p2 = p1; p1 = $0
	if (win ~ /debugfs_create_file|proc_create|create_proc_entry|proc_fops/) {
		l = $0
		while (match(l, /&[ \t]*[A-Za-z_][A-Za-z0-9_]*/)) {
			nm = substr(l, RSTART + 1, RLENGTH - 1)
			gsub(/[ \t]/, "", nm)
			skip[dirof(FILENAME) SUBSEP nm] = 1
			l = substr(l, RSTART + RLENGTH)
		}
	}
	if (match($0, /struct[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\{/)) {
		s = substr($0, RSTART, RLENGTH)
		sub(/^struct[ \t]+/, "", s)
		sub(/[ \t]*\{$/, "", s)
		sname = s
	}
	if (sname != "" && $0 ~ /struct[ \t]+module[ \t]*\*[ \t]*owner[ \t]*;/)
		owner[sname] = 1
	if ($0 ~ /^\}/)
		sname = ""
	next
}
{
	line = $0
	if (!intab) {
		# "struct T name" possibly with the "= {" on this or a later line
		if (match(line, /struct[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+[A-Za-z_][A-Za-z0-9_]*/)) {
			s = substr(line, RSTART, RLENGTH)
			split(s, w, /[ \t]+/)
			if ((w[2] in owner) && line !~ /[;(]/ || (w[2] in owner) && line ~ /=[ \t]*\{/) {
				pending = 1
				hasown = 0
				tname = w[3]
			}
		}
		if (pending && line ~ /=[ \t]*\{/) {
			pending = 0
			intab = 1
			depth = 0
		} else if (pending && line ~ /;/) {
			pending = 0
		}
		if (!intab)
			next
	}
	if (line ~ /\.owner[ \t]*=/ || line ~ /(^|[^A-Za-z0-9_.>])owner[ \t]*:/ ||
	    line ~ /(\.read[ \t]*=|read[ \t]*:)[ \t]*seq_read[ \t]*,?[ \t]*$/)
		hasown = 1	# has an owner, or a seq_file table: not reported
	o = gsub(/\{/, "{", line)
	c = gsub(/\}/, "}", line)
	depth += o - c
	if (depth <= 0) {
		intab = 0
		if (!hasown && !((dirof(FILENAME) SUBSEP tname) in skip)) {
			print FILENAME
			nextfile
		}
	}
}
