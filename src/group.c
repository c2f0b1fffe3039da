// SPDX-License-Identifier: GPL-2.0
/*
 * group.c - which files the rules see together.
 *
 * A group is the set of files of one directory that spatch is given in one
 * --file-groups entry, so a method table, its methods and its struct type
 * living in different files of one module are matched together.
 *
 * convert: a directory with a file that has a keyword of a patch rule is a
 * module under conversion.  Its group is every file of the directory with a
 * keyword of any rule (the seeds), every other file of the directory that
 * names a file-scope function of a seed (a table of the seed's methods),
 * and the directory's headers those files #define _GNU_SOURCE
#include "...".  GNU initializers
 * are therefore converted only where the conversion works, and a firmware
 * array or a broken file next to a driver stays out of its way.
 * Elsewhere the group is the directory's seeds of the report rules.
 *
 * audit: the directory's seeds of the report rules.
 *
 * Groups are dealt into batches (one spatch process per rule per batch)
 * in directory order by size alone, so what a process sees never depends
 * on -j or on the order files were found in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"

static bool usable(const struct sfile *f)
{
	return (f->flags & (F_C | F_H)) &&
	       !(f->flags & (F_BINARY | F_SYMLINK | F_BADNAME | F_AUX));
}

static bool any_rule(const struct ruleset *rs, const struct sfile *f,
		     int mode)
{
	int i;

	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->r[i];

		if (mode >= 0 && (int)r->mode != mode)
			continue;
		if (rule_is_star(r))
			continue;
		if (rule_matches(r, f->kw))
			return true;
	}
	return false;
}

static bool has_star_report(const struct ruleset *rs)
{
	int i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].mode == MODE_REPORT && rule_is_star(&rs->r[i]))
			return true;
	return false;
}

static int find_rel(const struct tree *t, int lo, int hi, const char *rel)
{
	int i;

	for (i = lo; i < hi; i++)
		if (!strcmp(t->f[i].rel, rel))
			return i;
	return -1;
}

static void add_group(struct groups *gs, struct tree *t, int dir,
		      bool module, int *idx, int n)
{
	struct group *g;
	int i;

	if (!n)
		return;
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? gs->cap * 2 : 64;
		gs->v = xrealloc(gs->v, gs->cap * sizeof(*gs->v));
	}
	g = &gs->v[gs->n];
	memset(g, 0, sizeof(*g));
	g->dir = dir;
	g->module = module;
	g->files = xcalloc(n, sizeof(int));
	for (i = 0; i < n; i++) {
		g->files[g->nfiles++] = idx[i];
		t->f[idx[i]].group = gs->n;
		t->f[idx[i]].selected = true;
		g->bytes += t->f[idx[i]].size;
	}
	gs->n++;
}

/* ---- a module directory split into its independent parts ---- */
#define HUB 4	/* a function or header used by more files links nothing */

static int uf_find(int *up, int x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

static void uf_join(int *up, int a, int b)
{
	a = uf_find(up, a);
	b = uf_find(up, b);
	if (a != b) {
		if (a < b)
			up[b] = a;
		else
			up[a] = b;
	}
}

/*
 * Files of one directory are linked when one uses, as a value, a function
 * only the other defines (a table and its methods), or includes the other
 * (a header); a function or a header that more than HUB files use is a
 * library, and a file that uses functions of more than HUB others (a
 * probe table such as drivers/net/Space.c) is a registry: neither links.  Each set of linked files is a group; a group with
 * no file that has a patch rule's keyword is dropped.  On a directory of
 * unrelated drivers (drivers/net) this gives one small group per driver.
 */
static void split_components(struct groups *gs, struct tree *t,
			     const struct ruleset *rs, int dir, int *idx,
			     int n)
{
	struct strvec names = { 0 };
	int *owner, *users, *incs, *up = xcalloc(n, sizeof(int));
	bool **uses = xcalloc(n, sizeof(bool *));
	int *comp = xcalloc(n, sizeof(int)), i, j, k;

	for (i = 0; i < n; i++) {
		up[i] = i;
		for (j = 0; j < t->f[idx[i]].defs.n; j++) {
			const char *d = t->f[idx[i]].defs.v[j];
			int x = sv_find(&names, d);

			if (x < 0)
				sv_push(&names, xstrdup(d));
		}
	}
	owner = xcalloc(names.n ? names.n : 1, sizeof(int));
	users = xcalloc(names.n ? names.n : 1, sizeof(int));
	for (k = 0; k < names.n; k++)
		owner[k] = -1;
	for (i = 0; i < n; i++)
		for (j = 0; j < t->f[idx[i]].defs.n; j++) {
			k = sv_find(&names, t->f[idx[i]].defs.v[j]);
			owner[k] = owner[k] == -1 ? i : -2;	/* -2: several */
		}
	for (i = 0; i < n; i++) {
		char *p = path_join(t->root, t->f[idx[i]].rel), *buf;
		size_t len;

		uses[i] = xcalloc(names.n ? names.n : 1, sizeof(bool));
		if (!read_file(p, &buf, &len)) {
			scan_uses(buf, len, &names, uses[i]);
			free(buf);
		}
		free(p);
		for (k = 0; k < names.n; k++)
			if (uses[i][k] && owner[k] >= 0 && owner[k] != i)
				users[k]++;
	}
	for (i = 0; i < n; i++) {
		int *to = xcalloc(n, sizeof(int)), nto = 0;

		for (k = 0; k < names.n; k++)
			if (uses[i][k] && owner[k] >= 0 && owner[k] != i &&
			    users[k] <= HUB && !to[owner[k]]) {
				to[owner[k]] = 1;
				nto++;
			}
		/* a file that uses functions of many (drivers/net/Space.c) */
		for (k = 0; k < n && nto <= HUB; k++)
			if (to[k])
				uf_join(up, i, k);
		free(to);
	}
	/* headers: included by at most HUB of the files */
	incs = xcalloc(n, sizeof(int));
	for (k = 0; k < 2; k++) {
		for (i = 0; i < n; i++) {
			char *d = dir_of(t->f[idx[i]].rel);

			for (j = 0; j < t->f[idx[i]].incs.n; j++) {
				char *h = path_join(d, t->f[idx[i]].incs.v[j]);
				int x;

				for (x = 0; x < n; x++)
					if (x != i && !strcmp(t->f[idx[x]].rel, h))
						break;
				if (x < n && !k)
					incs[x]++;
				else if (x < n && incs[x] <= HUB)
					uf_join(up, i, x);
				free(h);
			}
			free(d);
		}
	}
	for (i = 0; i < n; i++)
		comp[i] = uf_find(up, i);
	for (i = 0; i < n; i++) {
		int *m = xcalloc(n, sizeof(int)), nm = 0;
		bool seed = false;

		if (comp[i] != i)
			continue;
		for (j = i; j < n; j++)
			if (comp[j] == i) {
				m[nm++] = idx[j];
				seed |= any_rule(rs, &t->f[idx[j]], MODE_PATCH);
			}
		if (seed)
			add_group(gs, t, dir, true, m, nm);
		free(m);
	}
	for (i = 0; i < n; i++)
		free(uses[i]);
	free(uses);
	free(owner);
	free(users);
	free(incs);
	free(comp);
	free(up);
	sv_free(&names);
}

/* files of one directory: [lo, hi) of the sorted file array */
static void group_dir(struct groups *gs, struct tree *t,
		      const struct ruleset *rs, bool audit, int lo, int hi,
		      int dir)
{
	int *idx = xcalloc(hi - lo, sizeof(int)), n = 0, i, j, k;
	bool *in = xcalloc(hi - lo, sizeof(bool));
	bool module = false, star = audit && has_star_report(rs);
	struct strvec defs = { 0 };

	for (i = lo; i < hi; i++) {
		if (!usable(&t->f[i]))
			continue;
		if (audit ? star || any_rule(rs, &t->f[i], MODE_REPORT) :
			    any_rule(rs, &t->f[i], MODE_PATCH))
			in[i - lo] = true;
	}
	for (i = lo; i < hi && !audit; i++)
		module |= in[i - lo];
	if (module) {
		/*
		 * Functions the seeds define that no other file of the
		 * directory defines too (every 2.4 module has its own
		 * init_module: that links nothing).
		 */
		struct strvec multi = { 0 }, all = { 0 };

		for (i = lo; i < hi; i++) {
			if (!usable(&t->f[i]))
				continue;
			for (j = 0; j < t->f[i].defs.n; j++) {
				const char *d = t->f[i].defs.v[j];

				if (sv_find(&all, d) < 0)
					sv_push(&all, xstrdup(d));
				else if (sv_find(&multi, d) < 0)
					sv_push(&multi, xstrdup(d));
			}
		}
		for (i = lo; i < hi; i++) {
			if (!in[i - lo])
				continue;
			for (j = 0; j < t->f[i].defs.n; j++)
				if (sv_find(&multi, t->f[i].defs.v[j]) < 0 &&
				    sv_find(&defs, t->f[i].defs.v[j]) < 0)
					sv_push(&defs,
						xstrdup(t->f[i].defs.v[j]));
		}
		sv_free(&multi);
		sv_free(&all);
		/* the .c files that name one: they hold the seeds' tables */
		for (i = lo; i < hi; i++) {
			char *p, *buf;
			size_t len;

			if (in[i - lo] || !usable(&t->f[i]) ||
			    !(t->f[i].flags & F_C) || !defs.n)
				continue;
			p = path_join(t->root, t->f[i].rel);
			if (!read_file(p, &buf, &len)) {
				in[i - lo] = scan_mentions(buf, len, &defs);
				free(buf);
			}
			free(p);
		}
		/*
		 * Headers of the directory named by #include "..." that
		 * declare an owner type (a firmware header stays out).
		 */
		for (k = 0; k < 4; k++) {
			bool more = false;

			for (i = lo; i < hi; i++) {
				char *d;

				if (!in[i - lo])
					continue;
				d = dir_of(t->f[i].rel);
				for (j = 0; j < t->f[i].incs.n; j++) {
					char *h = path_join(d, t->f[i].incs.v[j]);
					int x = find_rel(t, lo, hi, h);

					if (x >= 0 && !in[x - lo] &&
					    usable(&t->f[x]) &&
					    (t->f[x].flags & F_OWNERS)) {
						in[x - lo] = true;
						more = true;
					}
					free(h);
				}
				free(d);
			}
			if (!more)
				break;
		}
	}
	for (i = lo; i < hi; i++)
		if (in[i - lo])
			idx[n++] = i;
	if (module && n > 1)
		split_components(gs, t, rs, dir, idx, n);
	else
		add_group(gs, t, dir, module, idx, n);
	sv_free(&defs);
	free(idx);
	free(in);
}

void groups_build(struct groups *gs, struct tree *t, const struct ruleset *rs,
		  bool audit)
{
	int i = 0, lo;

	memset(gs, 0, sizeof(*gs));
	while (i < t->nf) {
		char *d = dir_of(t->f[i].rel), *d2;

		lo = i;
		for (i++; i < t->nf; i++) {
			d2 = dir_of(t->f[i].rel);
			if (strcmp(d, d2)) {
				free(d2);
				break;
			}
			free(d2);
		}
		sv_push(&t->dirs, d);
		for (int k = lo; k < i; k++)
			t->f[k].dir = t->dirs.n - 1;
		group_dir(gs, t, rs, audit, lo, i, t->dirs.n - 1);
	}
}

/*
 * Consecutive groups up to about `target` bytes per batch; a group larger
 * than that is a batch of its own.
 */
void batches_build(struct groups *gs, long long target, int maxgroups)
{
	long long cur = 0;
	int i, nb = 0, ing = 0;

	for (i = 0; i < gs->n; i++) {
		if (ing && (cur + gs->v[i].bytes > target || ing >= maxgroups)) {
			nb++;
			cur = 0;
			ing = 0;
		}
		gs->v[i].batch = nb;
		cur += gs->v[i].bytes;
		ing++;
	}
	gs->nbatches = gs->n ? nb + 1 : 0;
}
