// SPDX-License-Identifier: GPL-2.0
/*
 * spatch.c - what spatch says.
 *
 * spatch_log_parse() reads the stderr of one `spatch --verbose-parsing
 * --file-groups` process (one process per log, so HANDLING blocks never
 * interleave) and returns:
 *   PK_LOCATED <file> <line> <msg>  a parse error spatch located
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
	char *pfile;
	long pline;
	struct parse_recs *out;
};

static void emit(struct logstate *s, const char *around)
{
	char *msg;

	if (around && *around)
		msg = xasprintf("spatch cannot parse this code (near '%s'); the rules did not check the code around it",
				around);
	else
		msg = xstrdup("spatch cannot parse this code; the rules did not check the code around it");
	rec_add(s->out, PK_LOCATED, s->pfile, s->pline, msg);
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
