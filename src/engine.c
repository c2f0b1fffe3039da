// SPDX-License-Identifier: GPL-2.0
/*
 * engine.c - the spatch calls of a run, batch by batch.
 *
 * Per batch, each patch rule (in Order) on the groups it applies to, with
 * the macro continuations and legacy definitions repaired after it;
 * postpass on the changed files; then the report phase, the groups with
 * the same rules in one call (merged when more than one rule).  A call
 * that fails is retried group by group (a merged one then rule by rule);
 * a group that still fails is given up (findings.c).  The largest
 * batches start first; a started batch goes on before a new one starts.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modref.h"
#include "run.h"

extern char **environ;

void argv_add(struct strvec *a, const char *s)
{
	sv_push(a, xstrdup(s));
}

void spatch_common(struct strvec *a)
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

void spawn(struct call *c, double timeout)
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

struct call *new_call(enum call_kind k, struct batch *b, int rule)
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
/*
 * Is the j-th file of gr given to a call of rule ri (< 0: merged)?  All
 * of them, but for a // Scope: function rule only those it applies to
 * (all again when none does on its own: its Needs lines met by different
 * files).
 */
static bool given(int ri, const struct group *gr, int j)
{
	const struct rule *r = ri >= 0 ? &g.rs.r[ri] : NULL;
	int k;

	if (!r || !r->fscope || file_applies(r, gr->files[j]))
		return true;
	for (k = 0; k < gr->nfiles; k++)
		if (file_applies(r, gr->files[k]))
			return false;
	return true;
}

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
			if (!given(ri, gr, j))
				continue;
			sb_adds(&fg, g.t.f[gr->files[j]].work);
			sb_addc(&fg, '\n');
			nf++;
		}
	}
	if (write_file(c->fg, fg.buf, fg.len))
		die(EXIT_INTERNAL, "%s: cannot write", c->fg);
	sb_free(&fg);
	if (patch) {
		c->snap = xcalloc(nf, sizeof(*c->snap));
		for (i = 0; i < ng; i++) {
			struct group *gr = &g.gs.v[groups[i]];

			for (j = 0; j < gr->nfiles; j++) {
				struct snap *s;
				char *p;

				if (!given(ri, gr, j))
					continue;
				s = &c->snap[c->nsnap++];
				p = path_join(g.work, g.t.f[gr->files[j]].work);

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
	if (patch) {
		/* the files are compared with their snapshots: no diff wanted */
		argv_add(&c->argv, "--in-place");
		argv_add(&c->argv, "--no-show-diff");
	}
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
 * A patch rule with `// Reports: changed` that changed a file of the
 * group: its report mode says what made the change (owner_table: the
 * target kernel an owner needs), also when the change left none of the
 * rule's keywords in the file.
 */
static bool fired_on(int ri, const struct group *gr)
{
	int j;

	if (gr->failed || g.rs.r[ri].mode != MODE_PATCH || !g.rs.r[ri].rchanged)
		return false;
	for (j = 0; j < gr->nfiles; j++)
		if (g.fired[gr->files[j]] & (1ULL << ri))
			return true;
	return false;
}

/*
 * The report phase of a batch: every group gets the rules that apply to
 * it (rule_applies(), as one call per rule would) or that changed one of
 * its files (fired_on()), and the groups with the
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
			if (rule_applies(&g.rs.r[j], &g.gs.v[b->groups[i]]) ||
			    fired_on(j, &g.gs.v[b->groups[i]]))
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

/* the files of c as they were before it ran: those of group gi, or all (-1) */
static void snap_restore(struct call *c, int gi)
{
	int i;

	for (i = 0; i < c->nsnap; i++) {
		char *p;

		if (gi >= 0 && g.t.f[c->snap[i].file].group != gi)
			continue;
		p = path_join(g.work, g.t.f[c->snap[i].file].work);

		if (write_file(p, c->snap[i].buf, c->snap[i].len))
			die(EXIT_INTERNAL, "%s: cannot write", p);
		free(p);
		rescan_file(c->snap[i].file);
	}
}

/* why spatch failed when what it said is that it ran out of memory, or NULL */
static char *oom_why(const char *said)
{
	if (!strstr(said, "Out_of_memory") && !strstr(said, "out of memory"))
		return NULL;
	return xasprintf("spatch needed more than %lu MiB (--max-memory): %s",
			 g.max_memory, said);
}

/*
 * spatch raised an exception (or exited non-zero) with the one rule of c
 * on the group gi: not a timeout, so the group is not given up.  A patch
 * rule's changes to the group are undone and no later patch rule runs on
 * it (they may rely on this one: owner_table after self_pin), so the
 * result is the conversion as it stood before the rule; the report rules
 * still check it.  A report rule's failure costs its own findings only.
 * Each file of the group gets a "spatch" finding naming the rule.
 */
static void rule_failed(struct call *c, int gi, const char *what)
{
	struct group *gr = &g.gs.v[gi];
	const char *name = g.rs.r[c->rule].name;
	char *msg;
	int i;

	if (gr->failed)
		return;
	if (c->kind == CALL_PATCH) {
		snap_restore(c, gi);
		gr->stopped = true;
		msg = xasprintf("%s with %s on this file's group; the patch rules before it were applied, %s and the patch rules after it were not (the report rules checked the result)",
				what, name, name);
	} else {
		msg = xasprintf("%s with %s on this file's group; %s did not check it (the other rules did)",
				what, name, name);
	}
	for (i = 0; i < gr->nfiles; i++) {
		char *f = escape_name(g.t.f[gr->files[i]].rel);

		findings_add(&g.fs, f, 1, "spatch", msg);
		free(f);
	}
	free(msg);
	g.nexn++;
}

void call_done(struct call *c, const struct proc *p)
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
			snap_restore(c, -1);
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
			free(why);
		} else {
			char *l = last_error_line(c->err);

			why = oom_why(l);
			if (!why && WIFSIGNALED(p->status))
				why = xasprintf("spatch was killed by signal %d (%s)",
						WTERMSIG(p->status), l);
			else if (!why)
				why = xasprintf("spatch failed (exit %d): %s",
						WEXITSTATUS(p->status), l);
			free(l);
			rule_failed(c, c->groups[0], why);
			free(why);
		}
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
			why = oom_why(x->msg);
			if (!why)
				why = xasprintf("spatch failed: %s", x->msg);
			rule_failed(c, gi, why);
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

void run_batches(void)
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

void build_env(void)
{
	char **e;
	static const char *const ours[] = { "MODREF_OWNER_TYPES=",
					    "MODREF_TARGET=",
					    "MODREF_LEGACY_NAMES=", "TMPDIR=",
					    "MODREF_TREE_VERSION=", NULL };
	char *tv = tree_version(g.srcabs);

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
	if (tv)		/* the kernel the tree is, for target 2.4 */
		sv_push(&g.env, xasprintf("MODREF_TREE_VERSION=%s", tv));
	free(tv);
	sv_push(&g.env, xasprintf("TMPDIR=%s/spatch-tmp", g.tmp));
	sv_push(&g.env, NULL);
	g.env.n--;
}
