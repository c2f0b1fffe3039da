# spatch-log.awk - pull parse problems out of a `spatch --verbose-parsing`
# stderr log written by one spatch process (never two processes into one log:
# the HANDLING blocks must not interleave).
#
# Output, one per line, tab separated:
#   P <file> <line> <message>   a parse error spatch located
#   T <file> 0 <message>        spatch gave up on a file (timeout)
#   S <file>                    a file of a group with a parse failure that
#                               spatch did not locate (to be re-checked
#                               alone with --parse-c)

function flush_group(   n, i, f) {
	if (grp != "" && trouble) {
		n = split(grp, fs, " ")
		for (i = 1; i <= n; i++) {
			f = fs[i]
			if (!(f in located))
				print "S\t" f
		}
	}
	grp = ""
	trouble = 0
	delete located
	delete ingrp
}

function emit(   msg) {
	msg = "spatch cannot parse this code"
	if (around != "")
		msg = msg " (near '" around "')"
	msg = msg "; the rules did not check the code around it"
	print "P\t" pfile "\t" pline "\t" msg
	located[pfile] = 1
	pfile = ""
	around = ""
}

/^HANDLING: / {
	if (pfile != "")
		emit()
	flush_group()
	grp = substr($0, 11)
	delete ingrp
	n = split(grp, fs, " ")
	for (i = 1; i <= n; i++)
		ingrp[fs[i]] = 1
	next
}

/^ = File "/ {
	if (pfile != "")
		emit()
	s = $0
	sub(/^ = File "/, "", s)
	pfile = s
	sub(/", line .*/, "", pfile)
	pline = s
	sub(/^.*", line /, "", pline)
	sub(/,.*/, "", pline)
	trouble = 0
	# spatch re-parses its own output (/tmp/cocci-output-*) in patch mode
	if (!(pfile in ingrp))
		pfile = ""
	next
}

/^  around = '/ {
	if (pfile != "") {
		around = $0
		sub(/^  around = '/, "", around)
		sub(/',?$/, "", around)
		emit()
	}
	next
}

# A failure spatch cannot locate (error recovery ran into the end of the
# file) leaves the group in trouble until a located "parse error" follows.
# Other ERROR-RECOV lines are recovered by a later parsing pass or end in a
# located "parse error" block.
/^ERROR-RECOV: end of file while in recovery mode/ {
	trouble = 1
	next
}

/^(timeout \(we abort\)|Timeout at |TIMEOUT)/ && grp != "" {
	n = split(grp, fs, " ")
	for (i = 1; i <= n; i++) {
		print "T\t" fs[i] "\t0\tspatch timed out on this file; the rules did not check it"
		located[fs[i]] = 1
	}
	next
}

END {
	if (pfile != "")
		emit()
	flush_group()
}
