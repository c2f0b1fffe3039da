// SPDX-License-Identifier: GPL-2.0
/*
 * report.c - findings, report.txt and report.json.
 *
 * One finding per line, "<file>:<line>: <rule>: <message>", sorted by file
 * (bytes), line (number), rule, message; duplicates dropped.  report.json
 * is the same list as an array of {"file", "line", "rule", "message"},
 * written with json-c (escaping, valid UTF-8 in, valid JSON out).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "modref.h"

void findings_add(struct findings *fs, const char *file, long line,
		  const char *rule, const char *msg)
{
	struct finding *f;
	char *m, *p;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 64;
		fs->v = xrealloc(fs->v, fs->cap * sizeof(*fs->v));
	}
	f = &fs->v[fs->n++];
	f->file = xstrdup(file);
	f->line = line;
	f->rule = xstrdup(rule);
	/* one line per finding: no CR/LF inside a message */
	m = xstrdup(msg);
	for (p = m; *msg; msg++)
		if (*msg == '\n')
			*p++ = ' ';
		else if (*msg != '\r')
			*p++ = *msg;
	*p = '\0';
	f->msg = m;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	return strcmp(x->msg, y->msg);
}

void findings_sort_uniq(struct findings *fs)
{
	int i, o = 0;

	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
	for (i = 0; i < fs->n; i++) {
		if (o && !cmp_finding(&fs->v[o - 1], &fs->v[i])) {
			free(fs->v[i].file);
			free(fs->v[i].rule);
			free(fs->v[i].msg);
			continue;
		}
		fs->v[o++] = fs->v[i];
	}
	fs->n = o;
}

/* json-c wants UTF-8: anything else is shown as \xNN */
static char *utf8_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct strbuf sb = { 0 };
	int n, i;

	while (*p) {
		if (*p < 0x80) {
			sb_addc(&sb, *p++);
			continue;
		}
		n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 :
		    (*p & 0xf8) == 0xf0 ? 4 : 0;
		for (i = 1; n && i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				n = 0;
		if (n) {
			sb_add(&sb, (const char *)p, n);
			p += n;
		} else {
			sb_addf(&sb, "\\x%02x", *p++);
		}
	}
	return sb.buf ? sb.buf : xstrdup("");
}

int report_write(const struct findings *fs, const char *txt,
		 const char *json)
{
	struct json_object *arr = json_object_new_array();
	struct strbuf sb = { 0 };
	const char *js;
	int i, rc;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		struct json_object *o = json_object_new_object();
		char *a = utf8_clean(f->file), *m = utf8_clean(f->msg);

		sb_addf(&sb, "%s:%ld: %s: %s\n", f->file, f->line, f->rule,
			f->msg);
		json_object_object_add(o, "file", json_object_new_string(a));
		json_object_object_add(o, "line", json_object_new_int64(f->line));
		json_object_object_add(o, "rule",
				       json_object_new_string(f->rule));
		json_object_object_add(o, "message", json_object_new_string(m));
		json_object_array_add(arr, o);
		free(a);
		free(m);
	}
	rc = write_file(txt, sb.buf ? sb.buf : "", sb.len);
	js = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_SPACED |
					    JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!rc) {
		char *j = xasprintf("%s\n", js);

		rc = write_file(json, j, strlen(j));
		free(j);
	}
	json_object_put(arr);
	sb_free(&sb);
	return rc;
}

void findings_free(struct findings *fs)
{
	int i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].file);
		free(fs->v[i].rule);
		free(fs->v[i].msg);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}
