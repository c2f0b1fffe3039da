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
 * every .c file that calls a seed's counting function and defines, not
 * static, one the seed names as a value (a method calling the seed's
 * counting helper) when every other caller of the function joins too,
 * and the directory's headers those files #include "...".  GNU initializers
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

/* f has what the // Needs: line l asks for (one of its or-ed tokens) */
bool needs_line_hit(const struct kwline *l, const struct sfile *f)
{
	int j;

	if ((l->table && f->otable) || (l->gnu_init && (f->flags & F_GNU_INIT)) ||
	    (l->legacy_define && (f->flags & F_LEGACY_DEFINE)) ||
	    (l->void_take && (f->flags & F_VOID_TAKE)))
		return true;
	for (j = 0; j < l->nkw; j++)
		if (kw_has(f->kw, l->kw[j]))
			return true;
	return false;
}

/* f meets every // Needs: line of r */
bool file_needs(const struct rule *r, const struct sfile *f)
{
	int i;

	for (i = 0; i < r->nneeds; i++)
		if (!needs_line_hit(&r->needs[i], f))
			return false;
	return true;
}

/*
 * audit: f seeds a report rule.  A rule with // Needs: seeds only the
 * files that have them; unless it has // Scope: function, the files such a
 * seed draws on join it (*needy, audit_links()).  The seeds of a rule with
 * neither (*plain) see the whole directory's seeds together, as before.
 */
static bool audit_seed(const struct ruleset *rs, const struct sfile *f,
		       bool *needy, bool *plain)
{
	bool seed = false;
	int i;

	*needy = false;
	*plain = false;
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->r[i];

		if (r->mode != MODE_REPORT || rule_is_star(r) ||
		    !rule_matches(r, f->kw) || !file_needs(r, f))
			continue;
		seed = true;
		if (r->nneeds && !r->fscope)
			*needy = true;
		else if (!r->fscope)
			*plain = true;
	}
	return seed;
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

static bool read_src(const struct tree *t, const struct sfile *f, char **buf,
		     size_t *len)
{
	char *p = path_join(t->root, f->rel);
	bool ok = !read_file(p, buf, len);

	free(p);
	return ok;
}

/* name -> the files (indexes from lo) that define it */
struct defmap {
	struct strvec names;
	int **who;
	int *nwho;
};

static void defmap_add(struct defmap *m, const char *name, int x)
{
	int k = sv_find(&m->names, name);

	if (k < 0) {
		sv_push(&m->names, xstrdup(name));
		k = m->names.n - 1;
		m->who = xrealloc(m->who, m->names.n * sizeof(*m->who));
		m->nwho = xrealloc(m->nwho, m->names.n * sizeof(*m->nwho));
		m->who[k] = NULL;
		m->nwho[k] = 0;
	}
	if (m->nwho[k] && m->who[k][m->nwho[k] - 1] == x)
		return;
	m->who[k] = xrealloc(m->who[k], (m->nwho[k] + 1) * sizeof(int));
	m->who[k][m->nwho[k]++] = x;
}

static void defmap_free(struct defmap *m)
{
	int k;

	for (k = 0; k < m->names.n; k++)
		free(m->who[k]);
	free(m->who);
	free(m->nwho);
	sv_free(&m->names);
}

static bool defines(const struct sfile *f, const char *name)
{
	return sv_find(&f->defs, name) >= 0;
}

static bool holds_table(const struct sfile *f, const char *name)
{
	int i;

	for (i = 0; i < f->tables.n; i++) {
		const char *nm = strchr(f->tables.v[i], ' ');

		if (nm && !strcmp(nm + 1, name))
			return true;
	}
	return false;
}

/*
 * audit, a directory with files that seed a rule with // Needs: (needy[]):
 * which of the directory's keyword files (cand[]) such a seed draws on,
 * as links in up[] (indexes from lo).  A seed is linked to the files that
 * define a function it names as a value and does not define (the methods
 * of its table; a function more than HUB files name is a library and
 * links nothing, as in split_components()).  A file is linked to the
 * seeds that define a function or hold a table it names as a value and
 * does not define or hold itself (module_init(fn), a table of their
 * methods, debugfs_create_file(..., &their_fops)).  A part with a seed of
 * such a rule and no file with the rule's Keywords (module_init ...:
 * "modular") is linked to the first file that has them.  Linked files
 * join the seeds' group; the directory's other files, which such a rule
 * does not draw on, stay out of it (still copied: see group_dir()).
 */
static void audit_links(struct tree *t, const struct ruleset *rs, int lo,
			int hi, bool *in, const bool *needy, const bool *cand,
			int *up)
{
	struct defmap mine = { 0 }, all = { 0 };
	int i, j, k, r, n = hi - lo;
	char *buf;
	size_t len;

	for (i = lo; i < hi; i++) {
		if (!cand[i - lo])
			continue;
		for (j = 0; j < t->f[i].defs.n; j++) {
			defmap_add(&all, t->f[i].defs.v[j], i - lo);
			if (needy[i - lo])
				defmap_add(&mine, t->f[i].defs.v[j], i - lo);
		}
		for (j = 0; needy[i - lo] && j < t->f[i].tables.n; j++) {
			const char *nm = strchr(t->f[i].tables.v[j], ' ');

			if (nm)
				defmap_add(&mine, nm + 1, i - lo);
		}
	}
	bool **uses_a = xcalloc(n ? n : 1, sizeof(bool *));
	bool **uses_m = xcalloc(n ? n : 1, sizeof(bool *));
	int *nuse = xcalloc(all.names.n ? all.names.n : 1, sizeof(int));

	for (i = lo; i < hi; i++) {
		bool *ua = NULL, *um = NULL;

		if (!cand[i - lo] || !read_src(t, &t->f[i], &buf, &len))
			continue;
		if (needy[i - lo] && all.names.n) {
			ua = xcalloc(all.names.n, sizeof(bool));
			scan_uses(buf, len, &all.names, ua);
		}
		if (mine.names.n) {
			um = xcalloc(mine.names.n, sizeof(bool));
			scan_uses(buf, len, &mine.names, um);
		}
		free(buf);
		uses_a[i - lo] = ua;
		uses_m[i - lo] = um;
		for (k = 0; ua && k < all.names.n; k++)
			nuse[k] += ua[k] && !defines(&t->f[i], all.names.v[k]);
	}
	for (i = 0; i < n; i++) {
		bool *ua = uses_a[i], *um = uses_m[i];

		/* a library function (used by more than HUB files) links nothing */
		for (k = 0; ua && k < all.names.n; k++)
			if (ua[k] && nuse[k] <= HUB &&
			    !defines(&t->f[lo + i], all.names.v[k]))
				for (j = 0; j < all.nwho[k]; j++)
					uf_join(up, i, all.who[k][j]);
		/* a name the file defines itself is its own */
		for (k = 0; um && k < mine.names.n; k++)
			for (j = 0; um[k] && j < mine.nwho[k]; j++)
				if (mine.who[k][j] != i &&
				    !defines(&t->f[lo + i], mine.names.v[k]) &&
				    !holds_table(&t->f[lo + i], mine.names.v[k]))
					uf_join(up, i, mine.who[k][j]);
		free(ua);
		free(um);
	}
	free(uses_a);
	free(uses_m);
	free(nuse);
	for (r = 0; r < rs->n; r++) {
		const struct rule *ru = &rs->r[r];

		if (ru->mode != MODE_REPORT || !ru->nneeds || ru->fscope ||
		    rule_is_star(ru))
			continue;
		for (i = 0; i < n; i++) {
			int root = uf_find(up, i), w = -1;
			bool kw = false;

			if (!needy[i] || !rule_matches(ru, t->f[lo + i].kw) ||
			    !file_needs(ru, &t->f[lo + i]))
				continue;
			for (j = 0; j < n && !kw; j++) {
				if (!cand[j] || !rule_matches(ru, t->f[lo + j].kw))
					continue;
				if (uf_find(up, j) == root)
					kw = true;
				else if (w < 0)
					w = j;
			}
			if (!kw && w >= 0)
				uf_join(up, i, w);
		}
	}
	/* what is linked to a seed joins */
	for (k = 0; k < 2; k++)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (in[j] && cand[i] && !in[i] &&
				    uf_find(up, i) == uf_find(up, j))
					in[i] = true;
	defmap_free(&mine);
	defmap_free(&all);
}

/* file x names one of names as a value */
static bool file_mentions(const struct tree *t, int x,
			  const struct strvec *names)
{
	char *p = path_join(t->root, t->f[x].rel), *buf;
	size_t len;
	bool r = false;

	if (!read_file(p, &buf, &len)) {
		r = scan_mentions(buf, len, names);
		free(buf);
	}
	free(p);
	return r;
}

/*
 * x (not in the group) calls the counting functions cnt->v[k] for which
 * called[k] is set (scan_calls() on x's text); cnt_of[k] is the file that
 * defines cnt->v[k].  Does one of those files, a C file of the group, name
 * a function x defines, not static, as a value (hold it in a table)?  A
 * static function of the same name is another file's own (module_init(init)
 * in netfilter's modules).
 */
static bool holds_methods_of(const struct tree *t, int lo, const bool *in,
			     int x, const struct strvec *multi,
			     const struct strvec *cnt, const int *cnt_of,
			     const bool *called)
{
	struct strvec mine = { 0 };
	bool r = false;
	int j, k;

	for (j = 0; j < t->f[x].defs.n; j++)
		if (sv_find(multi, t->f[x].defs.v[j]) < 0 &&
		    sv_find(&t->f[x].statics, t->f[x].defs.v[j]) < 0)
			sv_push(&mine, xstrdup(t->f[x].defs.v[j]));
	for (k = 0; k < cnt->n && mine.n && !r; k++) {
		int i = cnt_of[k];

		/* one look at each file: its first called function */
		for (j = 0; j < k; j++)
			if (called[j] && cnt_of[j] == i)
				break;
		if (!called[k] || j < k || !in[i - lo] ||
		    !(t->f[i].flags & F_C))
			continue;
		r = file_mentions(t, i, &mine);
	}
	sv_free(&mine);
	return r;
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

	bool *needy = xcalloc(hi - lo, sizeof(bool));
	bool *cand = xcalloc(hi - lo, sizeof(bool));
	bool anyneedy = false, parts = audit && !star;
	int *up = xcalloc(hi - lo, sizeof(int)), plain0 = -1;
	bool *joins = xcalloc(hi - lo, sizeof(bool));

	for (i = 0; i < hi - lo; i++)
		up[i] = i;

	for (i = lo; i < hi; i++) {
		if (!usable(&t->f[i]))
			continue;
		if (audit && !star) {
			cand[i - lo] = any_rule(rs, &t->f[i], MODE_REPORT);
			bool plain;

			in[i - lo] = cand[i - lo] &&
				     audit_seed(rs, &t->f[i], &needy[i - lo],
						&plain);
			anyneedy |= needy[i - lo];
			/* one part for all the directory's plain seeds */
			if (in[i - lo] && plain && plain0 < 0)
				plain0 = i - lo;
			else if (in[i - lo] && plain)
				uf_join(up, plain0, i - lo);
		} else if (audit ? star : any_rule(rs, &t->f[i], MODE_PATCH)) {
			in[i - lo] = true;
		}
	}
	if (anyneedy)
		audit_links(t, rs, lo, hi, in, needy, cand, up);
	free(needy);
	for (i = lo; i < hi && !audit; i++)
		module |= in[i - lo];
	if (module) {
		/*
		 * Functions the seeds define that no other file of the
		 * directory defines too (every 2.4 module has its own
		 * init_module: that links nothing).
		 */
		struct strvec multi = { 0 }, all = { 0 }, cnt = { 0 };
		bool **called = xcalloc(hi - lo, sizeof(bool *)), more;
		int *cnt_of = NULL;

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
		sv_free(&all);
		/*
		 * The functions of the directory's C files whose body counts
		 * (MOD_INC/DEC_USE_COUNT) that no other file defines, and the
		 * file of each.
		 */
		for (i = lo; i < hi; i++)
			for (j = 0; usable(&t->f[i]) && (t->f[i].flags & F_C) &&
				    j < t->f[i].counting.n; j++)
				if (sv_find(&multi, t->f[i].counting.v[j]) < 0) {
					sv_push(&cnt,
						xstrdup(t->f[i].counting.v[j]));
					cnt_of = xrealloc(cnt_of, cnt.n *
							  sizeof(int));
					cnt_of[cnt.n - 1] = i;
				}
		/*
		 * The .c files that name one: they hold the seeds' tables.
		 * Of the others, which counting functions each calls.
		 */
		for (i = lo; i < hi; i++) {
			char *p, *buf;
			size_t len;

			if (in[i - lo] || !usable(&t->f[i]) ||
			    !(t->f[i].flags & F_C) || !defs.n)
				continue;
			p = path_join(t->root, t->f[i].rel);
			if (!read_file(p, &buf, &len)) {
				in[i - lo] = scan_mentions(buf, len, &defs);
				if (!in[i - lo] && cnt.n) {
					called[i - lo] = xcalloc(cnt.n,
								 sizeof(bool));
					if (!scan_calls(buf, len, &cnt,
							called[i - lo])) {
						free(called[i - lo]);
						called[i - lo] = NULL;
					}
				}
				free(buf);
			}
			free(p);
		}
		/*
		 * The .c files that call a counting function of the seeds
		 * and define one the seeds name as a value: they hold methods
		 * of the seeds' tables that call the seeds' counting helpers
		 * (rio's riotty.c: riotopen, rio_driver's open, calls
		 * rio_inc_mod_count()).  owner_table judges the helpers on
		 * the callers it sees: a file joins only when every other
		 * file that calls a counting function it calls joins too
		 * (tubfs.c calls tub_inc_use_count() and holds no method of
		 * tuball.c's: tubtty.c stays out as well).
		 */
		for (i = lo; i < hi; i++)
			joins[i - lo] = called[i - lo] &&
					holds_methods_of(t, lo, in, i, &multi,
							 &cnt, cnt_of,
							 called[i - lo]);
		for (more = true; more;) {
			more = false;
			for (k = 0; k < cnt.n; k++) {
				bool out = false;

				for (i = lo; i < hi && !out; i++)
					out = called[i - lo] &&
					      called[i - lo][k] &&
					      !joins[i - lo];
				for (i = lo; i < hi && out; i++)
					if (called[i - lo] &&
					    called[i - lo][k] &&
					    joins[i - lo]) {
						joins[i - lo] = false;
						more = true;
					}
			}
		}
		for (i = lo; i < hi; i++) {
			in[i - lo] |= joins[i - lo];
			free(called[i - lo]);
		}
		sv_free(&cnt);
		free(cnt_of);
		free(called);
		sv_free(&multi);
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
	if (module && n > 1) {
		split_components(gs, t, rs, dir, idx, n);
	} else {
		int g0 = gs->n;

		if (parts) {
			/* audit: one group per linked part (audit_links()) */
			int *m = xcalloc(n ? n : 1, sizeof(int)), nm;

			for (i = 0; i < n; i++) {
				int root = uf_find(up, idx[i] - lo);

				for (j = 0; j < i; j++)
					if (uf_find(up, idx[j] - lo) == root)
						break;
				if (j < i)
					continue;
				for (nm = 0, j = i; j < n; j++)
					if (uf_find(up, idx[j] - lo) == root)
						m[nm++] = idx[j];
				add_group(gs, t, dir, false, m, nm);
			}
			free(m);
		} else {
			add_group(gs, t, dir, module, idx, n);
		}
		/*
		 * The directory's other keyword files are still copied: a
		 * rule that lists the directory (dir_has()) sees what it
		 * saw when they were given too.
		 */
		for (i = lo; i < hi && gs->n > g0; i++) {
			struct group *gr = &gs->v[g0];

			if (!cand[i - lo] || in[i - lo])
				continue;
			gr->extra = xrealloc(gr->extra, (gr->nextra + 1) *
					     sizeof(int));
			gr->extra[gr->nextra++] = i;
		}
	}
	free(cand);
	free(joins);
	free(up);
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
