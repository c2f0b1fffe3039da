// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - modref convert|audit SRC [OUT]: the stages in order.
 *
 *  1. checks: SRC, OUT (by real path, never inside SRC), rules, tools;
 *     nothing is created before they all pass
 *  2. OUT's lock, OUT's temporary sibling (everything of the run lives in it)
 *  3. scan (scan.c), groups and batches (group.c)
 *  4. the work copy: the groups' files, regular files only, safe names
 *  5. the job pool: per batch, the patch rules in Order (-D patch
 *     --in-place), postpass, then the rules with -D report; a failing
 *     batch is retried group by group; a group that still fails or runs
 *     out of time is a finding, its files are left as they were
 *  6. files of groups with a parse problem spatch did not locate are
 *     parsed alone (--parse-c)
 *  7. report.txt, report.json; convert: one patch per directory, series,
 *     diffstat
 *  8. rename into place, final line, exit status
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "group.h"
#include "modref.h"
#include "run.h"
#include "verify.h"

extern char **environ;

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

static void argv_add(struct strvec *a, const char *s)
{
	sv_push(a, xstrdup(s));
}

static void spatch_common(struct strvec *a)
{
	argv_add(a, g.spatch);
	if (g.python) {
		argv_add(a, "--python");
		argv_add(a, g.python);
	}
	if (g.macro_file) {
		argv_add(a, "--macro-file");
		argv_add(a, g.macro_file);
	}
}

static void call_free(struct call *c)
{
	int i;

	for (i = 0; i < c->nsnap; i++)
		free(c->snap[i].buf);
	free(c->snap);
	free(c->groups);
	free(c->out);
	free(c->err);
	free(c->fg);
	sv_free(&c->argv);
	free(c);
}

static void spawn(struct call *c, double timeout)
{
	char **argv = xcalloc(c->argv.n + 1, sizeof(char *));
	int i;

	for (i = 0; i < c->argv.n; i++)
		argv[i] = c->argv.v[i];
	if (verbosity >= 2) {
		struct strbuf sb = { 0 };

		for (i = 0; i < c->argv.n; i++) {
			sb_adds(&sb, " ");
			sb_adds(&sb, c->argv.v[i]);
		}
		verbose("run:%s", sb.buf);
		sb_free(&sb);
	}
	pool_spawn(argv, g.env.v, g.work, c->out, c->err, timeout, c);
	free(argv);
	g.ncalls++;
	if (c->b)
		c->b->running = true;
}

static struct call *new_call(enum call_kind k, struct batch *b, int rule)
{
	struct call *c = xcalloc(1, sizeof(*c));
	static int seq;

	c->kind = k;
	c->b = b;
	c->rule = rule;
	seq++;
	c->out = xasprintf("%s/%d.out", g.logs, seq);
	c->err = xasprintf("%s/%d.err", g.logs, seq);
	c->fg = xasprintf("%s/%d.groups", g.logs, seq);
	return c;
}

/* two rules' Options agree, --max-width N aside (it shapes patches only) */
static bool same_opts(const struct rule *a, const struct rule *b)
{
	int i = 0, j = 0;

	for (;;) {
		while (i < a->opts.n && !strcmp(a->opts.v[i], "--max-width"))
			i += 2;
		while (j < b->opts.n && !strcmp(b->opts.v[j], "--max-width"))
			j += 2;
		if (i >= a->opts.n || j >= b->opts.n)
			return i >= a->opts.n && j >= b->opts.n;
		if (strcmp(a->opts.v[i++], b->opts.v[j++]))
			return false;
	}
}

static int first_rule(uint64_t mask)
{
	return mask ? __builtin_ctzll(mask) : -1;
}

/* the merged SmPL file of the rules in mask (merge.c), written once */
static const char *merged_path(uint64_t mask)
{
	char err[1024];
	int idx[64], n = 0, i;

	for (i = 0; i < g.nmerged; i++)
		if (g.merged[i].mask == mask)
			return g.merged[i].path;
	for (i = 0; i < g.rs.n; i++)
		if (mask & (1ULL << i))
			idx[n++] = i;
	g.merged = xrealloc(g.merged, (g.nmerged + 1) * sizeof(*g.merged));
	g.merged[g.nmerged].mask = mask;
	g.merged[g.nmerged].path = xasprintf("%s/merged-%016llx.cocci", g.tmp,
					     (unsigned long long)mask);
	if (merge_rules(&g.rs, idx, n, g.merged[g.nmerged].path, err,
			sizeof(err)))
		die(EXIT_INTERNAL, "%s", err);
	return g.merged[g.nmerged++].path;
}

/*
 * One spatch call: rule ri on the groups (patch or report phase), or,
 * with ri < 0, the report parts of the rules in mask, merged.
 */
static void start_rule_call(struct batch *b, int ri, uint64_t mask,
			    int *groups, int ng)
{
	const struct rule *r = &g.rs.r[ri >= 0 ? ri : first_rule(mask)];
	bool patch = b->phase == PH_PATCH;
	struct call *c = new_call(patch ? CALL_PATCH : CALL_REPORT, b, ri);
	struct strbuf fg = { 0 };
	char *tmpd;
	int i, j, nf = 0;

	c->mask = ri >= 0 ? 1ULL << ri : mask;
	c->groups = xcalloc(ng, sizeof(int));
	memcpy(c->groups, groups, ng * sizeof(int));
	c->ng = ng;
	for (i = 0; i < ng; i++) {
		struct group *gr = &g.gs.v[groups[i]];

		if (i)
			sb_addc(&fg, '\n');
		for (j = 0; j < gr->nfiles; j++) {
			sb_adds(&fg, g.t.f[gr->files[j]].work);
			sb_addc(&fg, '\n');
		}
		nf += gr->nfiles;
	}
	if (write_file(c->fg, fg.buf, fg.len))
		die(EXIT_INTERNAL, "%s: cannot write", c->fg);
	sb_free(&fg);
	if (patch) {
		c->snap = xcalloc(nf, sizeof(*c->snap));
		for (i = 0; i < ng; i++) {
			struct group *gr = &g.gs.v[groups[i]];

			for (j = 0; j < gr->nfiles; j++) {
				struct snap *s = &c->snap[c->nsnap++];
				char *p = path_join(g.work,
						    g.t.f[gr->files[j]].work);

				s->file = gr->files[j];
				if (read_file(p, &s->buf, &s->len))
					die(EXIT_INTERNAL, "%s: cannot read", p);
				free(p);
			}
		}
	}
	spatch_common(&c->argv);
	argv_add(&c->argv, "--sp-file");
	argv_add(&c->argv, ri >= 0 ? r->path : merged_path(mask));
	argv_add(&c->argv, "-D");
	argv_add(&c->argv, patch ? "patch" : "report");
	for (i = 0; i < r->opts.n; i++) {
		if (ri < 0 && !strcmp(r->opts.v[i], "--max-width")) {
			i++;
			continue;
		}
		argv_add(&c->argv, r->opts.v[i]);
	}
	if (patch)
		argv_add(&c->argv, "--in-place");
	argv_add(&c->argv, "--verbose-parsing");
	argv_add(&c->argv, "--timeout");
	sv_push(&c->argv, xasprintf("%d", g.timeout));
	tmpd = xasprintf("%s/spatch-tmp/b%d", g.tmp, b->id);
	mkdir_p(tmpd, 0700);
	argv_add(&c->argv, "--tmp-dir");
	sv_push(&c->argv, tmpd);
	argv_add(&c->argv, "--file-groups");
	argv_add(&c->argv, c->fg);
	spawn(c, (double)g.timeout * ng + 30);
}

static void rq_push(struct batch *b, uint64_t mask, const int *groups, int ng)
{
	struct ritem *it;

	if (b->nrq == b->caprq) {
		b->caprq = b->caprq ? b->caprq * 2 : 16;
		b->rq = xrealloc(b->rq, b->caprq * sizeof(*b->rq));
	}
	it = &b->rq[b->nrq++];
	it->mask = mask;
	it->ng = ng;
	it->groups = xcalloc(ng ? ng : 1, sizeof(int));
	memcpy(it->groups, groups, ng * sizeof(int));
}

/* the same rules, one group per call (to find the group that fails) */
static void rq_push_each_group(struct batch *b, uint64_t mask,
			       const int *groups, int ng)
{
	int i;

	for (i = ng - 1; i >= 0; i--)
		rq_push(b, mask, &groups[i], 1);
}

/* one group, one rule per call (a merged call failed on it) */
static void rq_push_each_rule(struct batch *b, uint64_t mask, int gi)
{
	int i;

	for (i = g.rs.n - 1; i >= 0; i--)
		if (mask & (1ULL << i))
			rq_push(b, 1ULL << i, &gi, 1);
}

/*
 * The report phase of a batch: every group gets the rules that apply to
 * it (rule_applies(), as one call per rule would), and the groups with the
 * same rules share calls: one per set of rules with the same Options,
 * merged into one SmPL file (merge.c) when the set has more than one rule.
 * MODREF_MERGE=0 runs one call per rule, as before.
 */
static void build_report_queue(struct batch *b)
{
	uint64_t *masks = xcalloc(b->ng ? b->ng : 1, sizeof(uint64_t));
	int *sel = xcalloc(b->ng ? b->ng : 1, sizeof(int));
	const char *e = getenv("MODREF_MERGE");
	bool merge = !(e && !strcmp(e, "0"));
	int i, j, k;

	for (i = 0; i < b->ng; i++)
		for (j = 0; j < g.rs.n; j++)
			if (rule_applies(&g.rs.r[j], &g.gs.v[b->groups[i]]))
				masks[i] |= 1ULL << j;
	/* split each group's set by Options, then group equal sets */
	for (j = 0; j < g.rs.n; j++) {
		uint64_t cls = 0;

		for (k = 0; k < g.rs.n; k++)
			if (merge ? same_opts(&g.rs.r[j], &g.rs.r[k]) : j == k)
				cls |= 1ULL << k;
		if (first_rule(cls) != j)
			continue;
		for (i = 0; i < b->ng; i++) {
			uint64_t m = masks[i] & cls;
			int ns = 0, x;

			if (!m)
				continue;
			for (x = 0; x < i && (masks[x] & cls) != m; x++)
				;
			if (x < i)
				continue;	/* queued with an earlier group */
			for (x = i; x < b->ng; x++)
				if ((masks[x] & cls) == m)
					sel[ns++] = b->groups[x];
			rq_push(b, m, sel, ns);
		}
	}
	/* a stack: the first item on top */
	for (i = 0; i < b->nrq / 2; i++) {
		struct ritem t = b->rq[i];

		b->rq[i] = b->rq[b->nrq - 1 - i];
		b->rq[b->nrq - 1 - i] = t;
	}
	free(masks);
	free(sel);
	b->rq_built = true;
}

/* the next report item whose groups have not failed since it was queued */
static bool report_next(struct batch *b)
{
	while (b->nrq) {
		struct ritem it = b->rq[--b->nrq];
		int i, n = 0;

		for (i = 0; i < it.ng; i++)
			if (!g.gs.v[it.groups[i]].failed)
				it.groups[n++] = it.groups[i];
		if (n) {
			start_rule_call(b, __builtin_popcountll(it.mask) == 1 ?
					first_rule(it.mask) : -1,
					it.mask, it.groups, n);
			free(it.groups);
			return true;
		}
		free(it.groups);
	}
	return false;
}

/*
 * postpass FIRED... [--exports-only OTHER...]: the files the patch rules
 * changed, then every other file of the batch that uses EXPORT_NO_SYMBOLS
 * in code (spatch cannot parse it at file scope, so no rule fired there);
 * those count as changed by export_no_symbols.
 */
static void start_postpass(struct batch *b)
{
	struct call *c = new_call(CALL_POSTPASS, b, -1);
	int i, j, n = 0, pass, kw = kw_lookup("EXPORT_NO_SYMBOLS", 17);
	int er = -1;
	bool flag = false;

	for (i = 0; i < g.rs.n; i++)
		if (!strcmp(g.rs.r[i].name, "export_no_symbols") &&
		    g.rs.r[i].mode == MODE_PATCH)
			er = i;
	argv_add(&c->argv, g.postpass);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < b->ng; i++) {
			struct group *gr = &g.gs.v[b->groups[i]];

			if (gr->failed || (pass && !gr->module))
				continue;
			for (j = 0; j < gr->nfiles; j++) {
				int fi = gr->files[j];

				if (module_core(fi))
					continue;
				if (!pass && !g.fired[fi])
					continue;
				if (!pass && kw >= 0 && er >= 0 &&
				    kw_has(g.t.f[fi].kw, kw))
					g.fired[fi] |= 1ULL << er;
				if (pass && (g.fired[fi] || kw < 0 || er < 0 ||
					     !kw_has(g.t.f[fi].kw, kw)))
					continue;
				if (pass && !flag) {
					argv_add(&c->argv, "--exports-only");
					flag = true;
				}
				if (pass)
					g.fired[fi] |= 1ULL << er;
				sv_push(&c->argv,
					xasprintf("./%s", g.t.f[fi].work));
				n++;
			}
		}
	}
	if (!n) {
		call_free(c);
		return;
	}
	spawn(c, 0);
}

/* start the batch's next call; false when the batch is done */
static bool batch_next(struct batch *b)
{
	int *sel = xcalloc(b->ng ? b->ng : 1, sizeof(int)), ns, i;
	int npatch = 0;

	for (i = 0; i < g.rs.n; i++)
		npatch += g.rs.r[i].mode == MODE_PATCH;
	for (;;) {
		if (b->npend) {
			int gi = b->pend[--b->npend];

			if (g.gs.v[gi].failed)
				continue;
			start_rule_call(b, b->ri, 0, &gi, 1);
			free(sel);
			return true;
		}
		switch (b->phase) {
		case PH_PATCH:
			if (g.audit || b->ri >= npatch) {
				b->phase = PH_POSTPASS;
				continue;
			}
			break;
		case PH_POSTPASS:
			b->phase = PH_REPORT;
			b->ri = 0;
			if (g.postpass && !g.audit) {
				start_postpass(b);
				if (b->running) {
					free(sel);
					return true;
				}
			}
			continue;
		case PH_REPORT:
			if (!b->rq_built)
				build_report_queue(b);
			if (report_next(b)) {
				free(sel);
				return true;
			}
			b->phase = PH_DONE;
			continue;
		case PH_DONE:
			free(sel);
			return false;
		}
		for (i = ns = 0; i < b->ng; i++)
			if (rule_applies(&g.rs.r[b->ri], &g.gs.v[b->groups[i]]))
				sel[ns++] = b->groups[i];
		if (!ns) {
			b->ri++;
			continue;
		}
		start_rule_call(b, b->ri, 0, sel, ns);
		free(sel);
		return true;
	}
}

static char *last_error_line(const char *errpath)
{
	char *buf, *res = NULL, *p, *e;
	size_t len;

	if (read_file(errpath, &buf, &len))
		return xstrdup("no log");
	for (p = buf; p < buf + len; p = e + 1) {
		e = memchr(p, '\n', buf + len - p);
		if (!e)
			e = buf + len;
		if (e == p || !strncmp(p, "Warning: PARSING", 16) ||
		    !strncmp(p, "init_defs", 9) || !strncmp(p, "HANDLING", 8))
			continue;
		if (strstr(p, "rror") || strstr(p, "xception") ||
		    strstr(p, "atal") || !res) {
			free(res);
			res = xstrndup(p, e - p > 300 ? 300 : e - p);
		}
	}
	free(buf);
	return res ? res : xstrdup("no message");
}

static void check_rule(int ri)
{
	struct strvec a = { 0 };
	char **argv, *out;
	size_t len;
	int i, rc;

	if (g.rule_ok[ri])
		return;
	spatch_common(&a);
	argv_add(&a, "--parse-cocci");
	argv_add(&a, g.rs.r[ri].path);
	argv_add(&a, "-D");
	argv_add(&a, g.rs.r[ri].mode == MODE_PATCH ? "patch" : "report");
	argv = xcalloc(a.n + 1, sizeof(char *));
	for (i = 0; i < a.n; i++)
		argv[i] = a.v[i];
	rc = run_capture_merged(argv, g.tmp, &out, &len);
	free(argv);
	sv_free(&a);
	if (rc) {
		char *p, *line = NULL;

		for (p = strtok(out, "\n"); p; p = strtok(NULL, "\n"))
			if (strstr(p, "rror") && !strstr(p, "Warning")) {
				line = p;
				break;
			}
		/* a rule spatch cannot read is bad input, not a file's fault */
		if (line)
			die(EXIT_BAD_INPUT, "spatch failed: %s: %s",
			    g.rs.r[ri].path, line);
	}
	free(out);
	g.rule_ok[ri] = true;
}

static bool snap_changed(const struct snap *s)
{
	char *p = path_join(g.work, g.t.f[s->file].work), *buf;
	size_t len;
	bool ch = true;

	if (!read_file(p, &buf, &len)) {
		ch = len != s->len || memcmp(buf, s->buf, len);
		free(buf);
	}
	free(p);
	return ch;
}

/*
 * After a patch rule: put back the macro continuations spatch dropped and
 * the definitions of the legacy names no rule may change, and include
 * <linux/module.h> where a rule wrote the file's first THIS_MODULE
 * (spatch.c)
 */
static void repair_output(const struct snap *s)
{
	static char *(*const repairs[])(const char *, size_t, const char *,
					size_t, size_t *) = {
		fix_continuations, keep_legacy_defines, add_module_include,
	};
	char *p = path_join(g.work, g.t.f[s->file].work), *buf, *fixed;
	size_t len, flen, i;
	bool changed = false;

	if (!read_file(p, &buf, &len)) {
		for (i = 0; i < ARRAY_SIZE(repairs); i++) {
			fixed = repairs[i](buf, len, s->buf, s->len, &flen);
			if (fixed) {
				free(buf);
				buf = fixed;
				len = flen;
				changed = true;
			}
		}
		if (changed && write_file(p, buf, len))
			die(EXIT_INTERNAL, "%s: cannot write", p);
		free(buf);
	}
	free(p);
}

static void snap_restore(struct call *c)
{
	int i;

	for (i = 0; i < c->nsnap; i++) {
		char *p = path_join(g.work, g.t.f[c->snap[i].file].work);

		if (write_file(p, c->snap[i].buf, c->snap[i].len))
			die(EXIT_INTERNAL, "%s: cannot write", p);
		free(p);
		rescan_file(c->snap[i].file);
	}
}

static void call_done(struct call *c, const struct proc *p)
{
	const struct rule *r = c->rule >= 0 ? &g.rs.r[c->rule] : NULL;
	bool ok = !p->timed_out && WIFEXITED(p->status) &&
		  !WEXITSTATUS(p->status);
	struct parse_recs recs = { 0 };
	char *buf;
	size_t len;
	int i, *retry = NULL, nretry = 0;

	if (c->b)
		c->b->running = false;
	if (c->rule >= 0) {
		g.rule_cpu[c->kind == CALL_REPORT][c->rule] += p->cpu;
		g.rule_calls[c->rule]++;
	} else if (c->kind == CALL_REPORT) {
		g.merged_cpu += p->cpu;
		g.merged_calls++;
	}
	verbose("%s %s: %d groups, %.1f s wall, %.1f s CPU, %ld MiB",
		c->rule >= 0 ? g.rs.r[c->rule].name :
		c->kind == CALL_REPORT ? "merged" : "-",
		c->kind == CALL_PATCH ? "patch" : c->kind == CALL_REPORT ? "report" : "other",
		c->ng, now_mono() - p->started, p->cpu, p->maxrss / 1024);
	if (c->kind == CALL_POSTPASS) {
		if (!ok)
			die(EXIT_INTERNAL, "%s: failed: %s", g.postpass,
			    last_error_line(c->err));
		call_free(c);
		return;
	}
	if (c->kind == CALL_REPARSE) {
		long loc = 0, pbs = 0;
		char *s;

		if (!read_file(c->out, &buf, &len)) {
			for (s = strtok(buf, "\n"); s; s = strtok(NULL, "\n")) {
				char *q = strstr(s, "\", line ");

				if (!loc && !strncmp(s, " = File \"", 9) && q)
					loc = strtol(q + 8, NULL, 10);
				q = strstr(s, "pbs = ");
				if (!strncmp(s, "NB total files", 14) && q)
					pbs = strtol(q + 6, NULL, 10);
			}
			free(buf);
		}
		if (loc || pbs) {
			char *e = escape_name(g.t.f[c->file].rel);

			findings_add(&g.fs, e, loc ? loc : 1, "parse",
				     "spatch cannot parse this code; the rules did not check the code around it");
			free(e);
		}
		call_free(c);
		return;
	}
	if (!ok && c->kind == CALL_REPORT && (c->ng > 1 || c->rule < 0)) {
		/* one group at a time, then one rule at a time */
		verbose("batch %d: report call failed on %d groups, retrying %s",
			c->b->id, c->ng, c->ng > 1 ? "group by group" :
						     "rule by rule");
		if (c->ng > 1)
			rq_push_each_group(c->b, c->mask, c->groups, c->ng);
		else
			rq_push_each_rule(c->b, c->mask, c->groups[0]);
		call_free(c);
		return;
	}
	if (!ok) {
		char *why;

		if (c->kind == CALL_PATCH)
			snap_restore(c);
		check_rule(c->rule);
		if (c->ng > 1) {
			/* one group at a time, to find the one that fails */
			struct batch *b = c->b;

			b->pend = xrealloc(b->pend, (b->npend + c->ng) * sizeof(int));
			for (i = c->ng - 1; i >= 0; i--)
				b->pend[b->npend++] = c->groups[i];
			verbose("batch %d: %s failed on %d groups, retrying one by one",
				b->id, r->name, c->ng);
			call_free(c);
			return;
		}
		if (p->timed_out) {
			why = xasprintf("spatch ran out of time (%d s) with %s on this file's group; %s",
					g.timeout, r->name,
					g.audit ? "the rules did not check it" :
						  "the file was not converted or checked");
			group_fail(c->groups[0], "timeout", why);
		} else {
			char *l = last_error_line(c->err);

			if (WIFSIGNALED(p->status))
				why = xasprintf("spatch was killed by signal %d with %s on this file's group (%s); %s",
						WTERMSIG(p->status), r->name, l,
						g.audit ? "the rules did not check it" :
							  "the file was not converted or checked");
			else
				why = xasprintf("spatch failed (exit %d) with %s on this file's group: %s; %s",
						WEXITSTATUS(p->status), r->name, l,
						g.audit ? "the rules did not check it" :
							  "the file was not converted or checked");
			free(l);
			group_fail(c->groups[0], "spatch", why);
		}
		free(why);
		if (!c->b->npend)
			c->b->ri++;
		call_free(c);
		return;
	}
	if (!read_file(c->err, &buf, &len)) {
		spatch_log_parse(buf, len, &recs);
		free(buf);
	}
	for (i = 0; i < recs.n; i++) {
		struct parse_rec *x = &recs.v[i];
		int gi = group_of_work(x->file);
		char *why;

		if (gi < 0)
			continue;
		if (!r && (x->kind == PK_TIMEOUT || x->kind == PK_EXN)) {
			/* a merged call: that group again, rule by rule */
			int k;

			for (k = 0; k < nretry && retry[k] != gi; k++)
				;
			if (k == nretry) {
				retry = xrealloc(retry, (nretry + 1) * sizeof(int));
				retry[nretry++] = gi;
				rq_push_each_rule(c->b, c->mask, gi);
			}
			continue;
		}
		if (x->kind == PK_TIMEOUT) {
			why = xasprintf("spatch ran out of time (%d s) with %s on this file's group; %s",
					g.timeout, r->name,
					g.audit ? "the rules did not check it" :
						  "the file was not converted or checked");
			group_fail(gi, "timeout", why);
			free(why);
		} else if (x->kind == PK_EXN) {
			why = xasprintf("spatch failed with %s on this file's group: %s; %s",
					r->name, x->msg,
					g.audit ? "the rules did not check it" :
						  "the file was not converted or checked");
			group_fail(gi, "spatch", why);
			free(why);
		} else {
			struct parse_recs *dst = c->kind == CALL_PATCH ? &g.pp : &g.rp;

			if (dst->n == dst->cap) {
				dst->cap = dst->cap ? dst->cap * 2 : 64;
				dst->v = xrealloc(dst->v, dst->cap * sizeof(*dst->v));
			}
			dst->v[dst->n++] = *x;
			x->file = NULL;
			x->msg = NULL;
		}
	}
	parse_recs_free(&recs);
	if (c->kind == CALL_PATCH) {
		for (i = 0; i < c->nsnap; i++) {
			int fi = c->snap[i].file;

			if (g.gs.v[g.t.f[fi].group].failed)
				continue;
			if (snap_changed(&c->snap[i]) && module_core(fi)) {
				char *p = path_join(g.work, g.t.f[fi].work);

				if (write_file(p, c->snap[i].buf,
					       c->snap[i].len))
					die(EXIT_INTERNAL, "%s: cannot write", p);
				free(p);
				g.core_kept[fi] |= 1ULL << c->rule;
				continue;
			}
			if (snap_changed(&c->snap[i])) {
				repair_output(&c->snap[i]);
				if (!snap_changed(&c->snap[i]))
					continue;
				g.fired[fi] |= 1ULL << c->rule;
				rescan_file(fi);
			}
		}
	} else {
		add_report_lines(c->out, r ? r->name : NULL, retry, nretry);
	}
	free(retry);
	if (!c->b->npend)
		c->b->ri++;
	call_free(c);
}

static long long batch_bytes(const struct batch *b)
{
	long long n = 0;
	int i;

	for (i = 0; i < b->ng; i++)
		n += g.gs.v[b->groups[i]].bytes;
	return n;
}

static int cmp_batch_size(const void *a, const void *b)
{
	long long x = batch_bytes(&g.b[*(const int *)a]);
	long long y = batch_bytes(&g.b[*(const int *)b]);

	if (x != y)
		return x > y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void run_batches(void)
{
	int i, done = 0, *order = xcalloc(g.nb ? g.nb : 1, sizeof(int));
	struct proc *p;
	double t = now_mono();

	/* the largest batches first, so the last ones to finish are small */
	for (i = 0; i < g.nb; i++)
		order[i] = i;
	qsort(order, g.nb, sizeof(int), cmp_batch_size);
	for (;;) {
		/* a started batch goes on before a new one starts */
		for (i = 0; i < g.nb && pool_running() < g.jobs; i++) {
			struct batch *b = &g.b[order[i]];

			if (b->running || b->phase == PH_DONE)
				continue;
			if (!batch_next(b)) {
				done++;
				say("[%d/%d] batch %d: %d groups done (%.0f s)",
				    done, g.nb, b->id + 1, b->ng, now_mono() - t);
			}
		}
		if (done >= g.nb && !pool_running())
			break;
		p = pool_wait();
		if (p)
			call_done(p->data, p);
	}
	free(order);
}

/*
 * Parse problems: the report pass's, then the patch pass's for files the
 * report pass did not locate; suspects spatch did not locate are parsed
 * alone.
 */
static void parse_findings(void)
{
	struct strvec rloc = { 0 }, loc = { 0 }, sus = { 0 };
	struct parse_recs all = { 0 };
	int i, k;
	struct proc *p;

	for (i = 0; i < g.rp.n; i++)
		if (g.rp.v[i].kind == PK_LOCATED &&
		    sv_find(&rloc, g.rp.v[i].file) < 0)
			sv_push(&rloc, xstrdup(g.rp.v[i].file));
	for (k = 0; k < 2; k++) {
		struct parse_recs *src = k ? &g.pp : &g.rp;

		for (i = 0; i < src->n; i++) {
			struct parse_rec *x = &src->v[i];

			if (k && sv_find(&rloc, x->file) >= 0)
				continue;
			if (all.n == all.cap) {
				all.cap = all.cap ? all.cap * 2 : 64;
				all.v = xrealloc(all.v, all.cap * sizeof(*all.v));
			}
			all.v[all.n++] = *x;
		}
	}
	for (i = 0; i < all.n; i++) {
		struct parse_rec *x = &all.v[i];
		int fi = file_by_work(x->file);
		char *e;

		if (x->kind != PK_LOCATED || fi < 0)
			continue;
		if (sv_find(&loc, x->file) < 0)
			sv_push(&loc, xstrdup(x->file));
		e = escape_name(g.t.f[fi].rel);
		findings_add(&g.fs, e, x->line, "parse", x->msg);
		free(e);
	}
	for (i = 0; i < all.n; i++) {
		struct parse_rec *x = &all.v[i];
		int fi = file_by_work(x->file);

		if (x->kind != PK_SUSPECT || fi < 0 ||
		    sv_find(&loc, x->file) >= 0 || sv_find(&sus, x->file) >= 0 ||
		    g.gs.v[g.t.f[fi].group].failed)
			continue;
		sv_push(&sus, xstrdup(x->file));
	}
	sv_sort(&sus);
	if (sus.n)
		say("re-parsing %d files of groups with parse trouble", sus.n);
	for (i = 0; i < sus.n || pool_running();) {
		while (i < sus.n && pool_running() < g.jobs) {
			struct call *c = new_call(CALL_REPARSE, NULL, -1);

			c->file = file_by_work(sus.v[i]);
			spatch_common(&c->argv);
			argv_add(&c->argv, "--parse-c");
			argv_add(&c->argv, sus.v[i]);
			free(c->err);
			c->err = xstrdup(c->out);
			/* stdout and stderr into one log */
			spawn(c, g.timeout + 30);
			i++;
		}
		p = pool_wait();
		if (p)
			call_done(p->data, p);
	}
	free(all.v);
	sv_free(&rloc);
	sv_free(&loc);
	sv_free(&sus);
}

static void build_env(void)
{
	char **e;
	static const char *const ours[] = { "MODREF_OWNER_TYPES=",
					    "MODREF_TARGET=",
					    "MODREF_LEGACY_NAMES=", "TMPDIR=",
					    NULL };

	for (e = environ; *e; e++) {
		int i;
		bool skip = false;

		for (i = 0; ours[i]; i++)
			if (!strncmp(*e, ours[i], strlen(ours[i])))
				skip = true;
		if (!skip)
			sv_push(&g.env, xstrdup(*e));
	}
	sv_push(&g.env, xasprintf("MODREF_OWNER_TYPES=%s", g.owner_file));
	sv_push(&g.env, xasprintf("MODREF_TARGET=%s", g.target));
	if (g.legacy_file)
		sv_push(&g.env, xasprintf("MODREF_LEGACY_NAMES=%s",
					  g.legacy_file));
	sv_push(&g.env, xasprintf("TMPDIR=%s/spatch-tmp", g.tmp));
	sv_push(&g.env, NULL);
	g.env.n--;
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
		{ "target", required_argument, NULL, 'T' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "list", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	char err[1024], *src, *outarg, *outreal, *outdir, *p, *lockerr = NULL;
	const char *cmd, *e;
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
	if (!strcmp(cmd, "audit"))
		g.audit = true;
	else if (strcmp(cmd, "convert"))
		die(EXIT_BAD_INPUT, "%s: unknown command (convert, audit or report; see --help)",
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
	kept_findings();
	drop_failed_findings();
	findings_sort_uniq(&g.fs);
	for (i = 0; i < g.fs.n; i++)
		g.nparse += !strcmp(g.fs.v[i].rule, "parse");
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
	status = (g.nfailed_groups || g.nunprocessed) ? EXIT_UNPROCESSED :
						       EXIT_DONE;
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
			"%d report lines (%d parse, %d timeout, %d spatch, %d unprocessed) in %s (%.0f s)%s\n",
			g.fs.n, g.nparse, nt, ns, nu,
			g.out, now_mono() - g.t0,
			nfail ? "; files not processed are named in report.txt" : "");
	}
	pool_kill_all();
	return status;
}
