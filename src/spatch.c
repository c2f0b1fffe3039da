// SPDX-License-Identifier: GPL-2.0
/*
 * spatch.c - what spatch says.
 *
 * spatch_log_parse() reads the stderr of one `spatch --verbose-parsing
 * --file-groups` process (one process per log, so HANDLING blocks never
 * interleave) and returns:
 *   PK_LOCATED <file> <line> <msg>  a parse error spatch located
 *   PK_DEFINE <file> <line> <msg>   one in a #define body (spatch skips the
 *                                   body and goes on after it: no code lost)
 *   PK_TIMEOUT <file>               spatch gave up on the file's group
 *   PK_SUSPECT <file>               a file of a group with a parse failure
 *                                   spatch did not locate (re-checked alone
 *                                   with --parse-c)
 *   PK_EXN <file> <msg>             spatch raised an exception on the group
 * spatch_report_line() splits a report line "file:line:col-col: message".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modref.h"

static void rec_add(struct parse_recs *pr, enum parse_kind k, const char *file,
		    long line, const char *msg)
{
	struct parse_rec *r;

	if (pr->n == pr->cap) {
		pr->cap = pr->cap ? pr->cap * 2 : 16;
		pr->v = xrealloc(pr->v, pr->cap * sizeof(*pr->v));
	}
	r = &pr->v[pr->n++];
	r->kind = k;
	r->file = xstrdup(file);
	r->line = line;
	r->msg = xstrdup(msg ? msg : "");
}

void parse_recs_free(struct parse_recs *pr)
{
	int i;

	for (i = 0; i < pr->n; i++) {
		free(pr->v[i].file);
		free(pr->v[i].msg);
	}
	free(pr->v);
	pr->v = NULL;
	pr->n = pr->cap = 0;
}

struct logstate {
	struct strvec grp;
	struct strvec located;
	bool trouble;
	bool in_define;		/* the last recovery ended at a #define's end */
	char *pfile;
	long pline;
	struct parse_recs *out;
};

static void emit(struct logstate *s, const char *around)
{
	char *msg;

	if (s->in_define)
		msg = xstrdup("a #define body that is not C on its own: spatch skips it and parses on after it (no rule matches inside a macro body; legacy_macro reads legacy names there as text)");
	else if (around && *around)
		msg = xasprintf("spatch cannot parse this code (near '%s'); the rules did not check the code around it",
				around);
	else
		msg = xstrdup("spatch cannot parse this code; the rules did not check the code around it");
	rec_add(s->out, s->in_define ? PK_DEFINE : PK_LOCATED, s->pfile,
		s->pline, msg);
	s->in_define = false;
	free(msg);
	if (sv_find(&s->located, s->pfile) < 0)
		sv_push(&s->located, xstrdup(s->pfile));
	free(s->pfile);
	s->pfile = NULL;
}

static void flush_group(struct logstate *s)
{
	int i;

	if (s->grp.n && s->trouble)
		for (i = 0; i < s->grp.n; i++)
			if (sv_find(&s->located, s->grp.v[i]) < 0)
				rec_add(s->out, PK_SUSPECT, s->grp.v[i], 0, NULL);
	sv_free(&s->grp);
	sv_free(&s->located);
	s->trouble = false;
}

static void split_spaces(const char *s, struct strvec *out)
{
	const char *b;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		b = s;
		while (*s && *s != ' ')
			s++;
		sv_push(out, xstrndup(b, s - b));
	}
}

static void log_line(struct logstate *s, const char *l)
{
	const char *p, *q;
	int i;

	if (!strncmp(l, "HANDLING: ", 10)) {
		if (s->pfile)
			emit(s, NULL);
		flush_group(s);
		split_spaces(l + 10, &s->grp);
		return;
	}
	if (!strncmp(l, " = File \"", 9)) {
		if (s->pfile)
			emit(s, NULL);
		p = l + 9;
		q = strstr(p, "\", line ");
		if (!q)
			return;
		s->trouble = false;
		/* spatch re-parses its own output (cocci-output-*) in patch mode */
		s->pfile = xstrndup(p, q - p);
		if (sv_find(&s->grp, s->pfile) < 0) {
			free(s->pfile);
			s->pfile = NULL;
			return;
		}
		s->pline = strtol(q + 8, NULL, 10);
		return;
	}
	if (!strncmp(l, "  around = '", 12)) {
		if (s->pfile) {
			char *a = xstrdup(l + 12);
			size_t n = strlen(a);

			if (n && a[n - 1] == ',')
				a[--n] = '\0';
			if (n && a[n - 1] == '\'')
				a[--n] = '\0';
			emit(s, a);
			free(a);
		}
		return;
	}
	if (!strncmp(l, "ERROR-RECOV: end of file while in recovery mode", 47)) {
		s->trouble = true;
		s->in_define = false;
		return;
	}
	/* spatch retries a bad #define alone, up to the end of its body */
	if (!strncmp(l, "ERROR-RECOV: ", 13)) {
		s->in_define = strstr(l, "found sync end of #define") != NULL;
		return;
	}
	if ((!strncmp(l, "timeout (we abort)", 18) ||
	     !strncmp(l, "Timeout at ", 11) || !strncmp(l, "TIMEOUT", 7)) &&
	    s->grp.n) {
		for (i = 0; i < s->grp.n; i++) {
			rec_add(s->out, PK_TIMEOUT, s->grp.v[i], 0, NULL);
			if (sv_find(&s->located, s->grp.v[i]) < 0)
				sv_push(&s->located, xstrdup(s->grp.v[i]));
		}
		return;
	}
	if (!strncmp(l, "EXN: ", 5) || !strncmp(l, "Fatal error: ", 13)) {
		/* spatch --timeout ends a group with EXN: ...Common.Timeout */
		enum parse_kind k = strstr(l, "Timeout") ? PK_TIMEOUT : PK_EXN;

		for (i = 0; i < s->grp.n; i++)
			rec_add(s->out, k, s->grp.v[i], 0, l);
	}
}

void spatch_log_parse(const char *log, size_t len, struct parse_recs *out)
{
	struct logstate s = { .out = out };
	const char *p = log, *e;

	while (p < log + len) {
		char *l;

		e = memchr(p, '\n', log + len - p);
		if (!e)
			e = log + len;
		l = xstrndup(p, e - p);
		if (e > p && l[e - p - 1] == '\r')
			l[e - p - 1] = '\0';
		log_line(&s, l);
		free(l);
		p = e + 1;
	}
	if (s.pfile)
		emit(&s, NULL);
	flush_group(&s);
}

/* "file:line:col-col: message" (coccilib.report.print_report) */
int spatch_report_line(const char *line, char **file, long *lineno,
		       char **msg)
{
	const char *c1 = strchr(line, ':'), *c2, *c3;
	char *end;

	if (!c1 || c1 == line)
		return -1;
	*lineno = strtol(c1 + 1, &end, 10);
	if (end == c1 + 1 || *end != ':')
		return -1;
	c2 = end;
	c3 = strchr(c2 + 1, ':');
	if (!c3 || c3[1] != ' ')
		return -1;
	for (end = (char *)c2 + 1; end < c3; end++)
		if (!((*end >= '0' && *end <= '9') || *end == '-'))
			return -1;
	if (!strncmp(line, "./", 2))
		line += 2;
	*file = xstrndup(line, c1 - line);
	*msg = xstrdup(c3 + 2);
	return 0;
}

/* the length of line @l without its end of line (\n or \r\n) */
static size_t line_body(const char *l, size_t n)
{
	if (n && l[n - 1] == '\n')
		n--;
	if (n && l[n - 1] == '\r')
		n--;
	return n;
}

static bool continued(const char *l, size_t n)
{
	n = line_body(l, n);
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t'))
		n--;
	return n && l[n - 1] == '\\';
}

static bool directive_or_blank(const char *l, size_t n)
{
	size_t i = 0;

	n = line_body(l, n);
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	return i == n || l[i] == '#';
}

/* is @l (n bytes, no end of line) a whole line of @old? */
static bool has_line(const char *old, size_t olen, const char *l, size_t n)
{
	const char *p = old, *end = old + olen;

	while (p < end) {
		const char *e = memchr(p, '\n', end - p);
		size_t m = line_body(p, (e ? e + 1 : end) - p);

		if (m == n && !memcmp(p, l, n))
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

/*
 * spatch 1.1.1 can drop the backslash of a line it rewrites inside a
 * multi-line #define (seen on 2.4's fops_put() in <linux/fs.h>), which
 * ends the macro early and breaks every file that includes the header.
 * Put the backslash back on a line that spatch wrote (not a line of
 * @old), that lacks one, and that sits between two continued lines of
 * the same macro.  Returns a new buffer, or NULL when nothing changed.
 */
char *fix_continuations(const char *buf, size_t len, const char *old,
			size_t olen, size_t *newlen)
{
	struct strbuf out = { 0 };
	const char *prev = NULL, *p = buf, *end = buf + len;
	size_t prevn = 0;
	bool changed = false;

	while (p < end) {
		const char *e = memchr(p, '\n', end - p);
		size_t n = (e ? e + 1 : end) - p;
		const char *next = p + n;
		size_t nextn = 0;

		if (next < end) {
			const char *ne = memchr(next, '\n', end - next);

			nextn = (ne ? ne + 1 : end) - next;
		}
		if (prev && nextn && continued(prev, prevn) &&
		    !continued(p, n) && continued(next, nextn) &&
		    !directive_or_blank(p, n) &&
		    !directive_or_blank(next, nextn) &&
		    !has_line(old, olen, p, line_body(p, n))) {
			size_t b = line_body(p, n);

			sb_add(&out, p, b);
			sb_adds(&out, " \\");
			sb_add(&out, p + b, n - b);
			changed = true;
		} else {
			sb_add(&out, p, n);
		}
		prev = p;
		prevn = n;
		p = next;
	}
	if (!changed) {
		free(out.buf);
		return NULL;
	}
	*newlen = out.len;
	return out.buf;
}

/* the definitions of legacy names in @b, in order of appearance */
struct ldef {
	int kw;			/* keyword id of the name */
	size_t start, end;	/* the directive and its continuation lines */
};

/*
 * the offset of the keyword of a directive line @l (n bytes, no end of
 * line): after "#" and the blanks around it; -1 when @l is no directive
 */
static long directive_start(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i == n || l[i++] != '#')
		return -1;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	return i;
}

/* the preprocessor keyword of a directive line (#if, #endif, ...) */
static bool directive_is(const char *l, size_t n, const char *kw)
{
	long s = directive_start(l, n);
	size_t i, k = strlen(kw);

	if (s < 0)
		return false;
	i = s;
	return n - i >= k && !memcmp(l + i, kw, k) &&
	       (n - i == k || !((l[i + k] >= 'a' && l[i + k] <= 'z') ||
				(l[i + k] >= 'A' && l[i + k] <= 'Z') ||
				l[i + k] == '_'));
}

/* is @l (n bytes) "#define NAME" with NAME a legacy name?  its keyword id */
static int legacy_define(const char *l, size_t n)
{
	long s = directive_start(l, n);
	size_t i, b;
	int id;

	if (s < 0)
		return -1;
	i = s;
	if (n - i < 7 || memcmp(l + i, "define", 6) ||
	    (l[i + 6] != ' ' && l[i + 6] != '\t'))
		return -1;
	i += 6;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	b = i;
	while (i < n && (l[i] == '_' || (l[i] >= 'a' && l[i] <= 'z') ||
			 (l[i] >= 'A' && l[i] <= 'Z') ||
			 (l[i] >= '0' && l[i] <= '9')))
		i++;
	id = i > b ? kw_lookup(l + b, i - b) : -1;
	return kw_is_legacy(id) ? id : -1;
}

static int legacy_defines(const char *b, size_t len, struct ldef **out)
{
	const char *p = b, *end = b + len;
	struct ldef *v = NULL;
	int n = 0, cap = 0;
	bool cont = false;

	while (p < end) {
		const char *e = memchr(p, '\n', end - p);
		size_t ln = (e ? e + 1 : end) - p;
		int id = cont ? -1 : legacy_define(p, line_body(p, ln));

		if (id >= 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n].kw = id;
			v[n].start = p - b;
			/* up to the first line that is not continued */
			while (continued(p, ln) && p + ln < end) {
				p += ln;
				e = memchr(p, '\n', end - p);
				ln = (e ? e + 1 : end) - p;
			}
			v[n++].end = p + ln - b;
		}
		cont = continued(p, ln);
		p += ln;
	}
	*out = v;
	return n;
}

/* which occurrence of its name definition @i of @v is, and how many there are */
static int occurrence(const struct ldef *v, int n, int i, int *total)
{
	int j, k = 0;

	*total = 0;
	for (j = 0; j < n; j++)
		if (v[j].kw == v[i].kw) {
			if (j < i)
				k++;
			(*total)++;
		}
	return k;
}

/*
 * A #define of one of the legacy names (semantic-patches/legacy-names) is
 * the legacy API's own definition: 2.4's <linux/module.h>, or a driver's
 * fallback for kernels that lack a name.  Rewriting it would change what
 * the name means for every user not converted, and the converted code no
 * longer uses it; so no rule may change it (spatch does rewrite macro
 * bodies it can parse: MOD_INC_USE_COUNT's became __module_get()).  Put
 * back, from @old, each such definition (the directive and its
 * continuation lines) that @buf changed: the k-th definition of a name in
 * @buf is the k-th of the same name in @old; a name defined a different
 * number of times in the two is left as @buf has it.  Returns a new
 * buffer, or NULL when nothing changed.
 */
char *keep_legacy_defines(const char *buf, size_t len, const char *old,
			  size_t olen, size_t *newlen)
{
	struct ldef *nv, *ov;
	int nn = legacy_defines(buf, len, &nv), on = legacy_defines(old, olen, &ov);
	struct strbuf out = { 0 };
	size_t at = 0;
	bool changed = false;
	int i, j;

	for (i = 0; i < nn; i++) {
		int ntot, otot, k = occurrence(nv, nn, i, &ntot);
		const struct ldef *o = NULL;

		for (j = 0; j < on; j++)
			if (ov[j].kw == nv[i].kw &&
			    occurrence(ov, on, j, &otot) == k) {
				o = &ov[j];
				break;
			}
		if (!o || otot != ntot)
			continue;
		if (nv[i].end - nv[i].start == o->end - o->start &&
		    !memcmp(buf + nv[i].start, old + o->start,
			    o->end - o->start))
			continue;
		sb_add(&out, buf + at, nv[i].start - at);
		sb_add(&out, old + o->start, o->end - o->start);
		at = nv[i].end;
		changed = true;
	}
	free(nv);
	free(ov);
	if (!changed) {
		free(out.buf);
		return NULL;
	}
	sb_add(&out, buf + at, len - at);
	*newlen = out.len;
	return out.buf;
}

/*
 * The lines (1-based, first and last) of each definition of a legacy name
 * in @buf, as pairs in @lines; returns the number of definitions.
 */
int legacy_define_lines(const char *buf, size_t len, long **lines)
{
	struct ldef *v;
	int n = legacy_defines(buf, len, &v), i;
	long ln = 1;
	size_t at = 0;

	*lines = xcalloc(n ? 2 * n : 1, sizeof(long));
	for (i = 0; i < n; i++) {
		for (; at < v[i].start; at++)
			ln += buf[at] == '\n';
		(*lines)[2 * i] = ln;
		for (; at + 1 < v[i].end; at++)
			ln += buf[at] == '\n';
		(*lines)[2 * i + 1] = ln;
	}
	free(v);
	return n;
}

/*
 * is the line @l (n bytes, no end of line) "#include <...>"?  The name
 * between the brackets in @name, @k bytes
 */
static bool include_line(const char *l, size_t n, const char **name,
			 size_t *k)
{
	size_t i;
	const char *gt;

	if (!directive_is(l, n, "include"))
		return false;
	i = directive_start(l, n) + 7;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i == n || l[i] != '<')
		return false;
	gt = memchr(l + i, '>', n - i);
	if (!gt)
		return false;
	*name = l + i + 1;
	*k = gt - *name;
	return true;
}

static bool name_is(const char *name, size_t k, const char *s)
{
	return k == strlen(s) && !memcmp(name, s, k);
}


/*
 * THIS_MODULE is declared by <linux/module.h> only (2.4, and still the
 * header to include for it).  A rule that writes the first THIS_MODULE
 * into a file (x.owner = THIS_MODULE; in the file that fills a table in at
 * run time, while its methods live in another) must bring the header
 * along: when @buf names THIS_MODULE, @old did not, and neither includes
 * <linux/module.h>, add "#include <linux/module.h>" before the first
 * "#include <linux/...>" line (not <linux/config.h>) of the outermost #if
 * level that has one.  Returns a new buffer, or NULL when nothing changed
 * (also when the file has no such include to go next to).
 */
char *add_module_include(const char *buf, size_t len, const char *old,
			 size_t olen, size_t *newlen)
{
	const char *p = buf, *end = buf + len, *at = NULL;
	int depth = 0, best = -1;
	struct strbuf out = { 0 };

	if (!memmem(buf, len, "THIS_MODULE", 11) ||
	    memmem(old, olen, "THIS_MODULE", 11))
		return NULL;
	while (p < end) {
		const char *e = memchr(p, '\n', end - p), *name = NULL;
		size_t n = line_body(p, (e ? e + 1 : end) - p), k = 0;
		bool inc = include_line(p, n, &name, &k);

		if (inc && name_is(name, k, "linux/module.h"))
			return NULL;
		if (directive_is(p, n, "if") || directive_is(p, n, "ifdef") ||
		    directive_is(p, n, "ifndef"))
			depth++;
		else if (directive_is(p, n, "endif") && depth > 0)
			depth--;
		else if (inc && k > 6 && !memcmp(name, "linux/", 6) &&
			 !name_is(name, k, "linux/config.h") &&
			 (best < 0 || depth < best)) {
			best = depth;
			at = p;
		}
		p = e ? e + 1 : end;
	}
	if (!at)
		return NULL;
	sb_add(&out, buf, at - buf);
	sb_adds(&out, "#include <linux/module.h>\n");
	sb_add(&out, at, end - at);
	*newlen = out.len;
	return out.buf;
}
