// SPDX-License-Identifier: GPL-2.0
/*
 * declarer.c - file-scope declarer macros written without their semicolon.
 *
 * 2.4 code often ends a file with `module_init(fn)` and `module_exit(fn)`
 * and no ';' (the 2.4 macros expand to a declaration that brings its own).
 * spatch 1.1.1 parses such a line as a top-level macro, unless the semantic
 * patch names the macro a declarer (`declarer name module_init;`): then the
 * line is a parse error, the rules do not see it (an init or exit function
 * goes unknown) and the file is reported as one spatch could not parse.
 * Every rule is run alone or merged with others, so one rule's declarer
 * breaks the parse for all of them.
 *
 * So the engine adds the ';' in its work copy, where a declarer of a rule
 * stands alone on a line (after blanks, before blanks or a comment), and
 * takes each one it added out of the result again: the series never shows
 * it.  A line is left as it is when its form with the ';' is already a
 * line of the file (the result could not tell the two apart) or when a ';'
 * follows on a later line.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modref.h"

/*
 * The names of every `declarer name A, B;` line of the SmPL text: added
 * to names, each once.
 */
void declarers_read(const char *text, size_t len, struct strvec *names)
{
	const char *p = text, *e = text + len;

	while (p < e) {
		const char *nl = memchr(p, '\n', e - p), *q = p;
		const char *le = nl ? nl : e;

		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if (le - q > 14 && !memcmp(q, "declarer", 8) &&
		    (q[8] == ' ' || q[8] == '\t')) {
			q += 8;
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (le - q > 5 && !memcmp(q, "name", 4) &&
			    (q[4] == ' ' || q[4] == '\t')) {
				for (q += 4; q < le && *q != ';';) {
					const char *s = q;
					char *n;

					while (q < le && id_char(*q))
						q++;
					if (q == s) {
						q++;
						continue;
					}
					n = xstrndup(s, q - s);
					if (sv_find(names, n) < 0)
						sv_push(names, n);
					else
						free(n);
				}
			}
		}
		p = nl ? nl + 1 : e;
	}
}

/* a quoted string or character from q (at the quote); its end, or NULL */
static const char *skip_quoted(const char *q, const char *le)
{
	char c = *q++;

	while (q < le && *q != c)
		q += *q == '\\' && q + 1 < le ? 2 : 1;
	return q < le ? q + 1 : NULL;
}

/*
 * The offset of the ')' that ends a declarer call standing alone on the
 * line [l, le), or -1.  What may follow it: blanks, a comment.
 */
static long bare_declarer(const char *l, const char *le,
			  const struct strvec *names)
{
	const char *q = l, *s, *close;
	int depth = 0, i;
	bool known = false;

	while (q < le && (*q == ' ' || *q == '\t'))
		q++;
	if (q == le || !id_start(*q))
		return -1;
	for (s = q; q < le && id_char(*q); q++)
		;
	for (i = 0; i < names->n && !known; i++)
		known = strlen(names->v[i]) == (size_t)(q - s) &&
			!memcmp(names->v[i], s, q - s);
	if (!known)
		return -1;
	while (q < le && (*q == ' ' || *q == '\t'))
		q++;
	if (q == le || *q != '(')
		return -1;
	for (; q < le; q++) {
		if (*q == '"' || *q == '\'') {
			q = skip_quoted(q, le);
			if (!q)
				return -1;
			q--;
		} else if (*q == '(') {
			depth++;
		} else if (*q == ')' && !--depth) {
			break;
		} else if (*q == ';' || *q == '{' || *q == '}') {
			return -1;
		}
	}
	if (q == le)
		return -1;
	close = q++;
	while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q < le && le - q >= 2 && q[0] == '/' && q[1] == '/')
		q = le;
	if (q < le && le - q >= 2 && q[0] == '/' && q[1] == '*') {
		const char *c = memmem(q + 2, le - q - 2, "*/", 2);

		if (!c)
			return -1;
		q = c + 2;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
	}
	return q == le ? close - l : -1;
}

/* the number of lines of buf that are s */
static int lines_equal(const char *buf, size_t len, const char *s)
{
	const char *p = buf, *e = buf + len;
	size_t n = strlen(s);
	int c = 0;

	while (p < e) {
		const char *nl = memchr(p, '\n', e - p);
		const char *le = nl ? nl : e;

		c += (size_t)(le - p) == n && !memcmp(p, s, n);
		p = nl ? nl + 1 : e;
	}
	return c;
}

/*
 * buf with a ';' after each declarer of names that stands alone on a line
 * without one: the new text in *out (true), or false when nothing changed.
 * Each change is recorded in fixed as two strings: the line with the ';',
 * then the line as it was.
 */
bool semi_add(const char *buf, size_t len, const struct strvec *names,
	      struct strbuf *out, struct strvec *fixed)
{
	const char *p = buf, *e = buf + len;
	bool cont = false, changed = false;

	if (!names->n)
		return false;
	while (p < e) {
		const char *nl = memchr(p, '\n', e - p);
		const char *le = nl ? nl : e, *after, *t;
		long at = cont ? -1 : bare_declarer(p, le, names);
		char *with = NULL;

		t = le > p && le[-1] == '\r' ? le - 1 : le;
		cont = t > p && t[-1] == '\\';
		if (at >= 0) {
			for (after = le; after < e && strchr(" \t\r\n", *after);)
				after++;
			with = xasprintf("%.*s;%.*s", (int)at + 1, p,
					 (int)(le - p - at - 1), p + at + 1);
			if ((after < e && *after == ';') ||
			    lines_equal(buf, len, with)) {
				free(with);
				with = NULL;
			}
		}
		if (with) {
			sb_adds(out, with);
			sv_push(fixed, with);
			sv_push(fixed, xstrndup(p, le - p));
			changed = true;
		} else {
			sb_add(out, p, le - p);
		}
		if (nl)
			sb_addc(out, '\n');
		p = nl ? nl + 1 : e;
	}
	if (!changed) {
		sb_free(out);
		*out = (struct strbuf){ 0 };
	}
	return changed;
}

/* buf with every line semi_add() changed (fixed) as it was, into *out */
void semi_strip(const char *buf, size_t len, const struct strvec *fixed,
		struct strbuf *out)
{
	const char *p = buf, *e = buf + len;
	int i;

	while (p < e) {
		const char *nl = memchr(p, '\n', e - p);
		const char *le = nl ? nl : e;
		const char *line = p;
		size_t n = le - p;

		for (i = 0; i + 1 < fixed->n; i += 2)
			if (strlen(fixed->v[i]) == n &&
			    !memcmp(fixed->v[i], p, n)) {
				line = fixed->v[i + 1];
				n = strlen(line);
				break;
			}
		sb_add(out, line, n);
		if (nl)
			sb_addc(out, '\n');
		p = nl ? nl + 1 : e;
	}
}

/*
 * Name wrappers.  2.4 network families declare their proto_ops as
 * `static struct proto_ops SOCKOPS_WRAPPED(x25_proto_ops) = {...}`, where
 * the macro gives the table its name (its SMP form prefixes it), and
 * spatch 1.1.1 reads the line as a function declarator, since a macro file
 * entry is only expanded where the code does not parse.  The rules then
 * see no table, and the function that uses the name fails to parse.  So
 * the work copy shows spatch the plain name: every macro the macro file
 * defines as its own single parameter (`#define W(a) a`), called with one
 * identifier, is replaced by that identifier, and put back in the result
 * (a line that a rule changed cannot be put back: its group fails).
 */

/* the names of every `#define W(a) a` line of a macro file, into names */
void wrappers_read(const char *text, size_t len, struct strvec *names)
{
	const char *p = text, *e = text + len;

	while (p < e) {
		const char *nl = memchr(p, '\n', e - p), *q = p, *n, *a;
		const char *le = nl ? nl : e;
		size_t nn, na;

		p = nl ? nl + 1 : e;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if (le - q < 8 || memcmp(q, "#define", 7) ||
		    (q[7] != ' ' && q[7] != '\t'))
			continue;
		for (q += 7; q < le && (*q == ' ' || *q == '\t'); q++)
			;
		for (n = q; q < le && id_char(*q); q++)
			;
		nn = q - n;
		if (!nn || q == le || *q++ != '(')
			continue;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		for (a = q; q < le && id_char(*q); q++)
			;
		na = q - a;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if (!na || q == le || *q++ != ')')
			continue;
		while (q < le && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(le - q) < na || memcmp(q, a, na))
			continue;
		for (q += na; q < le && (*q == ' ' || *q == '\t' || *q == '\r');)
			q++;
		if (q == le) {
			char *s = xstrndup(n, nn);

			if (sv_find(names, s) < 0)
				sv_push(names, s);
			else
				free(s);
		}
	}
}

/* whether [s, s + n) is a wrapper name */
static bool is_wrapper(const char *s, size_t n, const struct strvec *names)
{
	int i;

	for (i = 0; i < names->n; i++)
		if (strlen(names->v[i]) == n && !memcmp(names->v[i], s, n))
			return true;
	return false;
}

/*
 * One line: each W ( name ) of a wrapper W, outside strings and // or
 * one-line comments, as name: the new line into *out, or false when
 * nothing was replaced.
 */
static bool unwrap_line(const char *l, const char *le,
			const struct strvec *names, struct strbuf *out)
{
	const char *q = l, *copied = l;
	bool any = false;

	while (q < le) {
		const char *s = q, *a, *ae, *r;

		if (*q == '"' || *q == '\'') {
			q = skip_quoted(q, le);
			if (!q)
				break;
			continue;
		}
		if (*q == '/' && q + 1 < le && q[1] == '/')
			break;
		if (*q == '/' && q + 1 < le && q[1] == '*') {
			const char *c = memmem(q + 2, le - q - 2, "*/", 2);

			if (!c)
				break;
			q = c + 2;
			continue;
		}
		if (!id_start(*q) || (q > l && id_char(q[-1]))) {
			q++;
			continue;
		}
		while (q < le && id_char(*q))
			q++;
		if (!is_wrapper(s, q - s, names))
			continue;
		for (r = q; r < le && (*r == ' ' || *r == '\t'); r++)
			;
		if (r == le || *r++ != '(')
			continue;
		while (r < le && (*r == ' ' || *r == '\t'))
			r++;
		if (r == le || !id_start(*r))
			continue;
		for (a = r; r < le && id_char(*r); r++)
			;
		ae = r;
		while (r < le && (*r == ' ' || *r == '\t'))
			r++;
		if (r == le || *r != ')')
			continue;
		sb_add(out, copied, s - copied);
		sb_add(out, a, ae - a);
		copied = q = r + 1;
		any = true;
	}
	if (any)
		sb_add(out, copied, le - copied);
	return any;
}

/*
 * buf with every wrapped name unwrapped (*out, true), or false when
 * nothing changed.  Each changed line is recorded in fixed as two
 * strings: the line unwrapped, then as it was.  Preprocessor lines (and
 * their continuations) are left as they are; so is the whole file when an
 * unwrapped line is another line of it too (as a forward declaration
 * `static struct proto_ops x_ops;` of a table may be: the result could not
 * tell them apart).
 */
bool unwrap_add(const char *buf, size_t len, const struct strvec *names,
		struct strbuf *out, struct strvec *fixed)
{
	const char *p = buf, *e = buf + len;
	struct strvec cand = { 0 };
	bool cont = false, changed = false;
	int i;

	if (!names->n)
		return false;
	while (p < e) {
		const char *nl = memchr(p, '\n', e - p);
		const char *le = nl ? nl : e, *t, *q;
		struct strbuf l = { 0 };
		bool pp;

		for (q = p; q < le && (*q == ' ' || *q == '\t'); q++)
			;
		pp = cont || (q < le && *q == '#');
		t = le > p && le[-1] == '\r' ? le - 1 : le;
		cont = t > p && t[-1] == '\\';
		if (!pp && unwrap_line(p, le, names, &l)) {
			sb_add(out, l.buf, l.len);
			sv_push(&cand, xstrndup(l.buf, l.len));
			sv_push(&cand, xstrndup(p, le - p));
			changed = true;
		} else {
			sb_add(out, p, le - p);
		}
		sb_free(&l);
		if (nl)
			sb_addc(out, '\n');
		p = nl ? nl + 1 : e;
	}
	/* an unwrapped line that is another line too: leave the file */
	for (i = 0; i < cand.n && changed; i += 2)
		if (lines_equal(out->buf, out->len, cand.v[i]) != 1)
			changed = false;
	for (i = 0; i < cand.n && changed; i++)
		sv_push(fixed, xstrdup(cand.v[i]));
	sv_free(&cand);
	if (!changed) {
		sb_free(out);
		*out = (struct strbuf){ 0 };
	}
	return changed;
}

/*
 * buf with each line unwrap_add() recorded in fixed put back as it was,
 * into *out; the number of those lines buf no longer has (a rule rewrote
 * the line: the result cannot be trusted).
 */
int unwrap_strip(const char *buf, size_t len, const struct strvec *fixed,
		 struct strbuf *out)
{
	const char *p = buf, *e = buf + len;
	bool *done = xcalloc(fixed->n / 2 + 1, sizeof(bool));
	int i, missing = 0;

	while (p < e) {
		const char *nl = memchr(p, '\n', e - p);
		const char *le = nl ? nl : e;
		bool hit = false;

		for (i = 0; i + 1 < fixed->n && !hit; i += 2) {
			size_t n = strlen(fixed->v[i]);

			if (done[i / 2] || (size_t)(le - p) != n ||
			    memcmp(p, fixed->v[i], n))
				continue;
			sb_adds(out, fixed->v[i + 1]);
			done[i / 2] = hit = true;
		}
		if (!hit)
			sb_add(out, p, le - p);
		if (nl)
			sb_addc(out, '\n');
		p = nl ? nl + 1 : e;
	}
	for (i = 0; i + 1 < fixed->n; i += 2)
		missing += !done[i / 2];
	free(done);
	return missing;
}
