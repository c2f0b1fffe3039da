// SPDX-License-Identifier: GPL-2.0
/*
 * output.c - the patch series of a convert run.
 *
 * One patch per directory of the changed files of groups under
 * conversion that did not fail (CRLF put back), in directory order: the
 * commit message (patch.c), diffstat's stat and GNU diff's diffs; then
 * series and the whole run's diffstat.  Date: is SOURCE_DATE_EPOCH's when
 * it is set.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "modref.h"
#include "run.h"

/*
 * The file fi as the series gives it: the work copy, or, when the work
 * copy was made with a ';' after bare declarers (add_semis()) or without
 * the \r of CRLF lines, a copy of it with those undone.
 */
static char *final_path(int fi)
{
	struct sfile *f = &g.t.f[fi];
	char *w = path_join(g.work, f->work), *buf, *fin;
	struct strbuf sb = { 0 }, ns = { 0 };
	size_t len, i;

	if (!(f->flags & F_CRLF) && !f->semis.n && !f->unwraps.n)
		return w;
	if (read_file(w, &buf, &len))
		die(EXIT_INTERNAL, "%s: cannot read", w);
	if (f->semis.n) {
		semi_strip(buf, len, &f->semis, &ns);
		free(buf);
		buf = ns.buf ? ns.buf : xstrdup("");
		len = ns.len;
		ns = (struct strbuf){ 0 };
	}
	if (f->unwraps.n) {
		/* check_unwraps() made sure that every one goes back */
		unwrap_strip(buf, len, &f->unwraps, &ns);
		free(buf);
		buf = ns.buf ? ns.buf : xstrdup("");
		len = ns.len;
	}
	/* the work copy had its \r removed: put them back */
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n' && (f->flags & F_CRLF))
			sb_addc(&sb, '\r');
		sb_addc(&sb, buf[i]);
	}
	fin = xasprintf("%s/final/%s", g.tmp, f->work);
	{
		char *d = dir_of(fin);

		mkdir_p(d, 0755);
		free(d);
	}
	if (write_file(fin, sb.buf ? sb.buf : "", sb.len))
		die(EXIT_INTERNAL, "%s: cannot write", fin);
	sb_free(&sb);
	free(buf);
	free(w);
	return fin;
}

static bool differs(int fi, char **fin)
{
	char *a = path_join(g.srcabs, g.t.f[fi].rel), *b = final_path(fi);
	char *x, *y;
	size_t lx, ly;
	bool d = true;

	if (!read_file(a, &x, &lx)) {
		if (!read_file(b, &y, &ly)) {
			d = lx != ly || memcmp(x, y, lx);
			free(y);
		}
		free(x);
	}
	free(a);
	*fin = b;
	return d;
}

/* run a NULL-terminated argument list with input on stdin, return stdout */
char *run_outv(const char *input, size_t inlen, int *rc, ...)
{
	struct strvec a = { 0 };
	const char *s;
	char *out;
	size_t len;
	va_list ap;

	va_start(ap, rc);
	while ((s = va_arg(ap, const char *)))
		sv_push(&a, xstrdup(s));
	va_end(ap);
	sv_push(&a, NULL);
	*rc = run_capture(a.v, g.tmp, input, inlen, &out, &len);
	a.n--;
	sv_free(&a);
	return out;
}

static char *date_header(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char buf[64];
	time_t t;
	struct tm tm;

	if (sde && *sde) {
		t = (time_t)strtoll(sde, NULL, 10);
		gmtime_r(&t, &tm);
	} else {
		t = time(NULL);
		localtime_r(&t, &tm);
	}
	strftime(buf, sizeof(buf), "%a, %d %b %Y %H:%M:%S %z", &tm);
	return xstrdup(buf);
}

static char *spatch_version(void)
{
	char *out, *v = NULL;
	int rc;
	const char *k = "spatch version ";

	out = run_outv(NULL, 0, &rc, g.spatch, "--version", NULL);
	if (!strncmp(out, k, strlen(k))) {
		char *s = out + strlen(k);

		v = xstrndup(s, strcspn(s, "\n\t "));
	}
	free(out);
	return v ? v : xstrdup("?");
}

int write_patches(const char *outdir, int *npatches)
{
	struct strvec changed_fin = { 0 };
	int *changed = xcalloc(g.t.nf ? g.t.nf : 1, sizeof(int));
	int nch = 0, i, j, k, total = 0, pi = 0;
	struct strbuf series = { 0 }, alldiff = { 0 };
	char *date = date_header(), *spv = spatch_version();

	for (i = 0; i < g.t.nf; i++) {
		struct sfile *f = &g.t.f[i];
		char *fin;

		if (f->group < 0 || !g.gs.v[f->group].module ||
		    g.gs.v[f->group].failed)
			continue;
		if (differs(i, &fin)) {
			changed[nch++] = i;
			sv_push(&changed_fin, fin);
		} else {
			free(fin);
		}
	}
	for (i = 0; i < nch; i++)
		if (!i || g.t.f[changed[i]].dir != g.t.f[changed[i - 1]].dir)
			total++;
	for (i = 0; i < nch; i = j) {
		int d = g.t.f[changed[i]].dir;
		struct strvec pf = { 0 };
		struct strbuf diff = { 0 }, p = { 0 };
		char *prefix, *subject, *slug, *name, *path, *ds, *colon;
		int rc;

		for (j = i; j < nch && g.t.f[changed[j]].dir == d; j++)
			sv_push(&pf, xstrdup(g.t.f[changed[j]].rel));
		pi++;
		for (k = i; k < j; k++) {
			const char *rel = g.t.f[changed[k]].rel;
			char *la = diff_header_name("a/", rel);
			char *lb = diff_header_name("b/", rel);
			char *orig = path_join(g.srcabs, rel), *out;

			sb_addf(&diff, "diff --git a/%s b/%s\n", rel, rel);
			out = run_outv(NULL, 0, &rc, g.diff, "-u", "--label", la,
				       "--label", lb, "--", orig,
				       changed_fin.v[k], NULL);
			if (rc != 0 && rc != 1)
				die(EXIT_INTERNAL, "diff failed on %s", rel);
			sb_adds(&diff, out);
			free(out);
			free(la);
			free(lb);
			free(orig);
		}
		sb_add(&alldiff, diff.buf, diff.len);
		prefix = subject_prefix(g.srcabs, g.t.dirs.v[d], &pf);
		subject = xasprintf("%s: convert to try_module_get()/module_put()",
				    prefix);
		slug = slug_of(subject);
		name = xasprintf("%04d-%s.patch", pi, slug);
		colon = strchr(prefix, ':');
		sb_adds(&p, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
		sb_addf(&p, "From: %s\nDate: %s\nSubject: [PATCH %d/%d] %s\n\n",
			g.signoff, date, pi, total, subject);
		sb_addf(&p, "Move %.*s off the Linux 2.4 module use-count API\n",
			colon ? (int)(colon - prefix) : (int)strlen(prefix),
			prefix);
		sb_adds(&p,
			"(MOD_INC_USE_COUNT and friends) to the module-core API.\n"
			"\n"
			"Counting uses from inside a module's own methods is too late: when\n"
			"open() reaches MOD_INC_USE_COUNT the caller has already jumped into\n"
			"module text, and nothing stopped rmmod from unloading the module\n"
			"before the count went up.  With .owner = THIS_MODULE in the method\n"
			"table the subsystem pins the module with try_module_get() before it\n"
			"calls in and drops it with module_put() afterwards; code that pins\n"
			"another module calls try_module_get() itself, checks its result,\n"
			"and pairs it with module_put().\n"
			"\n"
			"Changes, by semantic patch, in the order they were applied:\n");
		for (k = 0; k < g.rs.n; k++) {
			const struct rule *r = &g.rs.r[k];
			int n = 0, x;

			if (r->mode != MODE_PATCH)
				continue;
			for (x = i; x < j; x++)
				n += !!(g.fired[changed[x]] & (1ULL << k));
			if (!n)
				continue;
			sb_addf(&p, "\n* %s (%d file%s):\n", r->name, n,
				n == 1 ? "" : "s");
			fold_paragraphs(r->summary, 68, &p);
			if (r->confidence)
				sb_addf(&p, "  (Confidence: %s)\n", r->confidence);
		}
		{
			struct strbuf left = { 0 };

			for (k = 0; k < g.fs.n; k++)
				if (sv_find(&pf, g.fs.v[k].file) >= 0)
					sb_addf(&left, "  %s:%ld: %s: %s\n",
						g.fs.v[k].file, g.fs.v[k].line,
						g.fs.v[k].rule, g.fs.v[k].msg);
			if (left.len) {
				sb_adds(&p, "\nLeft for review by hand (modref-convert report, lines of the\npatched files):\n");
				sb_add(&p, left.buf, left.len);
			}
			sb_free(&left);
		}
		sb_addf(&p, "\nGenerated by modref-convert with Coccinelle spatch %s.\n\n",
			spv);
		sb_addf(&p, "Signed-off-by: %s\n---\n", g.signoff);
		ds = run_outv(diff.buf, diff.len, &rc, g.diffstat, "-p1", NULL);
		if (rc)
			die(EXIT_INTERNAL, "diffstat failed");
		sb_adds(&p, ds);
		free(ds);
		sb_addc(&p, '\n');
		sb_add(&p, diff.buf, diff.len);
		path = path_join(outdir, name);
		if (write_file(path, p.buf, p.len))
			die(EXIT_INTERNAL, "%s: cannot write", path);
		sb_addf(&series, "%s\n", name);
		say("patch %d/%d: %s (%d files)", pi, total, name, pf.n);
		free(path);
		free(prefix);
		free(subject);
		free(slug);
		free(name);
		sb_free(&p);
		sb_free(&diff);
		sv_free(&pf);
	}
	{
		char *sp = path_join(outdir, "series"), *dp = path_join(outdir, "diffstat");
		char *ds = xstrdup("");
		int rc;

		if (alldiff.len) {
			free(ds);
			ds = run_outv(alldiff.buf, alldiff.len, &rc, g.diffstat,
				      "-p1", NULL);
		}
		if (write_file(sp, series.buf ? series.buf : "", series.len) ||
		    write_file(dp, ds, strlen(ds)))
			die(EXIT_INTERNAL, "%s: cannot write", outdir);
		free(sp);
		free(dp);
		free(ds);
	}
	sb_free(&series);
	sb_free(&alldiff);
	sv_free(&changed_fin);
	free(changed);
	free(date);
	free(spv);
	*npatches = total;
	return 0;
}
