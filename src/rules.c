// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - read the rules' headers.
 *
 * Each semantic-patches/<rule>.cocci carries, in kernel scripts/coccinelle
 * style comment lines:
 *   // Mode: patch|report
 *   // Order: N
 *   // Keywords: TOK TOK ...   (several lines are and-ed, "*": every file)
 *   // Needs: TOK ->TOK ... <owner-table>   (lines and-ed, tokens or-ed, over the
 *              files of a group: the rule runs on a group only when some
 *              file has one; ->TOK: TOK after "->"; <owner-table>: a
 *              table of an owner type without .owner, see scan.c;
 *              <gnu-init>: a GNU `field: value` designator, see scan.c;
 *              <legacy-define>: a #define whose body names a legacy name;
 *              <void-take>: __MOD_INC_USE_COUNT( in the body of a
 *              static void function)
 *   // Scope: function        a finding depends on one function's text
 *              alone (audit: a seed draws on no other file)
 *   // Reports: changed       a patch rule whose report mode says what made
 *              its change: its report call also gets the groups whose
 *              files it changed, when none of its keywords is left there
 *   // Options: spatch options
 *   // Confidence: ...
 *   /// the description, used in the patches' commit messages
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modref.h"

/* ---- keyword table: a small open-addressing hash ---- */
#define KW_HASH 1024
static char *kw_names[KW_MAX];
static int kw_n;
static short kw_slot[KW_HASH];	/* id + 1, 0: empty */

static unsigned int kw_hash(const char *s, size_t n)
{
	unsigned int h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int kw_lookup(const char *name, size_t len)
{
	unsigned int h = kw_hash(name, len) % KW_HASH;
	int id;

	while (kw_slot[h]) {
		id = kw_slot[h] - 1;
		if (strlen(kw_names[id]) == len &&
		    !memcmp(kw_names[id], name, len))
			return id;
		h = (h + 1) % KW_HASH;
	}
	return -1;
}

int kw_intern(const char *name, size_t len)
{
	unsigned int h;
	int id = kw_lookup(name, len);

	if (id >= 0)
		return id;
	if (kw_n >= KW_MAX)
		return -1;
	h = kw_hash(name, len) % KW_HASH;
	while (kw_slot[h])
		h = (h + 1) % KW_HASH;
	kw_names[kw_n] = xstrndup(name, len);
	kw_slot[h] = kw_n + 1;
	return kw_n++;
}

static bool kw_legacy[KW_MAX];

void kw_mark_legacy(int id)
{
	if (id >= 0)
		kw_legacy[id] = true;
}

bool kw_is_legacy(int id)
{
	return id >= 0 && kw_legacy[id];
}

int kw_count(void)
{
	return kw_n;
}

const char *kw_name(int id)
{
	return kw_names[id];
}

/* ---- headers ---- */
static bool is_ident(const char *s, size_t n)
{
	size_t i;

	if (!n || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
		    (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* "// Key:" at the start of line; returns the value or NULL */
static const char *header_value(const char *line, const char *key)
{
	size_t k = strlen(key);

	if (strncmp(line, "//", 2) || line[2] == '/')
		return NULL;
	line += 2;
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, key, k) || line[k] != ':')
		return NULL;
	line += k + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

static void split_words(const char *s, struct strvec *out)
{
	const char *b;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s)
			break;
		b = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r')
			s++;
		sv_push(out, xstrndup(b, s - b));
	}
}

int rule_parse_header(struct rule *r, const char *text, char *err,
		      size_t errlen)
{
	const char *p = text, *e, *v, *vm, *vo, *vk, *vp, *vc, *vn;
	struct strbuf sum = { 0 };
	bool have_mode = false, have_order = false, have_opts = false;
	char *line;
	int i;

	r->nlines = 0;
	r->lines = NULL;
	r->nneeds = 0;
	r->needs = NULL;
	r->fscope = false;
	r->rchanged = false;
	while (*p) {
		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		line = xstrndup(p, e - p);
		p = *e ? e + 1 : e;
		vm = header_value(line, "Mode");
		vo = header_value(line, "Order");
		vk = header_value(line, "Keywords");
		vp = header_value(line, "Options");
		vc = header_value(line, "Confidence");
		vn = header_value(line, "Needs");
		if (header_value(line, "Scope"))
			r->fscope = !strncmp(header_value(line, "Scope"),
					     "function", 8);
		if (header_value(line, "Reports"))
			r->rchanged = !strncmp(header_value(line, "Reports"),
					       "changed", 7);
		if (!strncmp(line, "///", 3)) {
			const char *t = line + 3;

			if (*t == ' ' || *t == '\t')
				t++;
			sb_adds(&sum, t);
			sb_addc(&sum, '\n');
		} else if (vm && !have_mode) {
			v = vm;
			if (!strncmp(v, "patch", 5) && !v[5 + strspn(v + 5, " \t\r")])
				r->mode = MODE_PATCH;
			else if (!strncmp(v, "report", 6) &&
				 !v[6 + strspn(v + 6, " \t\r")])
				r->mode = MODE_REPORT;
			else {
				snprintf(err, errlen,
					 "// Mode: must be patch or report, not \"%s\"",
					 v);
				free(line);
				sb_free(&sum);
				return -1;
			}
			have_mode = true;
		} else if (vo && !have_order) {
			char *end;

			v = vo;
			r->order = (int)strtol(v, &end, 10);
			if (end == v || end[strspn(end, " \t\r")]) {
				snprintf(err, errlen,
					 "// Order: not a number: \"%s\"", v);
				free(line);
				sb_free(&sum);
				return -1;
			}
			have_order = true;
		} else if (vk || vn) {
			struct strvec w = { 0 };
			struct kwline kl = { 0 };
			const char *key = vk ? "Keywords" : "Needs";

			v = vk ? vk : vn;
			split_words(v, &w);
			if (!w.n) {
				snprintf(err, errlen, "// %s: empty", key);
				free(line);
				sv_free(&w);
				sb_free(&sum);
				return -1;
			}
			kl.kw = xcalloc(w.n, sizeof(int));
			for (i = 0; i < w.n; i++) {
				if (vk && !strcmp(w.v[i], "*")) {
					kl.star = true;
					continue;
				}
				if (vn && !strcmp(w.v[i], NEEDS_TABLE)) {
					kl.table = true;
					continue;
				}
				if (vn && !strcmp(w.v[i], NEEDS_GNU_INIT)) {
					kl.gnu_init = true;
					continue;
				}
				if (vn && !strcmp(w.v[i], NEEDS_LEGACY_DEFINE)) {
					kl.legacy_define = true;
					continue;
				}
				if (vn && !strcmp(w.v[i], NEEDS_VOID_TAKE)) {
					kl.void_take = true;
					continue;
				}
				if (!is_ident(w.v[i], strlen(w.v[i])) &&
				    !(vn && !strncmp(w.v[i], "->", 2) &&
				      is_ident(w.v[i] + 2, strlen(w.v[i]) - 2))) {
					snprintf(err, errlen,
						 "// %s: \"%s\" is not an identifier",
						 key, w.v[i]);
					free(line);
					sv_free(&w);
					free(kl.kw);
					sb_free(&sum);
					return -1;
				}
				kl.kw[kl.nkw] = kw_intern(w.v[i], strlen(w.v[i]));
				if (kl.kw[kl.nkw] < 0) {
					snprintf(err, errlen, "too many keywords");
					free(line);
					sv_free(&w);
					free(kl.kw);
					sb_free(&sum);
					return -1;
				}
				kl.nkw++;
			}
			sv_free(&w);
			if (vn) {
				r->needs = xrealloc(r->needs, (r->nneeds + 1) *
						    sizeof(*r->needs));
				r->needs[r->nneeds++] = kl;
			} else {
				r->lines = xrealloc(r->lines, (r->nlines + 1) *
						    sizeof(*r->lines));
				r->lines[r->nlines++] = kl;
			}
		} else if (vp && !have_opts) {
			split_words(vp, &r->opts);
			have_opts = true;
		} else if (vc && !r->confidence) {
			r->confidence = xstrdup(vc);
		}
		free(line);
	}
	r->summary = sum.buf ? sum.buf : xstrdup("");
	if (!have_mode) {
		snprintf(err, errlen, "no // Mode: line (patch or report)");
		return -1;
	}
	if (!have_order) {
		snprintf(err, errlen, "no // Order: line");
		return -1;
	}
	if (!r->nlines) {
		snprintf(err, errlen, "no // Keywords: line");
		return -1;
	}
	if (!have_opts) {
		sv_push(&r->opts, xstrdup("--no-includes"));
		sv_push(&r->opts, xstrdup("--include-headers"));
	}
	return 0;
}

bool rule_is_star(const struct rule *r)
{
	int i;

	for (i = 0; i < r->nlines; i++)
		if (!r->lines[i].star)
			return false;
	return true;
}

bool rule_matches(const struct rule *r, const uint64_t *kw)
{
	int i, j;

	for (i = 0; i < r->nlines; i++) {
		const struct kwline *l = &r->lines[i];
		bool hit = l->star;

		for (j = 0; j < l->nkw && !hit; j++)
			hit = kw_has(kw, l->kw[j]);
		if (!hit)
			return false;
	}
	return true;
}

static int cmp_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	if (x->mode != y->mode)
		return x->mode == MODE_PATCH ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Every *.cocci of dir.  Convert: all of them (patch rules in Order, then
 * the report rules in Order); audit: the report rules only.
 */
int rules_load(struct ruleset *rs, const char *dir, bool audit, char *err,
	       size_t errlen)
{
	struct strvec names = { 0 };
	struct dirent *de;
	char e2[512];
	DIR *d;
	int i;

	rs->dir = xstrdup(dir);
	rs->r = NULL;
	rs->n = 0;
	d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: no such rule directory (set MODREF_RULES)",
			 dir);
		return -1;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n > 6 && !strcmp(de->d_name + n - 6, ".cocci") &&
		    de->d_name[0] != '.')
			sv_push(&names, xstrdup(de->d_name));
	}
	closedir(d);
	sv_sort(&names);
	rs->r = xcalloc(names.n, sizeof(*rs->r));
	for (i = 0; i < names.n; i++) {
		struct rule r = { 0 };
		char *text;
		size_t len;

		r.path = path_join(dir, names.v[i]);
		r.name = xstrndup(names.v[i], strlen(names.v[i]) - 6);
		if (read_file(r.path, &text, &len)) {
			snprintf(err, errlen, "%s: not readable", r.path);
			sv_free(&names);
			return -1;
		}
		if (rule_parse_header(&r, text, e2, sizeof(e2))) {
			snprintf(err, errlen, "%s: %s", r.path, e2);
			free(text);
			sv_free(&names);
			return -1;
		}
		free(text);
		if (audit && r.mode != MODE_REPORT)
			continue;
		rs->r[rs->n++] = r;
	}
	sv_free(&names);
	if (!rs->n) {
		snprintf(err, errlen, "%s: no %srules (*.cocci with // Mode:)",
			 dir, audit ? "report " : "");
		return -1;
	}
	qsort(rs->r, rs->n, sizeof(*rs->r), cmp_rule);
	return 0;
}
