# report-json.awk - turn the tab separated report (file, line, rule, message)
# into a JSON array of {"file", "line", "rule", "message"} objects.

function jstr(s,   out, i, c, n) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\\\"
		else if (c == "\"")
			out = out "\\\""
		else if (c == "\t")
			out = out "\\t"
		else if (c == "\r")
			out = out "\\r"
		else if (c in ctl)
			out = out sprintf("\\u%04x", ctl[c])
		else
			out = out c
	}
	return "\"" out "\""
}

BEGIN {
	FS = "\t"
	for (i = 1; i < 32; i++)
		ctl[sprintf("%c", i)] = i
	ctl[sprintf("%c", 127)] = 127
	n = 0
	printf "["
}

NF >= 4 {
	msg = $4
	for (i = 5; i <= NF; i++)
		msg = msg " " $i
	line = $2 + 0
	printf "%s\n  {\"file\": %s, \"line\": %d, \"rule\": %s, \"message\": %s}",
	    (n ? "," : ""), jstr($1), line, jstr($3), jstr(msg)
	n++
}

END {
	printf "%s]\n", (n ? "\n" : "")
}
