// SPDX-License-Identifier: GPL-2.0
/*
 * scan.c - one pass over SRC.
 *
 * fts(3) walks the tree without following symbolic links, in name order.
 * Every .c and .h file is mapped and tokenized once: comments, string and
 * character literals are skipped; identifiers are looked up in the keyword
 * table of the rules.  The same pass records, per file, the functions it
 * defines (`name(...) {` at file scope, and function-like macros: to find
 * the files of a directory that hold a table of another file's methods), the #define _GNU_SOURCE
#include "..." names, and for the whole
 * tree every struct type with a `struct module *<member>;` member: the
 * owner-type index handed to the rules.
 */
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modref.h"

struct tok {
	int kind;		/* 'i': identifier, else the punctuation byte */
	const char *s;
	size_t n;
};

struct sstack {
	const char *name;
	size_t n;
	int depth;
};

static bool tok_is(const struct tok *t, const char *s)
{
	return t->kind == 'i' && t->n == strlen(s) && !memcmp(t->s, s, t->n);
}

/*
 * Tables: `struct T name ... = { ... }` whose top level has no `.owner =`
 * outside #if/#ifdef (a superset of what table_no_owner.cocci reports:
 * the type is checked against the owner types later, by name), recorded
 * as "T name".  A file_operations table with a top-level `.read =
 * seq_read` is left out too (the rule skips seq_file tables).
 */
enum { TS_IDLE, TS_STRUCT, TS_TYPE, TS_DECL, TS_EQ, TS_INIT };

struct tscan {
	int st, depth, cond;
	bool own;
	struct tok p2;		/* before p[0] */
	const char *t, *nm;
	size_t tn, nn;
	struct tok p[2];	/* p[1] is the newest */
};

static void tscan_feed(struct tscan *ts, const struct tok *k,
		       struct strvec *out)
{
	bool id = k->kind == 'i';
	char *name;

	switch (ts->st) {
	case TS_INIT:
		if (k->kind == '{') {
			ts->depth++;
		} else if (k->kind == '}') {
			if (--ts->depth <= 0) {
				ts->st = TS_IDLE;
				name = xasprintf("%.*s %.*s", (int)ts->tn,
						 ts->t, (int)ts->nn, ts->nm);
				if (!ts->own && sv_find(out, name) < 0)
					sv_push(out, name);
				else
					free(name);
			}
		} else if (k->kind == '=' && ts->depth == 1 && !ts->cond &&
			   ts->p[0].kind == '.' && tok_is(&ts->p[1], "owner")) {
			ts->own = true;
		} else if (k->kind == 'i' && ts->depth == 1 && !ts->cond &&
			   tok_is(k, "seq_read") && ts->p[1].kind == '=' &&
			   tok_is(&ts->p[0], "read") && ts->p2.kind == '.' &&
			   ts->tn == 15 && !memcmp(ts->t, "file_operations", 15)) {
			ts->own = true;	/* a seq_file table: skipped */
		}
		ts->p2 = ts->p[0];
		ts->p[0] = ts->p[1];
		ts->p[1] = *k;
		return;
	case TS_STRUCT:
		ts->st = id ? TS_TYPE : TS_IDLE;
		ts->t = k->s;
		ts->tn = k->n;
		return;
	case TS_TYPE:
		ts->st = id ? TS_DECL : TS_IDLE;
		ts->nm = k->s;
		ts->nn = k->n;
		break;
	case TS_DECL:
		/* `struct T __maybe_unused name`, `struct T const name` */
		if (id && ((ts->nn > 2 && !memcmp(ts->nm, "__", 2)) ||
			   (ts->nn == 5 && !memcmp(ts->nm, "const", 5)))) {
			ts->nm = k->s;
			ts->nn = k->n;
		}
		if (k->kind == '=')
			ts->st = TS_EQ;
		else if (k->kind == ';' || k->kind == '{' || k->kind == '}')
			ts->st = TS_IDLE;
		return;
	case TS_EQ:
		if (k->kind == '{') {
			ts->st = TS_INIT;
			ts->depth = 1;
			ts->cond = 0;
			ts->own = false;
			memset(ts->p, 0, sizeof(ts->p));
			memset(&ts->p2, 0, sizeof(ts->p2));
			return;
		}
		ts->st = TS_IDLE;
		break;
	}
	if (ts->st == TS_IDLE && tok_is(k, "struct"))
		ts->st = TS_STRUCT;
}

/*
 * Skip a comment or literal starting at i; returns the index after it, or
 * i when there is none.
 */
static size_t skip_noise(const char *b, size_t len, size_t i)
{
	char q;

	if (b[i] == '/' && i + 1 < len && b[i + 1] == '*') {
		i += 2;
		while (i + 1 < len && !(b[i] == '*' && b[i + 1] == '/'))
			i++;
		return i + 1 < len ? i + 2 : len;
	}
	if (b[i] == '/' && i + 1 < len && b[i + 1] == '/') {
		while (i < len && b[i] != '\n') {
			if (b[i] == '\\' && i + 1 < len && b[i + 1] == '\n')
				i++;
			i++;
		}
		return i;
	}
	if (b[i] == '"' || b[i] == '\'') {
		q = b[i++];
		while (i < len && b[i] != q && b[i] != '\n') {
			if (b[i] == '\\' && i + 1 < len)
				i++;
			i++;
		}
		return i < len ? i + 1 : len;
	}
	return i;
}

void scan_buffer(const char *b, size_t len, struct scan_result *res)
{
	struct tok w[4] = { { 0 } };	/* w[3] is the newest */
	struct sstack st[32];
	int nst = 0, depth = 0, pdepth = 0;
	int idepth = 0;		/* braces of an initializer ("= {") open */
	bool bol = true, in_pp = false, pp_define = false, pp_first = false;
	bool pend_struct = false;
	const char *sname = NULL, *pend = NULL;
	size_t sn = 0, pn = 0, i = 0, nl = 0, crnl = 0;
	bool pend_closed = false;
	bool pend_svoid = false;	/* the pending definition is static void */
	bool in_svoid = false;		/* in the body of a static void function */
	struct tscan ts = { 0 };
	bool arrow = false;	/* the last token is "->" */
	int cur_def = -1;	/* the defs entry whose body is open */
	bool stat = false;	/* "static" in this file-scope declaration */
	bool pend_static = false;	/* ... of the pending function */

	memset(res->kw, 0, sizeof(res->kw));
	res->nlegacy = 0;
	res->binary = memchr(b, '\0', len) != NULL;
	while (i < len) {
		unsigned char c = b[i];
		size_t j;

		if (c == '\n') {
			nl++;
			if (i && b[i - 1] == '\r')
				crnl++;
			if (!(i && b[i - 1] == '\\') &&
			    !(i > 1 && b[i - 1] == '\r' && b[i - 2] == '\\'))
				in_pp = false;
			bol = true;
			i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
		    c == '\v' || c == '\\') {
			i++;
			continue;
		}
		j = skip_noise(b, len, i);
		if (j != i) {
			/* a comment spanning lines ends no directive */
			i = j;
			continue;
		}
		if (c == '#' && bol) {
			size_t k = i + 1, e;

			while (k < len && (b[k] == ' ' || b[k] == '\t'))
				k++;
			e = k;
			while (e < len && id_char(b[e]))
				e++;
			in_pp = true;
			if (ts.st == TS_INIT && e - k >= 2 &&
			    !memcmp(b + k, "if", 2))
				ts.cond++;
			else if (ts.st == TS_INIT && ts.cond &&
				 e - k == 5 && !memcmp(b + k, "endif", 5))
				ts.cond--;
			pp_define = e - k == 6 && !memcmp(b + k, "define", 6);
			pp_first = pp_define;
			if (e - k == 7 && !memcmp(b + k, "include", 7)) {
				while (e < len && (b[e] == ' ' || b[e] == '\t'))
					e++;
				if (e < len && b[e] == '"') {
					size_t s = ++e;

					while (e < len && b[e] != '"' &&
					       b[e] != '\n')
						e++;
					if (e < len && b[e] == '"' && e > s)
						sv_push(&res->incs,
							xstrndup(b + s, e - s));
				}
				/* the rest of the line is not code */
				while (e < len && b[e] != '\n')
					e++;
				i = e;
				bol = false;
				continue;
			}
			i = e;
			bol = false;
			continue;
		}
		bol = false;
		if (pend_closed && !in_pp) {
			/* "name(...) {" is a definition, "name(...);" is not */
			if (c == '{') {
				sv_push(&res->defs, xstrndup(pend, pn));
				in_svoid = pend_svoid;
				cur_def = res->defs.n - 1;
				if (pend_static)
					sv_push(&res->statics,
						xstrndup(pend, pn));
			}
			pend = NULL;
			pend_closed = false;
		}
		if (id_start(c)) {
			size_t s = i;
			bool legacy;
			int id;

			while (i < len && id_char(b[i]))
				i++;
			id = kw_lookup(b + s, i - s);
			legacy = id >= 0 && kw_is_legacy(id);
			if (id >= 0) {
				kw_set(res->kw, id);
				if (legacy)
					res->nlegacy++;
			}
			if (arrow && i - s < 62) {
				/* "->name": a keyword of its own (Needs: ->owner) */
				char a[64] = "->";

				memcpy(a + 2, b + s, i - s);
				id = kw_lookup(a, i - s + 2);
				if (id >= 0)
					kw_set(res->kw, id);
			}
			arrow = false;
			if (in_svoid && depth && !in_pp && i - s == 19 &&
			    !memcmp(b + s, "__MOD_INC_USE_COUNT", 19))
				res->void_take = true;
			if (cur_def >= 0 && depth > 0 && !in_pp &&
			    i - s == 17 && (!memcmp(b + s, "MOD_INC_USE_COUNT", 17) ||
					    !memcmp(b + s, "MOD_DEC_USE_COUNT", 17)) &&
			    sv_find(&res->counting, res->defs.v[cur_def]) < 0)
				sv_push(&res->counting,
					xstrdup(res->defs.v[cur_def]));
			if (in_pp) {
				if (pp_first && i < len && b[i] == '(')
					sv_push(&res->defs,
						xstrndup(b + s, i - s));
				else if (pp_define && !pp_first && legacy)
					res->legacy_define = true;
				pp_first = false;
				continue;
			}
			memmove(w, w + 1, 3 * sizeof(w[0]));
			w[3].kind = 'i';
			w[3].s = b + s;
			w[3].n = i - s;
			if (pend_struct && tok_is(&w[2], "struct")) {
				sname = w[3].s;
				sn = w[3].n;
			}
			pend_struct = tok_is(&w[3], "struct");
			if (!depth && !pdepth && tok_is(&w[3], "static"))
				stat = true;
			tscan_feed(&ts, &w[3], &res->tables);
			continue;
		}
		arrow = c == '>' && i && b[i - 1] == '-';
		i++;
		if (in_pp)
			continue;
		/*
		 * "{ name:" or ", name:" in the braces of "= { ... }": a GNU
		 * designator, what gnu_initializers rewrites (in `T x = {`).
		 * A label, a case or a bit-field is outside such braces.
		 */
		if (!depth && (c == ';' || c == '{' || c == '}'))
			stat = false;
		if (c == '{' && (idepth || w[3].kind == '='))
			idepth++;
		else if (c == '}' && idepth)
			idepth--;
		if (c == ':' && idepth && w[3].kind == 'i' &&
		    (w[2].kind == '{' || w[2].kind == ','))
			res->gnu_init = true;
		if (c == '(') {
			/* "type name(" at file scope: a function */
			if (depth == 0 && pdepth == 0 && w[3].kind == 'i' &&
			    (w[2].kind == 'i' || w[2].kind == '*') &&
			    !tok_is(&w[2], "return")) {
				pend = w[3].s;
				pn = w[3].n;
				/* static [inline] void [__init] name( */
				pend_svoid = (tok_is(&w[2], "void") ||
					      tok_is(&w[1], "void")) &&
					     (tok_is(&w[1], "static") ||
					      tok_is(&w[0], "static"));
				pend_static = stat;
			}
			pdepth++;
		} else if (c == ')') {
			if (pdepth)
				pdepth--;
			if (!pdepth && depth == 0 && pend)
				pend_closed = true;
		} else if (c == '{') {
			depth++;
			if (sname && w[3].kind == 'i' && w[3].s == sname &&
			    tok_is(&w[2], "struct") && nst < 32) {
				st[nst].name = sname;
				st[nst].n = sn;
				st[nst].depth = depth;
				nst++;
			}
			sname = NULL;
		} else if (c == '}') {
			if (depth)
				depth--;
			if (!depth) {
				in_svoid = false;
				cur_def = -1;
			}
			while (nst && st[nst - 1].depth > depth)
				nst--;
		} else if ((c == ';' || c == ',') && nst &&
			   st[nst - 1].depth == depth &&
			   w[3].kind == 'i' && w[2].kind == '*' &&
			   tok_is(&w[1], "module") && tok_is(&w[0], "struct")) {
			sv_push(&res->owner_types,
				xasprintf("%.*s %.*s", (int)st[nst - 1].n,
					  st[nst - 1].name, (int)w[3].n,
					  w[3].s));
		}
		if (c != '(' || true) {
			memmove(w, w + 1, 3 * sizeof(w[0]));
			w[3].kind = c;
			w[3].s = b + i - 1;
			w[3].n = 1;
		}
		tscan_feed(&ts, &w[3], &res->tables);
		if (c == ';' || c == '{' || c == '}')
			sname = NULL;
		pend_struct = false;
	}
	res->crlf = nl && crnl == nl;
}

/*
 * table_no_owner's debugfs_only() on the raw text (comments and strings
 * included, as the rule reads the file): a debugfs_create_file*( call
 * and none of the other ways to hand out a file.  Bytes >= 0x80 count as
 * word bytes for the call and not for the others, so the answer is "yes"
 * only when the rule's regular expressions say so too.
 */
static const char *const other_fops[] = {
	"misc_register", "miscdevice", "cdev_init", "cdev_alloc",
	"__register_chrdev", "usb_register_dev", "usb_class_driver",
	"video_register_device", "sock_alloc_file", "i_fop", "f_op",
	"register_filesystem", NULL
};
static const char *const other_prefix[] = {
	"register_chrdev", "anon_inode_get", "alloc_file", NULL
};

static bool wbyte(unsigned char c, bool high)
{
	return id_char(c) || (high && c >= 0x80);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

bool scan_debugfs_only(const char *b, size_t len)
{
	static const char dc[] = "debugfs_create_file";
	bool call = false;
	size_t i = 0, s, j;
	int k;

	/* the call: word bytes include >= 0x80 */
	while (i < len && !call) {
		if (!wbyte(b[i], true)) {
			i++;
			continue;
		}
		s = i;
		while (i < len && wbyte(b[i], true))
			i++;
		if (i - s < sizeof(dc) - 1 || memcmp(b + s, dc, sizeof(dc) - 1))
			continue;
		for (j = i; j < len && is_space(b[j]); j++)
			;
		call = j < len && b[j] == '(';
	}
	if (!call)
		return false;
	/* the other ways: word bytes are ASCII only */
	for (i = 0; i < len;) {
		if (!wbyte(b[i], false)) {
			i++;
			continue;
		}
		s = i;
		while (i < len && wbyte(b[i], false))
			i++;
		for (k = 0; other_fops[k]; k++)
			if (strlen(other_fops[k]) == i - s &&
			    !memcmp(b + s, other_fops[k], i - s))
				return false;
		for (k = 0; other_prefix[k]; k++)
			if (i - s >= strlen(other_prefix[k]) &&
			    !memcmp(b + s, other_prefix[k],
				    strlen(other_prefix[k])))
				return false;
		if (i - s == 4 && !memcmp(b + s, "fops", 4) && s &&
		    (b[s - 1] == '.' || b[s - 1] == '>')) {
			for (j = i; j < len && is_space(b[j]); j++)
				;
			if (j < len && b[j] == '=')
				return false;
		}
	}
	return true;
}

bool has_fops(const struct strvec *tables)
{
	int i;

	for (i = 0; i < tables->n; i++)
		if (!strncmp(tables->v[i], "file_operations ", 16))
			return true;
	return false;
}

void scan_result_free(struct scan_result *res)
{
	sv_free(&res->defs);
	sv_free(&res->counting);
	sv_free(&res->statics);
	sv_free(&res->incs);
	sv_free(&res->owner_types);
	sv_free(&res->tables);
}

/* ---- a string hash set for scan_mentions ---- */
static unsigned int str_hash(const char *s, size_t n)
{
	unsigned int h = 5381;

	while (n--)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/*
 * Which of names does the text use as a value (not called: `open: name,`),
 * or, with @calls, name right before a `(` (a call or a declaration)?
 * used[i] is set for names->v[i]; returns how many were found.
 */
static int scan_names(const char *b, size_t len, const struct strvec *names,
		      bool *used, bool calls)
{
	unsigned int cap = 64, k, h;
	int *slot, n, found = 0;
	size_t i = 0, j;

	if (!names->n)
		return 0;
	while (cap < (unsigned int)names->n * 2)
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot));
	for (n = 0; n < names->n; n++) {
		h = str_hash(names->v[n], strlen(names->v[n])) & (cap - 1);
		while (slot[h])
			h = (h + 1) & (cap - 1);
		slot[h] = n + 1;
	}
	while (i < len) {
		size_t s;

		j = skip_noise(b, len, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (!id_start(b[i])) {
			i++;
			continue;
		}
		s = i;
		while (i < len && id_char(b[i]))
			i++;
		/* a call is not a table entry: only a name used as a value */
		j = i;
		while (j < len && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' ||
				   b[j] == '\r'))
			j++;
		if ((j < len && b[j] == '(') != calls)
			continue;
		for (k = str_hash(b + s, i - s) & (cap - 1); slot[k];
		     k = (k + 1) & (cap - 1)) {
			const char *nm = names->v[slot[k] - 1];

			if (strlen(nm) == i - s && !memcmp(nm, b + s, i - s)) {
				if (!used[slot[k] - 1])
					found++;
				used[slot[k] - 1] = true;
				break;
			}
		}
	}
	free(slot);
	return found;
}

int scan_uses(const char *b, size_t len, const struct strvec *names,
	      bool *used)
{
	return scan_names(b, len, names, used, false);
}

/* which of names does the text call (or declare)?  As scan_uses() */
int scan_calls(const char *b, size_t len, const struct strvec *names,
	       bool *used)
{
	return scan_names(b, len, names, used, true);
}

bool scan_mentions(const char *b, size_t len, const struct strvec *names)
{
	bool *used = xcalloc(names->n ? names->n : 1, sizeof(bool));
	int n = scan_uses(b, len, names, used);

	free(used);
	return n > 0;
}

/* ---- the tree walk ---- */
static int cmp_ent(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* a 2.4 configuration file (Config.in, arch's config.in) */
bool is_config_in(const char *name)
{
	return !strcmp(name, "Config.in") || !strcmp(name, "config.in");
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n > m && !strcmp(s + n - m, suf);
}

static struct sfile *tree_add(struct tree *t, const char *rel)
{
	struct sfile *f;

	if (t->nf == t->capf) {
		t->capf = t->capf ? t->capf * 2 : 1024;
		t->f = xrealloc(t->f, t->capf * sizeof(*t->f));
	}
	f = &t->f[t->nf++];
	memset(f, 0, sizeof(*f));
	f->rel = xstrdup(rel);
	f->group = -1;
	return f;
}

static void add_owner(struct tree *t, const char *tm, const char *file)
{
	const char *sp = strchr(tm, ' ');
	struct owner_type *o;
	int i;

	for (i = 0; i < t->not; i++)
		if (!strncmp(t->ot[i].type, tm, sp - tm) &&
		    !t->ot[i].type[sp - tm] && !strcmp(t->ot[i].member, sp + 1))
			return;
	if (t->not == t->capot) {
		t->capot = t->capot ? t->capot * 2 : 64;
		t->ot = xrealloc(t->ot, t->capot * sizeof(*t->ot));
	}
	o = &t->ot[t->not++];
	o->type = xstrndup(tm, sp - tm);
	o->member = xstrdup(sp + 1);
	o->file = xstrdup(file);
}

static int scan_one(struct tree *t, struct sfile *f, const char *path,
		    char *err, size_t errlen)
{
	struct scan_result res = { 0 };
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	void *m = NULL;
	int i;

	if (fd < 0 || fstat(fd, &st)) {
		snprintf(err, errlen, "%s: cannot read the tree: %s", path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	f->size = st.st_size;
	t->bytes += st.st_size;
	if (st.st_size) {
		m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			snprintf(err, errlen, "%s: cannot read the tree: %s",
				 path, strerror(errno));
			close(fd);
			return -1;
		}
		scan_buffer(m, st.st_size, &res);
		if (has_fops(&res.tables) && !res.binary &&
		    scan_debugfs_only(m, st.st_size))
			f->flags |= F_DEBUGFS;
		munmap(m, st.st_size);
	}
	close(fd);
	memcpy(f->kw, res.kw, sizeof(f->kw));
	if (res.binary)
		f->flags |= F_BINARY;
	if (res.crlf)
		f->flags |= F_CRLF;
	if (res.gnu_init)
		f->flags |= F_GNU_INIT;
	if (res.legacy_define)
		f->flags |= F_LEGACY_DEFINE;
	if (res.void_take)
		f->flags |= F_VOID_TAKE;
	f->nlegacy = res.nlegacy;
	f->defs = res.defs;
	f->counting = res.counting;
	f->statics = res.statics;
	f->incs = res.incs;
	f->tables = res.tables;
	if (!res.binary && res.owner_types.n)
		f->flags |= F_OWNERS;
	if (!res.binary)
		for (i = 0; i < res.owner_types.n; i++)
			add_owner(t, res.owner_types.v[i], f->rel);
	sv_free(&res.owner_types);
	return 0;
}

int tree_scan(struct tree *t, const char *root, char *err, size_t errlen)
{
	char *const argv[] = { (char *)root, NULL };
	size_t rootlen = strlen(root);
	struct stat st;
	FTSENT *e;
	FTS *fts;
	char *p;

	memset(t, 0, sizeof(*t));
	t->root = xstrdup(root);
	p = path_join(root, "scripts/kconfig");
	t->has_kconfig_root = !lstat(p, &st) && S_ISDIR(st.st_mode);
	free(p);
	p = path_join(root, "scripts/Configure");
	t->has_configure_root = !lstat(p, &st) && S_ISREG(st.st_mode);
	free(p);
	fts = fts_open(argv, FTS_PHYSICAL | FTS_NOCHDIR, cmp_ent);
	if (!fts) {
		snprintf(err, errlen, "%s: cannot read the tree: %s", root,
			 strerror(errno));
		return -1;
	}
	while ((e = fts_read(fts))) {
		const char *rel = e->fts_path + rootlen;
		const char *name = e->fts_name;
		bool src;

		while (*rel == '/')
			rel++;
		switch (e->fts_info) {
		case FTS_D:
			if (e->fts_level > 0 && !strcmp(name, ".git"))
				fts_set(fts, e, FTS_SKIP);
			continue;
		case FTS_DP:
			continue;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			snprintf(err, errlen, "%s: cannot read the tree: %s",
				 e->fts_path, strerror(e->fts_errno));
			fts_close(fts);
			return -1;
		default:
			break;
		}
		src = has_suffix(name, ".c") || has_suffix(name, ".h");
		if (e->fts_info == FTS_SL || e->fts_info == FTS_SLNONE) {
			if (src)
				tree_add(t, rel)->flags |= F_SYMLINK;
			continue;
		}
		if (e->fts_info != FTS_F)
			continue;
		if (src) {
			struct sfile *f = tree_add(t, rel);

			f->flags |= has_suffix(name, ".c") ? F_C : F_H;
			if (scan_one(t, f, e->fts_path, err, errlen)) {
				fts_close(fts);
				return -1;
			}
		} else if (!strcmp(name, "Makefile") || !strcmp(name, "Kbuild") ||
			   !strncmp(name, "Kconfig", 7) ||
			   is_config_in(name)) {
			tree_add(t, rel)->flags |= F_AUX;
		}
	}
	if (errno) {
		snprintf(err, errlen, "%s: cannot read the tree: %s", root,
			 strerror(errno));
		fts_close(fts);
		return -1;
	}
	fts_close(fts);
	return 0;
}

void tree_free(struct tree *t)
{
	int i;

	for (i = 0; i < t->nf; i++) {
		free(t->f[i].rel);
		free(t->f[i].work);
		sv_free(&t->f[i].defs);
		sv_free(&t->f[i].counting);
		sv_free(&t->f[i].statics);
		sv_free(&t->f[i].incs);
		sv_free(&t->f[i].tables);
		sv_free(&t->f[i].semis);
		sv_free(&t->f[i].unwraps);
	}
	free(t->f);
	for (i = 0; i < t->not; i++) {
		free(t->ot[i].type);
		free(t->ot[i].member);
		free(t->ot[i].file);
	}
	free(t->ot);
	sv_free(&t->dirs);
	free(t->root);
}

static int cmp_ot(const void *a, const void *b)
{
	const struct owner_type *x = a, *y = b;
	int c = strcmp(x->type, y->type);

	return c ? c : strcmp(x->member, y->member);
}

/*
 * The owner-type file of one run: the tree's types ("<type> tree
 * [<member>]", sorted), then the lines of semantic-patches/owner-types.
 */
int owner_types_write(const struct tree *t, const char *extra,
		      const char *path)
{
	struct owner_type *v = xcalloc(t->not, sizeof(*v));
	struct strbuf sb = { 0 };
	char *buf;
	size_t len;
	int i, rc;

	memcpy(v, t->ot, t->not * sizeof(*v));
	qsort(v, t->not, sizeof(*v), cmp_ot);
	sb_adds(&sb, "# owner types: this tree's (version \"tree\"), then semantic-patches/owner-types\n");
	for (i = 0; i < t->not; i++) {
		if (!strcmp(v[i].member, "owner"))
			sb_addf(&sb, "%s tree\n", v[i].type);
		else
			sb_addf(&sb, "%s tree %s\n", v[i].type, v[i].member);
	}
	free(v);
	if (extra && !read_file(extra, &buf, &len)) {
		sb_add(&sb, buf, len);
		if (len && buf[len - 1] != '\n')
			sb_addc(&sb, '\n');
		free(buf);
	}
	rc = write_file(path, sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

/*
 * The kernel version the tree at root says it is, "2.4.31" from the
 * VERSION, PATCHLEVEL and SUBLEVEL lines of its top Makefile, or NULL.
 * The Makefile must be a regular file of the tree (a symbolic link is
 * not followed out of it); only its first 4 KiB are read.
 */
char *tree_version(const char *root)
{
	static const char *const keys[] = { "VERSION", "PATCHLEVEL",
					    "SUBLEVEL" };
	char *p = path_join(root, "Makefile"), buf[4096], *l, *save;
	long v[3] = { -1, -1, -1 };
	struct stat st;
	ssize_t n;
	int fd, i;

	fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(p);
	if (fd < 0)
		return NULL;
	n = fstat(fd, &st) || !S_ISREG(st.st_mode) ? -1 :
		read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	for (l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		for (i = 0; i < 3; i++) {
			size_t k = strlen(keys[i]);
			char *e;

			if (strncmp(l, keys[i], k) || v[i] >= 0)
				continue;
			l += k;
			l += strspn(l, " \t");
			if (*l++ != '=')
				break;
			v[i] = strtol(l, &e, 10);
			if (e == l || v[i] < 0 || v[i] > 255 ||
			    e[strspn(e, " \t\r")])
				v[i] = -2;	/* not a plain number */
			break;
		}
	for (i = 0; i < 3; i++)
		if (v[i] < 0)
			return NULL;
	return xasprintf("%ld.%ld.%ld", v[0], v[1], v[2]);
}
