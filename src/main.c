// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - modref convert|audit SRC [OUT]: the command line, the stages
 * in order, the exit status.  The run's state is g (run.h).
 *
 *  1. checks: SRC, OUT (by real path, never inside SRC), rules, tools
 *     (setup.c); nothing is created before they all pass
 *  2. OUT's lock, OUT's temporary sibling (everything of the run lives in it)
 *  3. scan (scan.c), groups and batches (group.c), the rules that apply
 *     to each group (select.c)
 *  4. the work copy: the groups' files, regular files only, safe names
 *     (workcopy.c)
 *  5. the job pool (engine.c): per batch, the patch rules in Order
 *     (-D patch --in-place), postpass, then the rules with -D report; a
 *     failing batch is retried group by group; a group that still fails
 *     or runs out of time is a finding, its files are left as they were
 *  6. files of groups with a parse problem spatch did not locate are
 *     parsed alone (--parse-c; findings.c)
 *  7. report.txt, report.json (findings.c, report.c); convert: one patch
 *     per directory, series, diffstat (output.c)
 *  8. rename into place, final line, exit status
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "group.h"
#include "modref.h"
#include "run.h"
#include "verify.h"

/*
 * The most bytes of C a batch holds: spatch's memory grows with the
 * batch (3.2 GiB at 8 MiB on Linux 2.4.31's largest batch).
 */
#define BATCH_MAX (4LL * 1024 * 1024)

static double child_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double self_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static double all_cpu(void)
{
	return child_cpu() + self_cpu();
}

static void help_text(FILE *o)
{
	fprintf(o,
		"usage: modref convert [options] [--] SRC [OUT]\n"
		"       modref audit [options] [--] SRC [OUT]\n"
		"       modref report boot|summary ... (judge a verify boot; see\n"
		"                     modref report --help)\n"
		"       modref merge OUT.cocci [RULE...] (the SmPL file the report\n"
		"                     phase runs for those rules, to read or run)\n"
		"       modref verify [options] (boot kernels under QEMU, race module\n"
		"                     removal against users; see modref verify --help)\n"
		"       modref --help | --version\n"
		"\n"
		"convert: a patch series (one patch per directory), report.txt and\n"
		"report.json for the tree SRC; audit: the report rules only.\n"
		"SRC is never written; OUT (default build/<convert|audit>/<name of SRC>)\n"
		"must not exist or be empty.\n"
		"\n"
		"  -j N, --jobs N      spatch processes side by side (default 2, MODREF_JOBS)\n"
		"  --timeout S         seconds per file group before it is given up\n"
		"                      (default 60, MODREF_TIMEOUT)\n"
		"  --max-memory M      MiB of data one spatch process may use; one over it\n"
		"                      fails as a spatch finding (default 2048,\n"
		"                      MODREF_MAX_MEMORY; 0: no limit)\n"
		"  --target T          current (default) or 2.4: the kernel the result is for\n"
		"  -q, --quiet         only errors and the final line\n"
		"  -v, --verbose       every spatch call\n"
		"  --list              print the file groups and batches, write nothing\n"
		"\n"
		"exit status: 0 every file processed (what needs a human is in the report);\n"
		"3 output written but some files could not be processed (named in the\n"
		"report: rules timeout, spatch, unprocessed); 2 bad input or usage (nothing\n"
		"written); 1 internal error; 130 interrupted.\n"
		"\n"
		"environment: MODREF_RULES (rule directory), MODREF_SIGNOFF (\"Name <email>\"),\n"
		"SOURCE_DATE_EPOCH (Date: of the patches), MODREF_PYTHON, MODREF_KEEP,\n"
		"MODREF_MERGE=0 (one report call per rule instead of merged calls).\n");
}

static int cmp_file(const void *a, const void *b)
{
	const struct sfile *x = a, *y = b;
	char *dx = dir_of(x->rel), *dy = dir_of(y->rel);
	int c = strcmp(dx, dy);

	free(dx);
	free(dy);
	return c ? c : strcmp(x->rel, y->rel);
}

/*
 * modref merge OUT.cocci [RULE...]: the SmPL file the report phase runs
 * for those rules (default: every rule), to run or read by hand.
 */
static int cmd_merge(int argc, char **argv)
{
	char err[1024], *p = NULL;
	const char *e = getenv("MODREF_RULES");
	int *idx, n = 0, i, j;

	if (argc < 2)
		die(EXIT_BAD_INPUT, "usage: modref merge OUT.cocci [RULE...]");
	g.top = exe_top();
	g.rules_dir = realpath(e && *e ? e : (p = path_join(g.top, "semantic-patches")), NULL);
	if (!g.rules_dir)
		die(EXIT_BAD_INPUT, "%s: no such rule directory (set MODREF_RULES)",
		    e && *e ? e : p);
	free(p);
	if (rules_load(&g.rs, g.rules_dir, false, err, sizeof(err)))
		die(EXIT_BAD_INPUT, "%s", err);
	idx = xcalloc(g.rs.n, sizeof(int));
	for (i = 0; i < g.rs.n; i++) {
		bool want = argc == 2;

		for (j = 2; j < argc; j++)
			want |= !strcmp(argv[j], g.rs.r[i].name);
		if (want)
			idx[n++] = i;
	}
	for (j = 2; j < argc; j++) {
		for (i = 0; i < g.rs.n; i++)
			if (!strcmp(argv[j], g.rs.r[i].name))
				break;
		if (i == g.rs.n)
			die(EXIT_BAD_INPUT, "%s: no such rule in %s", argv[j],
			    g.rules_dir);
	}
	if (merge_rules(&g.rs, idx, n, argv[1], err, sizeof(err)))
		die(EXIT_INTERNAL, "%s", err);
	free(idx);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "max-memory", required_argument, NULL, 'M' },
		{ "target", required_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "list", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	char err[1024], *src, *outarg, *outreal, *outdir, *p, *lockerr = NULL;
	const char *cmd, *e, *maxmem = "2048";
	struct stat st;
	int c, i, npatches = 0, status;
	double t, c0;
	long long sel_bytes = 0;
	int nsel = 0;
	bool list_only = false;

	(void)lockerr;
	g.t0 = now_mono();
	g.jobs = 2;
	g.timeout = 60;
	g.target = "current";
	e = getenv("MODREF_JOBS");
	if (e && *e)
		g.jobs = atoi(e);
	e = getenv("MODREF_TIMEOUT");
	if (e && *e)
		g.timeout = atoi(e);
	e = getenv("MODREF_MAX_MEMORY");
	if (e && *e)
		maxmem = e;
	if (argc < 2) {
		help_text(stderr);
		return EXIT_BAD_INPUT;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		help_text(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("modref %s\n", MODREF_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "report"))
		return cmd_report(argc - 1, argv + 1);
	if (!strcmp(cmd, "merge"))
		return cmd_merge(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(cmd, "audit"))
		g.audit = true;
	else if (strcmp(cmd, "convert"))
		die(EXIT_BAD_INPUT, "%s: unknown command (convert, audit, report, merge or verify; see --help)",
		    cmd);
	argv++;
	argc--;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+j:qvh", lo, NULL)) != -1) {
		switch (c) {
		case 'j':
			g.jobs = atoi(optarg);
			break;
		case 't':
			g.timeout = atoi(optarg);
			break;
		case 'M':
			maxmem = optarg;
			break;
		case 'T':
			g.target = optarg;
			break;
		case 'q':
			verbosity = 0;
			break;
		case 'v':
			verbosity = 2;
			break;
		case 'h':
			help_text(stdout);
			return 0;
		case 'L':
			list_only = true;
			break;
		default:
			die(EXIT_BAD_INPUT, "%s: unknown option or missing value (usage: modref %s [options] [--] SRC [OUT]; a SRC that starts with - goes after --)",
			    argv[optind - 1], cmd);
		}
	}
	if (g.jobs < 1 || g.jobs > 32)
		die(EXIT_BAD_INPUT, "-j %d: must be 1 to 32", g.jobs);
	if (g.timeout < 1)
		die(EXIT_BAD_INPUT, "--timeout: must be at least 1 second");
	g.max_memory = strtoul(maxmem, &p, 10);
	if (!*maxmem || *p || maxmem[0] == '-' ||
	    (g.max_memory && g.max_memory < 64) || g.max_memory > 1 << 20)
		die(EXIT_BAD_INPUT, "--max-memory %s: MiB, 64 to 1048576, or 0 for no limit",
		    maxmem);
	pool_set_mem_limit(g.max_memory);
	if (strcmp(g.target, "current") && strcmp(g.target, "2.4"))
		die(EXIT_BAD_INPUT, "--target %s: must be current or 2.4",
		    g.target);
	if (argc - optind < 1 || argc - optind > 2)
		die(EXIT_BAD_INPUT, "usage: modref %s [options] [--] SRC [OUT]",
		    cmd);
	src = argv[optind];
	outarg = argc - optind > 1 ? argv[optind + 1] : "";

	/* ---- 1. checks ---- */
	if (!*src)
		die(EXIT_BAD_INPUT, "usage: modref %s SRC [OUT] (SRC is empty)",
		    cmd);
	p = escape_name(src);
	if (stat(src, &st))
		die(EXIT_BAD_INPUT, "%s: no such directory", p);
	if (!S_ISDIR(st.st_mode))
		die(EXIT_BAD_INPUT, "%s: not a directory", p);
	{
		DIR *d = opendir(src);

		if (!d || access(src, R_OK | X_OK))
			die(EXIT_BAD_INPUT, "%s: not readable", p);
		closedir(d);
	}
	free(p);
	g.srcabs = realpath(src, NULL);
	if (!g.srcabs)
		die(EXIT_BAD_INPUT, "%s: cannot resolve: %s", src, strerror(errno));
	g.top = exe_top();
	e = getenv("MODREF_RULES");
	g.rules_dir = realpath(e && *e ? e : (p = path_join(g.top, "semantic-patches")), NULL);
	if (!g.rules_dir)
		die(EXIT_BAD_INPUT, "%s: no such rule directory (set MODREF_RULES)",
		    e && *e ? e : p);
	if (*outarg) {
		g.out = xstrdup(outarg);
	} else {
		const char *b = base_of(g.srcabs);

		g.out = xasprintf("%s/build/%s/%s", g.top,
				  g.audit ? "audit" : "convert", *b ? b : "root");
	}
	check_out(g.out);
	outreal = real_out_path(g.out, err, sizeof(err));
	if (!outreal)
		die(EXIT_BAD_INPUT, "%s: %s", g.out, err);
	if (path_inside(outreal, g.srcabs))
		die(EXIT_BAD_INPUT, "%s: inside SRC %s (SRC is never written to)",
		    g.out, g.srcabs);
	load_legacy_names();
	if (rules_load(&g.rs, g.rules_dir, g.audit, err, sizeof(err)))
		die(EXIT_BAD_INPUT, "%s", err);
	load_declarers();
	g.rule_ok = xcalloc(g.rs.n, sizeof(bool));
	g.rule_cpu[0] = xcalloc(g.rs.n, sizeof(double));
	g.rule_cpu[1] = xcalloc(g.rs.n, sizeof(double));
	g.rule_calls = xcalloc(g.rs.n, sizeof(int));
	g.spatch = which("spatch");
	if (!g.spatch)
		die(EXIT_BAD_INPUT, "spatch: not installed (apt-get install coccinelle)");
	e = getenv("MODREF_PYTHON");
	g.python = xstrdup(e && *e ? e : "/usr/bin/python3");
	if (access(g.python, X_OK)) {
		free(g.python);
		g.python = NULL;
	}
	p = path_join(g.rules_dir, "macros-2.4.h");
	if (!access(p, R_OK))
		g.macro_file = p;
	else
		free(p);
	load_wrappers();
	if (!g.audit) {
		p = path_join(g.rules_dir, "postpass");
		if (!access(p, X_OK))
			g.postpass = p;
		else
			free(p);
		e = getenv("MODREF_SIGNOFF");
		if (e && *e) {
			g.signoff = xstrdup(e);
		} else {
			char *n = git_config("user.name"), *m = git_config("user.email");

			if (!n || !m)
				die(EXIT_BAD_INPUT, "no identity for Signed-off-by: set MODREF_SIGNOFF=\"Name <email>\" or git config user.name/user.email");
			g.signoff = xasprintf("%s <%s>", n, m);
			free(n);
			free(m);
		}
		if (!signoff_ok(g.signoff))
			die(EXIT_BAD_INPUT, "MODREF_SIGNOFF: \"%s\" is not \"Name <email>\"",
			    g.signoff);
		g.diffstat = which("diffstat");
		if (!g.diffstat)
			die(EXIT_BAD_INPUT, "diffstat: not installed (apt-get install diffstat)");
		g.diff = which("diff");
		if (!g.diff)
			die(EXIT_BAD_INPUT, "diff: not installed (apt-get install diffutils)");
	}

	/* ---- 2. lock, temporary sibling ---- */
	pool_init();
	p = dir_of(outreal);
	if (mkdir_p(p, 0755))
		die(EXIT_BAD_INPUT, "%s: cannot create: %s", p, strerror(errno));
	free(p);
	if (out_lock(outreal, err, sizeof(err)) < 0)
		die(EXIT_BAD_INPUT, "%s", err);
	check_out(g.out);
	g.tmp = xasprintf("%s.tmp.XXXXXX", outreal);
	if (!mkdtemp(g.tmp))
		die(EXIT_BAD_INPUT, "%s: cannot create a temp dir next to it: %s",
		    g.out, strerror(errno));
	pool_cleanup_dir(g.tmp);
	g.work = path_join(g.tmp, "work");
	g.logs = path_join(g.tmp, "logs");
	outdir = path_join(g.tmp, "out");
	if (mkdir(g.work, 0755) || mkdir(g.logs, 0755) || mkdir(outdir, 0755))
		die(EXIT_INTERNAL, "%s: cannot create: %s", g.tmp, strerror(errno));
	p = path_join(g.tmp, "spatch-tmp");
	mkdir(p, 0700);
	free(p);

	/* ---- 3. scan, groups ---- */
	c0 = all_cpu();
	if (tree_scan(&g.t, g.srcabs, err, sizeof(err)))
		die(EXIT_BAD_INPUT, "%s", err);
	pool_interrupted();
	qsort(g.t.f, g.t.nf, sizeof(*g.t.f), cmp_file);
	assign_work_names();
	load_owner_set();
	for (i = 0; i < g.t.nf; i++)
		g.t.f[i].otable = owner_table(&g.t.f[i]);
	groups_build(&g.gs, &g.t, &g.rs, g.audit);
	if (g.audit)
		prune_groups();
	for (i = 0; i < g.gs.n; i++) {
		nsel += g.gs.v[i].nfiles;
		sel_bytes += g.gs.v[i].bytes;
	}
	{
		/*
		 * About 8 batches: every spatch call costs a start-up (Python,
		 * the rule), so fewer and larger calls; the size depends on the
		 * tree alone, never on -j.
		 */
		long long target = sel_bytes / 8, cap = BATCH_MAX;

		e = getenv("MODREF_BATCH_MAX");	/* KiB, for bench/convert */
		if (e && atoll(e) > 0)
			cap = atoll(e) * 1024;
		if (target < 256 * 1024)
			target = 256 * 1024;
		if (target > cap)
			target = cap;
		batches_build(&g.gs, target, 256);
	}
	g.nb = g.gs.nbatches;
	g.b = xcalloc(g.nb ? g.nb : 1, sizeof(*g.b));
	for (i = 0; i < g.gs.n; i++) {
		struct batch *b = &g.b[g.gs.v[i].batch];

		b->id = g.gs.v[i].batch;
		b->groups = xrealloc(b->groups, (b->ng + 1) * sizeof(int));
		b->groups[b->ng++] = i;
	}
	g.fired = xcalloc(g.t.nf ? g.t.nf : 1, sizeof(uint64_t));
	g.core_kept = xcalloc(g.t.nf ? g.t.nf : 1, sizeof(uint64_t));
	for (i = 0; i < g.t.nf; i++) {
		struct sfile *f = &g.t.f[i];
		bool kw = false;
		int r;

		if (f->flags & F_AUX)
			continue;
		for (r = 0; r < g.rs.n && !kw; r++)
			kw = !rule_is_star(&g.rs.r[r]) &&
			     rule_matches(&g.rs.r[r], f->kw);
		if (f->flags & F_SYMLINK)
			unprocessed(i, "a symbolic link: not followed, not converted (convert the file it points to)");
		else if ((f->flags & F_BINARY) && kw)
			unprocessed(i, "has NUL bytes (not C text): not converted");
		else if ((f->flags & F_BADNAME) && kw)
			unprocessed(i, "its name has a control character, which no patch can name: not converted");
	}
	if (list_only) {
		/* --list: the groups and batches, then stop (nothing written) */
		for (i = 0; i < g.gs.n; i++) {
			int j;

			printf("batch %d group %s%s:", g.gs.v[i].batch + 1,
			       g.t.dirs.v[g.gs.v[i].dir],
			       g.gs.v[i].module ? "" : " (report only)");
			for (j = 0; j < g.gs.v[i].nfiles; j++)
				printf(" %s", base_of(g.t.f[g.gs.v[i].files[j]].rel));
			printf("\n");
		}
		pool_kill_all();
		rm_rf(outdir);
		return 0;
	}
	g.owner_file = path_join(g.tmp, "owner-types");
	p = path_join(g.rules_dir, "owner-types");
	if (owner_types_write(&g.t, p, g.owner_file))
		die(EXIT_INTERNAL, "%s: cannot write", g.owner_file);
	free(p);
	g.cpu.scan = all_cpu() - c0;
	{
		int nfiles = 0;

		for (i = 0; i < g.t.nf; i++)
			nfiles += !(g.t.f[i].flags & F_AUX);
		say("scan: %d files (%lld MB), %d candidates in %d groups, %d batches, %d owner types (%.1f s)",
		    nfiles, g.t.bytes >> 20, nsel, g.gs.n, g.nb, g.t.not,
		    now_mono() - g.t0);
	}

	/* ---- 4. work copy ---- */
	c0 = all_cpu();
	copy_group_files();
	g.cpu.copy = all_cpu() - c0;
	build_env();

	/* ---- 5. the pool ---- */
	c0 = all_cpu();
	run_batches();
	g.cpu.patch = all_cpu() - c0;

	/* ---- 6. parse problems ---- */
	c0 = all_cpu();
	parse_findings();
	g.cpu.reparse = all_cpu() - c0;

	/* ---- 7. report and patches ---- */
	c0 = all_cpu();
	check_unwraps();
	kept_findings();
	drop_failed_findings();
	findings_sort_uniq(&g.fs);
	for (i = 0; i < g.fs.n; i++) {
		g.nparse += !strcmp(g.fs.v[i].rule, "parse");
		g.ndefine += !strcmp(g.fs.v[i].rule, "parse-define");
	}
	{
		char *txt = path_join(outdir, "report.txt");
		char *js = path_join(outdir, "report.json");

		if (report_write(&g.fs, txt, js))
			die(EXIT_INTERNAL, "%s: cannot write", outdir);
		free(txt);
		free(js);
	}
	if (!g.audit)
		write_patches(outdir, &npatches);
	g.cpu.output = all_cpu() - c0;

	/* ---- 8. into place ---- */
	check_out(g.out);
	if (!lstat(outreal, &st) && rmdir(outreal))
		die(EXIT_BAD_INPUT, "%s: exists and is not empty", g.out);
	if (rename(outdir, outreal))
		die(EXIT_INTERNAL, "%s: cannot rename the result into place: %s",
		    g.out, strerror(errno));
	{
		unsigned long before = 0, after = 0;
		struct rusage ru, rc;
		int nfiles = 0;

		for (i = 0; i < g.t.nf; i++) {
			struct sfile *f = &g.t.f[i];

			if (f->flags & F_AUX)
				continue;
			nfiles++;
			before += f->nlegacy;
			if (f->group >= 0 && g.gs.v[f->group].module &&
			    !g.gs.v[f->group].failed && g.fired[i]) {
				struct scan_result res = { 0 };
				char *w = path_join(g.work, f->work), *buf;
				size_t len;

				if (!read_file(w, &buf, &len)) {
					scan_buffer(buf, len, &res);
					after += res.nlegacy;
					scan_result_free(&res);
					free(buf);
				}
				free(w);
			} else {
				after += f->nlegacy;
			}
		}
		getrusage(RUSAGE_SELF, &ru);
		getrusage(RUSAGE_CHILDREN, &rc);
		t = now_mono() - g.t0;
		if (verbosity >= 1)
			fprintf(stderr,
				"%s: stats: files scanned %d, candidates %d, groups %d, batches %d, spatch calls %d, legacy sites %lu before %lu after; CPU s: scan %.1f copy %.1f rules %.1f reparse %.1f output %.1f; peak RSS MiB: modref %ld, largest child %ld; wall %.1f s, -j %d\n",
				progname, nfiles, nsel, g.gs.n, g.nb, g.ncalls,
				before, after, g.cpu.scan, g.cpu.copy,
				g.cpu.patch, g.cpu.reparse, g.cpu.output,
				ru.ru_maxrss / 1024, rc.ru_maxrss / 1024, t,
				g.jobs);
	}
	if (verbosity >= 1) {
		struct strbuf sb = { 0 };

		for (i = 0; i < g.rs.n; i++)
			if (g.rule_calls[i])
				sb_addf(&sb, " %s %.1f+%.1f", g.rs.r[i].name,
					g.rule_cpu[0][i], g.rule_cpu[1][i]);
		if (g.merged_calls)
			sb_addf(&sb, "; merged report calls %d, %.1f",
				g.merged_calls, g.merged_cpu);
		fprintf(stderr, "%s: stats: CPU s per rule (patch+report calls):%s\n",
			progname, sb.buf ? sb.buf : " none");
		sb_free(&sb);
	}
	/* a group given up, a rule that failed on one, a file not copied */
	status = (g.nfailed_groups || g.nexn || g.nunprocessed) ?
		 EXIT_UNPROCESSED : EXIT_DONE;
	{
		int nfail = 0, nt = 0, ns = 0, nu = 0;

		for (i = 0; i < g.fs.n; i++) {
			nt += !strcmp(g.fs.v[i].rule, "timeout");
			ns += !strcmp(g.fs.v[i].rule, "spatch");
			nu += !strcmp(g.fs.v[i].rule, "unprocessed");
		}
		nfail = nt + ns + nu;
		fprintf(stderr, "%s: done: ", progname);
		if (!g.audit)
			fprintf(stderr, "%d patches, ", npatches);
		fprintf(stderr,
			"%d report lines (%d parse, %d parse-define, %d timeout, %d spatch, %d unprocessed) in %s (%.0f s)%s\n",
			g.fs.n, g.nparse, g.ndefine, nt, ns, nu,
			g.out, now_mono() - g.t0,
			nfail ? "; files not processed are named in report.txt" : "");
	}
	pool_kill_all();
	return status;
}
