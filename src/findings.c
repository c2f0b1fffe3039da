// SPDX-License-Identifier: GPL-2.0
/*
 * findings.c - what the report says about the files.
 *
 * Files left unprocessed, groups given up (timeout, spatch), the report
 * lines of the rules' calls, the parse problems (a file with one spatch
 * did not locate is parsed again alone), and before the report is written:
 * the module core's and the legacy names' definitions' lines, and the
 * findings of groups that failed after some of their report calls.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "modref.h"
#include "run.h"

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void unprocessed(int fi, const char *msg)
{
	char *e = escape_name(g.t.f[fi].rel);

	findings_add(&g.fs, e, 1, "unprocessed", msg);
	free(e);
	g.nunprocessed++;
}

void group_fail(int gi, const char *rule, const char *msg)
{
	struct group *gr = &g.gs.v[gi];
	int j;

	if (gr->failed)
		return;
	gr->failed = true;
	g.nfailed_groups++;
	for (j = 0; j < gr->nfiles; j++) {
		char *e = escape_name(g.t.f[gr->files[j]].rel);

		findings_add(&g.fs, e, 1, rule, msg);
		free(e);
		if (!g.audit)
			restore_original(gr->files[j]);
	}
	if (!strcmp(rule, "timeout"))
		g.ntimeout++;
	else
		g.nexn++;
}

/*
 * The report lines of a call: rule names the call's one rule, or is NULL
 * for a merged call, whose lines start with MERGE_TAG and the rule's name
 * (merge.c).  Lines of the groups in skip (retried rule by rule) are left.
 */
void add_report_lines(const char *path, const char *rule,
		      const int *skip, int nskip)
{
	char *buf, *p, *e;
	size_t len;

	if (read_file(path, &buf, &len))
		return;
	for (p = buf; p < buf + len; p = e + 1) {
		char *line, *file, *msg, *l;
		const char *rn = rule;
		long ln;

		e = memchr(p, '\n', buf + len - p);
		if (!e)
			e = buf + len;
		line = xstrndup(p, e - p);
		l = line;
		if (!rule) {
			size_t tl = strlen(MERGE_TAG);
			char *sp = strchr(l, ' ');

			if (strncmp(l, MERGE_TAG, tl) || !sp) {
				free(line);
				continue;
			}
			*sp = '\0';
			rn = l + tl;
			l = sp + 1;
		}
		if (!spatch_report_line(l, &file, &ln, &msg)) {
			int fi = file_by_work(file), i, gi = group_of_work(file);
			char *name = fi >= 0 ? escape_name(g.t.f[fi].rel) :
					       escape_name(file);

			for (i = 0; i < nskip && skip[i] != gi; i++)
				;
			if (i == nskip)
				findings_add(&g.fs, name, ln, rn, msg);
			free(name);
			free(file);
			free(msg);
		}
		free(line);
	}
	free(buf);
}

static bool engine_finding(const struct finding *f)
{
	return !strcmp(f->rule, "timeout") || !strcmp(f->rule, "spatch") ||
	       !strcmp(f->rule, "unprocessed");
}

static void finding_drop(struct finding *f)
{
	free(f->file);
	free(f->rule);
	free(f->msg);
	f->file = NULL;
}

/*
 * What the rules report about code no rule may change: in the 2.4 module
 * core (--target 2.4), one module_core line per file instead of the rules'
 * lines; in a definition of a legacy name, only legacy_macro's and
 * legacy_tokens' lines (the others would call the definition a form they
 * do not match, or a site to convert).
 */
void kept_findings(void)
{
	int i, r, o;

	for (i = 0; i < g.t.nf; i++) {
		struct strbuf sb = { 0 };
		char *e, *msg;

		if (g.t.f[i].group < 0 || !module_core(i))
			continue;
		e = escape_name(g.t.f[i].rel);
		for (r = 0; r < g.rs.n; r++)
			if (g.core_kept[i] & (1ULL << r))
				sb_addf(&sb, "%s%s", sb.len ? ", " : "",
					g.rs.r[r].name);
		for (o = 0; o < g.fs.n; o++)
			if (g.fs.v[o].file && !strcmp(g.fs.v[o].file, e) &&
			    !engine_finding(&g.fs.v[o]))
				finding_drop(&g.fs.v[o]);
		msg = xasprintf("the 2.4 module core, left as it is: with --target 2.4 the compat header's try_module_get() and module_put() are built on include/linux/module.h and kernel/module.c, so no rule changes them%s%s%s; usual fix: none for 2.4 (2.5.48 replaced the module core)",
				sb.len ? " (" : "", sb.len ? sb.buf : "",
				sb.len ? " would have)" : "");
		findings_add(&g.fs, e, 1, "module_core", msg);
		free(msg);
		free(e);
		sb_free(&sb);
	}
	for (i = 0; i < g.t.nf; i++) {
		struct sfile *sf = &g.t.f[i];
		char *p, *buf, *e;
		size_t len;
		long *lines;
		int n, k;

		if (sf->group < 0 || !sf->work || (sf->flags & F_AUX))
			continue;
		p = path_join(g.work, sf->work);
		if (read_file(p, &buf, &len)) {
			free(p);
			continue;
		}
		free(p);
		n = legacy_define_lines(buf, len, &lines);
		free(buf);
		e = n ? escape_name(sf->rel) : NULL;
		for (o = 0; n && o < g.fs.n; o++) {
			struct finding *f = &g.fs.v[o];

			if (!f->file || strcmp(f->file, e) ||
			    engine_finding(f) || !strncmp(f->rule, "parse", 5) ||
			    !strcmp(f->rule, "legacy_macro") ||
			    !strcmp(f->rule, "legacy_tokens"))
				continue;
			for (k = 0; k < n; k++)
				if (f->line >= lines[2 * k] &&
				    f->line <= lines[2 * k + 1]) {
					finding_drop(f);
					break;
				}
		}
		free(e);
		free(lines);
	}
	for (i = o = 0; i < g.fs.n; i++)
		if (g.fs.v[i].file)
			g.fs.v[o++] = g.fs.v[i];
	g.fs.n = o;
}

/*
 * Parse problems: the report pass's, then the patch pass's for files the
 * report pass did not locate; suspects spatch did not locate are parsed
 * alone.
 */
void parse_findings(void)
{
	struct strvec rloc = { 0 }, loc = { 0 }, sus = { 0 };
	struct parse_recs all = { 0 };
	int i, k;
	struct proc *p;

	for (i = 0; i < g.rp.n; i++)
		if ((g.rp.v[i].kind == PK_LOCATED ||
		     g.rp.v[i].kind == PK_DEFINE) &&
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

		if ((x->kind != PK_LOCATED && x->kind != PK_DEFINE) || fi < 0)
			continue;
		if (sv_find(&loc, x->file) < 0)
			sv_push(&loc, xstrdup(x->file));
		e = escape_name(g.t.f[fi].rel);
		findings_add(&g.fs, e, x->line,
			     x->kind == PK_DEFINE ? "parse-define" : "parse",
			     x->msg);
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

/*
 * A group that failed after some of its report calls: their findings name
 * lines of a conversion that was thrown away; keep only why it failed.
 */
void drop_failed_findings(void)
{
	struct strvec failed = { 0 };
	int i, j, o = 0;

	for (i = 0; i < g.gs.n; i++)
		if (g.gs.v[i].failed)
			for (j = 0; j < g.gs.v[i].nfiles; j++)
				sv_push(&failed,
					escape_name(g.t.f[g.gs.v[i].files[j]].rel));
	if (!failed.n)
		return;
	sv_sort(&failed);
	for (i = 0; i < g.fs.n; i++) {
		struct finding *f = &g.fs.v[i];
		bool keep = !strcmp(f->rule, "timeout") ||
			    !strcmp(f->rule, "spatch") ||
			    !strcmp(f->rule, "unprocessed") ||
			    !bsearch(&f->file, failed.v, failed.n, sizeof(char *),
				     cmp_strp);

		if (keep) {
			g.fs.v[o++] = *f;
		} else {
			free(f->file);
			free(f->rule);
			free(f->msg);
		}
	}
	g.fs.n = o;
	sv_free(&failed);
}
