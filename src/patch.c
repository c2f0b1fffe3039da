// SPDX-License-Identifier: GPL-2.0
/*
 * patch.c - the text of the patch series.
 *
 * The commit message quotes each rule's /// description re-flowed the way
 * `fold -s -w 68` does, the subject prefix names the directory (skipping
 * generic names such as legacy/ or src/ upward), the file name of a patch
 * is the subject's slug.  The diffs themselves come from GNU diff (output.c).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modref.h"

static size_t adjust_column(size_t col, char c)
{
	if (c == '\b')
		return col ? col - 1 : 0;
	if (c == '\r')
		return 0;
	if (c == '\t')
		return col + 8 - col % 8;
	return col + 1;
}

/* GNU fold -s -w width, one input string */
static void fold_s(const char *in, size_t width, struct strbuf *out)
{
	struct strbuf line = { 0 };
	size_t col = 0, i;

	for (; *in; in++) {
		char c = *in;

		if (c == '\n') {
			sb_addc(&line, c);
			sb_add(out, line.buf, line.len);
			line.len = 0;
			col = 0;
			continue;
		}
rescan:
		col = adjust_column(col, c);
		if (col > width) {
			size_t end = line.len;
			bool blank = false;

			while (end) {
				--end;
				if (line.buf[end] == ' ' || line.buf[end] == '\t') {
					blank = true;
					break;
				}
			}
			if (blank) {
				end++;
				sb_add(out, line.buf, end);
				sb_addc(out, '\n');
				memmove(line.buf, line.buf + end, line.len - end);
				line.len -= end;
				for (col = i = 0; i < line.len; i++)
					col = adjust_column(col, line.buf[i]);
				goto rescan;
			}
			if (line.len == 0) {
				sb_addc(&line, c);
				continue;
			}
			sb_addc(&line, '\n');
			sb_add(out, line.buf, line.len);
			line.len = 0;
			col = 0;
			goto rescan;
		}
		sb_addc(&line, c);
	}
	if (line.len)
		sb_add(out, line.buf, line.len);
	sb_free(&line);
}

static bool blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/*
 * The rule's /// lines: paragraphs joined with single spaces, folded at
 * width, trailing blanks dropped, non-empty lines indented by two spaces.
 */
void fold_paragraphs(const char *summary, int width, struct strbuf *out)
{
	struct strbuf para = { 0 }, joined = { 0 }, folded = { 0 };
	const char *p = summary, *e;

	while (*p) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		if (blank_line(p, e - p)) {
			if (para.len) {
				sb_add(&joined, para.buf, para.len);
				sb_adds(&joined, "\n\n");
			}
			para.len = 0;
		} else {
			if (para.len)
				sb_addc(&para, ' ');
			sb_add(&para, p, e - p);
		}
		p = *e ? e + 1 : e;
	}
	if (para.len) {
		sb_add(&joined, para.buf, para.len);
		sb_addc(&joined, '\n');
	}
	if (joined.len)
		fold_s(joined.buf, width, &folded);
	p = folded.buf;
	while (p && *p) {
		size_t n;

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		n = e - p;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n)
			sb_adds(out, "  ");
		sb_add(out, p, n);
		sb_addc(out, '\n');
		p = *e ? e + 1 : e;
	}
	sb_free(&para);
	sb_free(&joined);
	sb_free(&folded);
}

static bool slug_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_';
}

/* the subject as a file name: runs of other bytes become '-', ends trimmed, 52 bytes at most */
char *slug_of(const char *subject)
{
	struct strbuf sb = { 0 };
	const char *p = subject;
	size_t n;

	while (*p) {
		if (slug_char(*p)) {
			sb_addc(&sb, *p++);
			continue;
		}
		while (*p && !slug_char(*p))
			p++;
		sb_addc(&sb, '-');
	}
	if (!sb.buf)
		return xstrdup("");
	p = sb.buf + strspn(sb.buf, "-");
	n = strlen(p);
	while (n && (p[n - 1] == '-' || p[n - 1] == '.'))
		n--;
	if (n > 52)
		n = 52;
	while (n && (p[n - 1] == '-' || p[n - 1] == '.'))
		n--;
	p = xstrndup(p, n);
	sb_free(&sb);
	return (char *)p;
}

static bool generic_name(const char *b)
{
	static const char *const g[] = { "legacy", "src", "source", "converted",
					 "orig", ".", NULL };
	int i;

	for (i = 0; g[i]; i++)
		if (!strcmp(b, g[i]))
			return true;
	return false;
}

/*
 * The directory's name, skipping generic names upward; with exactly one
 * changed .c file whose stem differs, ": <stem>" is added
 * (drivers/char/busmouse.c: "char: busmouse").
 */
char *subject_prefix(const char *srcabs, const char *reldir,
		     const struct strvec *files)
{
	char *p = strcmp(reldir, ".") ? path_join(srcabs, reldir) :
					xstrdup(srcabs);
	char *name = NULL, *res;
	const char *onec = NULL;
	int i, nc = 0;

	while (*p && strcmp(p, "/")) {
		char *s = strrchr(p, '/');
		const char *b = s ? s + 1 : p;

		if (generic_name(b)) {
			if (!s)
				break;
			if (s == p)
				s[1] = '\0';
			else
				*s = '\0';
			continue;
		}
		name = xstrdup(b);
		break;
	}
	free(p);
	if (!name)
		name = xstrdup(base_of(srcabs));
	for (i = 0; i < files->n; i++) {
		size_t n = strlen(files->v[i]);

		if (n > 2 && !strcmp(files->v[i] + n - 2, ".c")) {
			nc++;
			onec = files->v[i];
		}
	}
	if (nc == 1) {
		const char *b = base_of(onec);
		char *stem = xstrndup(b, strlen(b) - 2);

		if (strcmp(stem, name)) {
			res = xasprintf("%s: %s", name, stem);
			free(name);
			name = res;
		}
		free(stem);
	}
	return name;
}

/* "a/<rel>", with a tab after it when rel has a blank (as git writes it) */
char *diff_header_name(const char *prefix, const char *rel)
{
	if (strpbrk(rel, " \t"))
		return xasprintf("%s%s\t", prefix, rel);
	return xasprintf("%s%s", prefix, rel);
}
