// SPDX-License-Identifier: GPL-2.0
/*
 * oracle.c - the console log oracle.
 *
 * The console (first serial port) carries the kernel's messages up to
 * loglevel 5 and the guest runner's progress lines ("modref-init: NAME:
 * step").  A line that contains one of the failure strings of
 * verify/oracle-strings.h (the list the guest runner uses on /dev/kmsg)
 * is a failure; it belongs to the family whose progress line came last
 * before it.  The guest's own lines never count: they may quote a string.
 *
 * The console is independent of the guest's verdict: a report printed
 * after the guest's kernel_log check of a family (a delayed KASAN report,
 * a kmemleak or RCU callback) is still charged to that family.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"
#include "../verify/oracle-strings.h"

#define GUEST_TAG "modref-init: "

/* the failure string in LINE, or NULL (guest progress lines never match) */
const char *oracle_line(const char *line)
{
	if (strstr(line, GUEST_TAG))
		return NULL;
	return modref_fail_match(line);
}

/* LINE without a leading "[    1.234567] " printk timestamp */
static const char *untimed(const char *line)
{
	const char *p = line;

	if (*p != '[')
		return line;
	p++;
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	if (*p != ']')
		return line;
	p++;
	while (*p == ' ')
		p++;
	return p;
}

/* the family a progress line names, from FAMILIES, or NULL */
static const char *progress_family(const char *line,
				   const struct strvec *families)
{
	const char *t = strstr(line, GUEST_TAG);
	size_t k;
	int i;

	if (!t || !families)
		return NULL;
	t += strlen(GUEST_TAG);
	for (i = 0; i < families->n; i++) {
		k = strlen(families->v[i]);
		if (!strncmp(t, families->v[i], k) && t[k] == ':')
			return families->v[i];
	}
	return NULL;
}

/*
 * The first failure line of CONSOLE (CR already stripped), timestamp
 * dropped: of the whole log when FAMILY is NULL, else of the lines printed
 * while FAMILY (one of FAMILIES) was the running family.  NULL if none.
 */
char *oracle_first(const char *console, const char *family,
		   const struct strvec *families)
{
	const char *p = console, *e, *cur = NULL, *f;
	char *line, *hit = NULL;
	size_t n;

	while (p && *p && !hit) {
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		line = xstrndup(p, n);
		f = progress_family(line, families);
		if (f)
			cur = f;
		else if ((!family || (cur && !strcmp(cur, family))) &&
			 oracle_line(line))
			hit = xstrdup(untimed(line));
		free(line);
		p = e ? e + 1 : NULL;
	}
	return hit;
}

/* the text after the last "modref-init: " of CONSOLE, or NULL */
char *oracle_last_step(const char *console)
{
	const char *p = console, *e, *t, *last = NULL;

	while (p && *p) {
		e = strchr(p, '\n');
		t = strstr(p, GUEST_TAG);
		if (t && (!e || t < e))
			last = t + strlen(GUEST_TAG);
		p = e ? e + 1 : NULL;
	}
	if (!last)
		return NULL;
	e = strchr(last, '\n');
	return e ? xstrndup(last, e - last) : xstrdup(last);
}

/* the last N lines of CONSOLE, each with PREFIX, '\n'-terminated */
char *oracle_tail(const char *console, int n, const char *prefix)
{
	struct strbuf sb = { 0 };
	size_t end = strlen(console), start = 0, i, s;
	int k = 0;

	if (end && console[end - 1] == '\n')
		end--;
	for (i = end; i > 0; i--) {
		if (console[i - 1] == '\n' && ++k == n) {
			start = i;
			break;
		}
	}
	if (!end)
		start = end = 0;
	for (s = start; end && s <= end; s = i + 1) {
		for (i = s; i < end && console[i] != '\n'; i++)
			;
		sb_adds(&sb, prefix);
		sb_add(&sb, console + s, i - s);
		sb_addc(&sb, '\n');
	}
	if (!sb.buf)
		sb.buf = xstrdup("");
	return sb.buf;
}
