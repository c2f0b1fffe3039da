# split-groups.awk - read "<size> <relative file>" lines, group the files by
# directory (a rule must see a method table and its methods together when
# they live in different files of one module), and deal the groups out to
# two --file-groups files, largest first, to balance two spatch processes.
#
#   awk -v out1=A -v out2=B -f split-groups.awk

{
	size = $1
	f = $0
	sub(/^[0-9]+ /, "", f)
	d = f
	if (d ~ /\//)
		sub(/\/[^\/]*$/, "", d)
	else
		d = "."
	if (!(d in bytes)) {
		dirs[++nd] = d
		bytes[d] = 0
	}
	bytes[d] += size
	files[d] = files[d] f "\n"
}

END {
	# selection sort by size, descending: nd is small (directories)
	for (i = 1; i <= nd; i++) {
		m = i
		for (j = i + 1; j <= nd; j++)
			if (bytes[dirs[j]] > bytes[dirs[m]])
				m = j
		t = dirs[i]; dirs[i] = dirs[m]; dirs[m] = t
	}
	load1 = 0; load2 = 0; n1 = 0; n2 = 0
	printf "" > out1
	printf "" > out2
	for (i = 1; i <= nd; i++) {
		d = dirs[i]
		if (load1 <= load2) {
			printf "%s%s", (n1++ ? "\n" : ""), files[d] > out1
			load1 += bytes[d] + 20000
		} else {
			printf "%s%s", (n2++ ? "\n" : ""), files[d] > out2
			load2 += bytes[d] + 20000
		}
	}
}
