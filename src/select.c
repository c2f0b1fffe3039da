// SPDX-License-Identifier: GPL-2.0
/*
 * select.c - which rules apply to which group.
 *
 * The owner types a // Needs: <owner-table> takes (the tree's, then
 * semantic-patches/owner-types) and the files with a table of one; a
 * rule applies to a group that has not failed, when its // Needs: lines
 * and its keywords are in the group's files; audit drops the groups no
 * rule applies to; with --target 2.4 the 2.4 module core is no rule's.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "modref.h"
#include "run.h"

static void split_ws(const char *s, struct strvec *out)
{
	const char *b;

	for (;;) {
		while (*s == ' ' || *s == '\r')
			s++;
		if (!*s)
			break;
		b = s;
		while (*s && *s != ' ' && *s != '\r')
			s++;
		sv_push(out, xstrndup(b, s - b));
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The struct types a rule can take for owner types with an `owner`
 * member (ot_member() of the rules: the tree's own, then
 * semantic-patches/owner-types, whose types that lost the member count
 * only for --target 2.4): a superset, for // Needs: <owner-table>.
 */
void load_owner_set(void)
{
	char *p = path_join(g.rules_dir, "owner-types"), *buf, *l, *e;
	bool t24 = !strcmp(g.target, "2.4");
	size_t len;
	int i;

	for (i = 0; i < g.t.not; i++)
		if (!strcmp(g.t.ot[i].member, "owner"))
			sv_push(&g.owner_set, xstrdup(g.t.ot[i].type));
	if (!read_file(p, &buf, &len)) {
		for (l = buf; l < buf + len; l = e + 1) {
			struct strvec w = { 0 };
			char *line;

			e = memchr(l, '\n', buf + len - l);
			if (!e)
				e = buf + len;
			line = xstrndup(l, e - l);
			line[strcspn(line, "#")] = 0;
			for (i = 0; line[i]; i++)
				if (line[i] == '\t')
					line[i] = ' ';
			split_ws(line, &w);
			if (w.n >= 2 &&
			    (w.n < 3 || !strcmp(w.v[2], "owner")) &&
			    (w.n < 4 || t24))
				sv_push(&g.owner_set, xstrdup(w.v[0]));
			sv_free(&w);
			free(line);
		}
		free(buf);
	}
	free(p);
	if (g.owner_set.n)
		qsort(g.owner_set.v, g.owner_set.n, sizeof(char *), cmp_str);
}

/*
 * Keep of f->tables those of an owner type, less the file_operations
 * table_no_owner skips in a debugfs-only file (its debugfs_only()); true
 * when one is left.
 */
bool owner_table(struct sfile *f)
{
	int i, n = 0;

	for (i = 0; i < f->tables.n; i++) {
		char *t = xstrndup(f->tables.v[i],
				   strcspn(f->tables.v[i], " "));
		bool hit = bsearch(&t, g.owner_set.v, g.owner_set.n,
				   sizeof(char *), cmp_str);

		if ((f->flags & F_DEBUGFS) && !strcmp(t, "file_operations"))
			hit = false;
		free(t);
		if (hit)
			f->tables.v[n++] = f->tables.v[i];
		else
			free(f->tables.v[i]);
	}
	f->tables.n = n;
	return n > 0;
}

/* every // Needs: line has a token (or <owner-table>) in a file of gr */
static bool group_needs(const struct rule *r, const struct group *gr)
{
	int i, j;

	for (i = 0; i < r->nneeds; i++) {
		bool hit = false;

		for (j = 0; j < gr->nfiles && !hit; j++)
			hit = needs_line_hit(&r->needs[i], &g.t.f[gr->files[j]]);
		if (!hit)
			return false;
	}
	return true;
}

/*
 * A rule with // Scope: function needs nothing from the other files of a
 * group: it is given only the files that have its Keywords and Needs
 * (gnu_initializers, Keywords *, runs on the files with a GNU designator,
 * not on a 700 KB firmware file next to one).
 */
bool file_applies(const struct rule *r, int fi)
{
	const struct sfile *f = &g.t.f[fi];

	return file_needs(r, f) && (rule_is_star(r) || rule_matches(r, f->kw));
}

bool rule_applies(const struct rule *r, const struct group *gr)
{
	int j;

	if (gr->failed || (gr->stopped && r->mode == MODE_PATCH))
		return false;
	if (!group_needs(r, gr))
		return false;
	if (rule_is_star(r))
		return g.audit || gr->module;
	for (j = 0; j < gr->nfiles; j++)
		if (rule_matches(r, g.t.f[gr->files[j]].kw))
			return true;
	return false;
}

/*
 * audit: a group no rule applies to is given to no spatch call; it is
 * dropped before the batches are dealt, so they hold only work.
 */
void prune_groups(void)
{
	int i, j, r, n = 0;

	for (i = 0; i < g.gs.n; i++) {
		struct group *gr = &g.gs.v[i];
		bool any = false;

		for (r = 0; r < g.rs.n && !any; r++)
			any = rule_applies(&g.rs.r[r], gr);
		for (j = 0; j < gr->nfiles; j++) {
			g.t.f[gr->files[j]].group = any ? n : -1;
			g.t.f[gr->files[j]].selected = any;
		}
		if (any) {
			g.gs.v[n++] = *gr;
		} else {
			free(gr->files);
			free(gr->extra);
		}
	}
	g.gs.n = n;
}

/*
 * --target 2.4: the files the compat header's 2.4 branch is built on,
 * <linux/module.h> (the legacy API's definitions) and kernel/module.c
 * (try_inc_mod_count(), the unload lock): the 2.4 module core, which a
 * maintainer converting drivers does not rewrite.  No rule changes them.
 */
bool module_core(int fi)
{
	const char *rel = g.t.f[fi].rel;

	return !strcmp(g.target, "2.4") &&
	       (!strcmp(rel, "include/linux/module.h") ||
		!strcmp(rel, "kernel/module.c"));
}
