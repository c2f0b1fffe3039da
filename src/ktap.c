// SPDX-License-Identifier: GPL-2.0
/*
 * ktap.c - the guest's KTAP, one family at a time.
 *
 * The guest runner (verify/guest/modref-init.c) writes one KTAP document
 * per boot on its second serial port: a top-level plan, then for each
 * family a "    # Subtest: NAME" block of nested results, a
 * "# NAME: cycles=N seconds=S" line and the top-level "ok N NAME" or
 * "not ok N NAME".  A family whose result line is missing did not finish
 * (hang, crash, or the guest stopped before it: "# stopped: ...").
 *
 * Parsing is by whole lines, exact prefixes and exact names (a family name
 * is never used as a pattern); CR bytes are dropped first, the serial
 * port may add them.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

#define NEST "    "

void ktap_strip_cr(char *buf, size_t *len)
{
	size_t i, j;

	for (i = j = 0; i < *len; i++) {
		if (buf[i] == '\r')
			continue;
		/* a NUL from a dying serial port must not end the text */
		buf[j++] = buf[i] ? buf[i] : ' ';
	}
	buf[j] = '\0';
	*len = j;
}

/* next line of *p (without '\n') into line/n; false at the end */
static bool next_line(const char **p, const char **line, size_t *n)
{
	const char *s = *p, *e;

	if (!*s)
		return false;
	e = strchr(s, '\n');
	*line = s;
	*n = e ? (size_t)(e - s) : strlen(s);
	*p = e ? e + 1 : s + *n;
	return true;
}

static bool has_prefix(const char *line, size_t n, const char *pfx)
{
	size_t k = strlen(pfx);

	return n >= k && !memcmp(line, pfx, k);
}

/*
 * "ok N REST" or "not ok N REST" at column 0: sets *ok and *rest (the text
 * after the number and one blank); false for anything else.
 */
static bool result_line(const char *line, size_t n, bool *ok,
			const char **rest, size_t *restn)
{
	const char *p = line, *e = line + n;

	*ok = true;
	if (has_prefix(p, n, "not ")) {
		*ok = false;
		p += 4;
	}
	if (e - p < 3 || memcmp(p, "ok ", 3))
		return false;
	p += 3;
	if (p == e || !isdigit((unsigned char)*p))
		return false;
	while (p < e && isdigit((unsigned char)*p))
		p++;
	if (p == e) {
		*rest = p;
		*restn = 0;
		return true;
	}
	if (*p != ' ')
		return false;
	*rest = p + 1;
	*restn = e - (p + 1);
	return true;
}

static bool is_family_result(const char *line, size_t n, const char *name,
			     bool *ok)
{
	const char *rest;
	size_t rn;

	return result_line(line, n, ok, &rest, &rn) && rn == strlen(name) &&
	       !memcmp(rest, name, rn);
}

/* "# NAME: ... KEY=VALUE ..." -> VALUE into out (digits and '.') */
static bool stat_value(const char *line, size_t n, const char *name,
		       const char *key, char *out, size_t outn)
{
	char *l = xstrndup(line, n), *pfx = xasprintf("# %s: ", name);
	char *k = xasprintf("%s=", key), *p;
	size_t i = 0;
	bool found = false;

	if (!strncmp(l, pfx, strlen(pfx))) {
		for (p = l + strlen(pfx); (p = strstr(p, k)); p++)
			if (p[-1] == ' ' || p == l + strlen(pfx))
				break;
		if (p) {
			p += strlen(k);
			while (i + 1 < outn &&
			       (isdigit((unsigned char)p[i]) || p[i] == '.')) {
				out[i] = p[i];
				i++;
			}
			out[i] = '\0';
			found = i > 0;
		}
	}
	free(l);
	free(pfx);
	free(k);
	return found;
}

/*
 * The block of family NAME in KTAP (CR already stripped), made into a
 * standalone KTAP document with the family as test 1; its verdict,
 * cycles, seconds and the reason of its first failed subtest.
 * Returns 0; kf->found/kf->done say what was there.
 */
int ktap_family_parse(const char *ktap, const char *name,
		      struct ktap_family *kf)
{
	char *subtest = xasprintf(NEST "# Subtest: %s", name);
	const char *p = ktap, *line;
	char *r = NULL, val[32];
	size_t n;
	bool ok;

	memset(kf, 0, sizeof(*kf));
	strcpy(kf->seconds, "0");
	while (next_line(&p, &line, &n)) {
		if (!kf->found) {
			if (n == strlen(subtest) && !memcmp(line, subtest, n)) {
				kf->found = true;
				sb_adds(&kf->ktap, "KTAP version 1\n1..1\n");
				sb_add(&kf->ktap, line, n);
				sb_addc(&kf->ktap, '\n');
			}
			continue;
		}
		if (is_family_result(line, n, name, &ok)) {
			kf->done = true;
			kf->ok = ok;
			sb_addf(&kf->ktap, "%sok 1 %s\n", ok ? "" : "not ",
				name);
			break;
		}
		sb_add(&kf->ktap, line, n);
		sb_addc(&kf->ktap, '\n');
		if (stat_value(line, n, name, "cycles", val, sizeof(val)))
			kf->cycles = atol(val);
		if (stat_value(line, n, name, "seconds", val, sizeof(val)))
			snprintf(kf->seconds, sizeof(kf->seconds), "%s", val);
		/* the first reason of the first failed subtest */
		if (kf->reason)
			continue;
		if (has_prefix(line, n, NEST "# reason: ") && !r) {
			r = xstrndup(line + strlen(NEST "# reason: "),
				     n - strlen(NEST "# reason: "));
		} else if (has_prefix(line, n, NEST "ok ")) {
			free(r);
			r = NULL;
		} else if (has_prefix(line, n, NEST "not ok ")) {
			const char *t = line + strlen(NEST "not ok ");
			const char *e = line + n, *w;

			while (t < e && isdigit((unsigned char)*t))
				t++;
			while (t < e && *t == ' ')
				t++;
			for (w = t; w < e && *w != ' '; w++)
				;
			if (r) {
				kf->reason = xasprintf("%.*s: %s",
						       (int)(w - t), t, r);
				free(r);
				r = NULL;
			}
		}
	}
	free(r);
	free(subtest);
	if (kf->done && !kf->ok && !kf->reason)
		kf->reason = xstrdup("failed without a reason line");
	if (kf->done && kf->ok) {
		free(kf->reason);
		kf->reason = NULL;
	}
	return 0;
}

void ktap_family_free(struct ktap_family *kf)
{
	free(kf->reason);
	sb_free(&kf->ktap);
	memset(kf, 0, sizeof(*kf));
}

/* The guest stopped on purpose before the remaining families. */
bool ktap_stopped(const char *ktap)
{
	const char *p = ktap, *line;
	size_t n;

	while (next_line(&p, &line, &n))
		if (has_prefix(line, n, "# stopped:"))
			return true;
	return false;
}

/*
 * Add a failed subtest TEST with REASON to a finished family's KTAP (a
 * failure the host found, e.g. in the console log): the nested plan grows
 * by one, the family's result becomes "not ok".  Returns -1 when the KTAP
 * has no nested plan line to extend.
 */
int ktap_add_failure(struct ktap_family *kf, const char *test,
		     const char *reason)
{
	struct strbuf out = { 0 };
	const char *p = kf->ktap.buf, *line;
	bool planned = false;
	size_t n;
	long plan = 0;

	if (!kf->done || !p)
		return -1;
	while (next_line(&p, &line, &n)) {
		if (!planned && has_prefix(line, n, NEST "1..")) {
			plan = atol(line + strlen(NEST "1.."));
			sb_addf(&out, NEST "1..%ld\n", plan + 1);
			planned = true;
			continue;
		}
		if (has_prefix(line, n, "ok 1 ") ||
		    has_prefix(line, n, "not ok 1 ")) {
			sb_addf(&out, NEST "# reason: %s\n", reason);
			sb_addf(&out, NEST "not ok %ld %s\n", plan + 1, test);
			sb_adds(&out, "not ok 1 ");
			sb_adds(&out, line + (line[0] == 'o' ? 5 : 9));
			sb_addc(&out, '\n');
			continue;
		}
		sb_add(&out, line, n);
		sb_addc(&out, '\n');
	}
	if (!planned) {
		sb_free(&out);
		return -1;
	}
	sb_free(&kf->ktap);
	kf->ktap = out;
	if (kf->ok || !kf->reason) {
		free(kf->reason);
		kf->reason = xasprintf("%s: %s", test, reason);
	}
	kf->ok = false;
	return 0;
}

/*
 * A standalone per-family KTAP file (as ktap_family_parse() writes it):
 * its nested subtests, each with the diagnostics printed before it.
 */
void ktap_suite_parse(const char *ktap, struct ktap_suite *s)
{
	const char *p = ktap, *line, *rest;
	struct strbuf diag = { 0 };
	size_t n, rn;
	bool ok;

	memset(s, 0, sizeof(*s));
	while (next_line(&p, &line, &n)) {
		if (has_prefix(line, n, NEST "# ") &&
		    !has_prefix(line, n, NEST "# Subtest: ")) {
			sb_add(&diag, line + 6, n - 6);
			sb_addc(&diag, '\n');
			continue;
		}
		if (line[0] == '#' && !s->seconds[0]) {
			/* "# NAME: cycles=N seconds=S" */
			const char *k = memmem(line, n, " seconds=", 9);
			size_t i = 0;

			if (k) {
				k += 9;
				while (i + 1 < sizeof(s->seconds) &&
				       k + i < line + n &&
				       (isdigit((unsigned char)k[i]) ||
					k[i] == '.')) {
					s->seconds[i] = k[i];
					i++;
				}
				s->seconds[i] = '\0';
			}
			continue;
		}
		if (!has_prefix(line, n, NEST) || n < 4 ||
		    !result_line(line + 4, n - 4, &ok, &rest, &rn))
			continue;
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 8;
			s->c = xrealloc(s->c, s->cap * sizeof(*s->c));
		}
		{
			struct ktap_case *c = &s->c[s->n++];
			const char *sk = memmem(rest, rn, " # SKIP", 7);

			c->ok = ok;
			c->skip = sk != NULL;
			c->name = xstrndup(rest, sk ? (size_t)(sk - rest) : rn);
			c->diag = diag.buf ? diag.buf : xstrdup("");
			memset(&diag, 0, sizeof(diag));
		}
	}
	sb_free(&diag);
}

void ktap_suite_free(struct ktap_suite *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		free(s->c[i].name);
		free(s->c[i].diag);
	}
	free(s->c);
	memset(s, 0, sizeof(*s));
}
