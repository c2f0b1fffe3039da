// SPDX-License-Identifier: GPL-2.0
/*
 * workcopy.c - the work copy of the groups' files.
 *
 * Every file gets its work name (the real name when it is safe, a mapped
 * one otherwise; workdir.c), the groups' files are copied into the work
 * tree with the build files the rules ask, and a file is copied again
 * when its group fails or is scanned again when a rule changed it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modref.h"
#include "run.h"

static int cmp_work(const void *a, const void *b)
{
	return strcmp(g.t.f[*(const int *)a].work, g.t.f[*(const int *)b].work);
}

int file_by_work(const char *w)
{
	int lo = 0, hi = g.nby - 1;

	while (lo <= hi) {
		int m = (lo + hi) / 2, c = strcmp(g.t.f[g.by_work[m]].work, w);

		if (!c)
			return g.by_work[m];
		if (c < 0)
			lo = m + 1;
		else
			hi = m - 1;
	}
	return -1;
}

void assign_work_names(void)
{
	int i, n = 0;

	for (i = 0; i < g.t.nf; i++) {
		struct sfile *f = &g.t.f[i];

		if (!name_is_patchable(f->rel))
			f->flags |= F_BADNAME;
		if (name_is_safe(f->rel)) {
			f->work = xstrdup(f->rel);
		} else {
			const char *ext = (f->flags & F_H) ? ".h" : ".c";
			char *d = dir_of(f->rel);

			if (!name_is_safe(d) || !strcmp(d, ".")) {
				free(d);
				d = xstrdup(".modref-names");
			}
			f->work = xasprintf("%s/modref-name-%d%s", d, ++n,
					    (f->flags & F_AUX) ? "" : ext);
			if (f->flags & F_AUX) {
				free(f->work);
				f->work = NULL;
			}
			f->flags |= F_MAPPED;
			free(d);
		}
	}
	g.by_work = xcalloc(g.t.nf, sizeof(int));
	for (i = n = 0; i < g.t.nf; i++)
		if (g.t.f[i].work)
			g.by_work[n++] = i;
	qsort(g.by_work, n, sizeof(int), cmp_work);
	g.nby = n;
}

/* the declarer names of every rule (declarer.c) */
void load_declarers(void)
{
	char *buf;
	size_t len;
	int i;

	for (i = 0; i < g.rs.n; i++) {
		if (read_file(g.rs.r[i].path, &buf, &len))
			die(EXIT_BAD_INPUT, "%s: cannot read", g.rs.r[i].path);
		declarers_read(buf, len, &g.declarers);
		free(buf);
	}
}

/* the name wrappers of the macro file (declarer.c) */
void load_wrappers(void)
{
	char *buf;
	size_t len;

	if (!g.macro_file)
		return;
	if (read_file(g.macro_file, &buf, &len))
		die(EXIT_BAD_INPUT, "%s: cannot read", g.macro_file);
	wrappers_read(buf, len, &g.wrappers);
	free(buf);
}

/*
 * The work copy of fi with its wrapped names unwrapped and a ';' after
 * each bare declarer line; what was changed is kept in f->unwraps and
 * f->semis and undone again by final_path().
 */
static void add_semis(int fi)
{
	struct sfile *f = &g.t.f[fi];
	struct strbuf sb = { 0 }, un = { 0 };
	char *p = path_join(g.work, f->work), *buf;
	size_t len;
	bool changed;

	sv_free(&f->semis);
	sv_free(&f->unwraps);
	if (read_file(p, &buf, &len))
		die(EXIT_INTERNAL, "%s: cannot read", p);
	changed = unwrap_add(buf, len, &g.wrappers, &un, &f->unwraps);
	if (changed) {
		free(buf);
		buf = un.buf;
		len = un.len;
		un = (struct strbuf){ 0 };
	}
	if (semi_add(buf, len, &g.declarers, &sb, &f->semis)) {
		free(buf);
		buf = sb.buf;
		len = sb.len;
		sb = (struct strbuf){ 0 };
		changed = true;
	}
	if (changed && write_file(p, buf, len))
		die(EXIT_INTERNAL, "%s: cannot write", p);
	free(buf);
	free(p);
}

/*
 * A file whose unwrapped names cannot all be put back (a rule rewrote the
 * start of such a line) fails its group: the series never shows a name
 * the macro would have changed.
 */
void check_unwraps(void)
{
	int i;

	for (i = 0; i < g.t.nf; i++) {
		struct sfile *f = &g.t.f[i];
		struct strbuf sb = { 0 };
		char *p, *buf;
		size_t len;
		int miss = 0;

		if (!f->unwraps.n || f->group < 0 || g.gs.v[f->group].failed)
			continue;
		p = path_join(g.work, f->work);
		if (!read_file(p, &buf, &len)) {
			miss = unwrap_strip(buf, len, &f->unwraps, &sb);
			free(buf);
		}
		sb_free(&sb);
		free(p);
		if (miss)
			group_fail(f->group, "unprocessed",
				   "a rule rewrote a line with a name wrapper of the macro file (SOCKOPS_WRAPPED()...): not converted");
	}
}

/* copy the files (indexes into g.t.f) in, under their work names */
static void copy_files(const int *files, int n)
{
	int j;

	for (j = 0; j < n; j++) {
		struct sfile *f = &g.t.f[files[j]];

		if (copy_in(g.srcabs, f->rel, g.work, f->work,
			    f->flags & F_CRLF))
			die(EXIT_BAD_INPUT,
			    "%s: cannot read the tree: %s (or not a regular file)",
			    f->rel, strerror(errno));
		pool_interrupted();
	}
}

void copy_group_files(void)
{
	int i, j;

	for (i = 0; i < g.gs.n; i++) {
		copy_files(g.gs.v[i].files, g.gs.v[i].nfiles);
		copy_files(g.gs.v[i].extra, g.gs.v[i].nextra);
		/* the files spatch parses: their bare declarers get a ';' */
		for (j = 0; j < g.gs.v[i].nfiles; j++)
			add_semis(g.gs.v[i].files[j]);
	}
	/*
	 * Makefile/Kbuild of the groups' directories and every Kconfig (a 2.4
	 * tree: Config.in and an empty scripts/Configure as its root mark), for
	 * rules that ask the build system whether a file is modular.
	 */
	for (i = 0; i < g.t.nf; i++) {
		struct sfile *f = &g.t.f[i];
		char *d;
		bool want = false;

		if (!(f->flags & F_AUX) || !name_is_safe(f->rel))
			continue;
		if (!strncmp(base_of(f->rel), "Kconfig", 7)) {
			want = g.t.has_kconfig_root;
		} else if (is_config_in(base_of(f->rel))) {
			want = g.t.has_configure_root;
		} else {
			d = dir_of(f->rel);
			for (j = 0; j < g.gs.n && !want; j++)
				want = !strcmp(g.t.dirs.v[g.gs.v[j].dir], d);
			free(d);
		}
		if (want && copy_in(g.srcabs, f->rel, g.work, f->rel, false))
			die(EXIT_BAD_INPUT, "%s: cannot read the tree: %s",
			    f->rel, strerror(errno));
	}
	if (g.t.has_kconfig_root) {
		char *p = path_join(g.work, "scripts/kconfig");

		mkdir_p(p, 0755);
		free(p);
	}
	if (g.t.has_configure_root) {
		char *p = path_join(g.work, "scripts");
		char *c = path_join(g.work, "scripts/Configure");
		int fd;

		mkdir_p(p, 0755);
		fd = open(c, O_WRONLY | O_CREAT | O_NOFOLLOW, 0644);
		if (fd < 0)
			die(EXIT_INTERNAL, "%s: cannot create it: %s", c,
			    strerror(errno));
		close(fd);
		free(c);
		free(p);
	}
}

void restore_original(int fi)
{
	struct sfile *f = &g.t.f[fi];
	struct scan_result res = { 0 };
	char *p, *buf;
	size_t len;

	if (copy_in(g.srcabs, f->rel, g.work, f->work, f->flags & F_CRLF))
		die(EXIT_INTERNAL, "%s: cannot copy it again", f->rel);
	add_semis(fi);
	p = path_join(g.work, f->work);
	if (!read_file(p, &buf, &len)) {
		scan_buffer(buf, len, &res);
		memcpy(f->kw, res.kw, sizeof(f->kw));
		sv_free(&f->tables);
		f->tables = res.tables;
		f->flags &= ~F_DEBUGFS;
		if (has_fops(&f->tables) && scan_debugfs_only(buf, len))
			f->flags |= F_DEBUGFS;
		f->otable = owner_table(f);
		res.tables = (struct strvec){ 0 };
		scan_result_free(&res);
		free(buf);
	}
	free(p);
	g.fired[fi] = 0;
}

void rescan_file(int fi)
{
	struct scan_result res = { 0 };
	char *p = path_join(g.work, g.t.f[fi].work), *buf;
	size_t len;

	if (!read_file(p, &buf, &len)) {
		scan_buffer(buf, len, &res);
		memcpy(g.t.f[fi].kw, res.kw, sizeof(g.t.f[fi].kw));
		sv_free(&g.t.f[fi].tables);
		g.t.f[fi].tables = res.tables;
		g.t.f[fi].flags &= ~F_DEBUGFS;
		if (has_fops(&res.tables) && scan_debugfs_only(buf, len))
			g.t.f[fi].flags |= F_DEBUGFS;
		g.t.f[fi].otable = owner_table(&g.t.f[fi]);
		res.tables = (struct strvec){ 0 };
		scan_result_free(&res);
		free(buf);
	}
	free(p);
}

int group_of_work(const char *work)
{
	int fi = file_by_work(work);

	return fi >= 0 ? g.t.f[fi].group : -1;
}
