// SPDX-License-Identifier: GPL-2.0
/*
 * merge.c - the report runs of several rules as one spatch call.
 *
 * After the patch rules have run, every rule is run once more with
 * -D report over the same (now fixed) code.  Each spatch call parses its
 * files again, so one call per rule cost one parse of the batch per rule.
 * merge_rules() writes one SmPL file that holds a set of rules, each kept
 * apart from the others exactly:
 *
 *  - the virtual declarations are hoisted to the top, once each (spatch
 *    reads a "virtual" line after a Python block as Python);
 *  - every named rule (SmPL or script) of rule k is renamed "m<k>_<name>",
 *    in its header, in "depends on" and in inherited metavariables
 *    ("r.x", "x << r.y"), so two files' rule names never meet;
 *  - rule k's Python (initialize, script, finalize) runs in a namespace of
 *    its own (spatch runs every script in one interpreter, so two files'
 *    globals would otherwise overwrite each other): each block's code is
 *    compiled once and run with exec() in that namespace, given the
 *    script's metavariables and spatch's own objects (cocci, coccinelle,
 *    coccilib, Cocci, Iteration);
 *  - what a block prints goes out with "<tag><name> " before each line
 *    (MERGE_TAG), so the engine knows which rule reported it.
 *
 * Rules are not otherwise changed: a rule that does not apply to a file
 * costs what spatch's own token prefilter costs.  The engine runs a merged
 * file only on groups for which every rule in it would have run on its own
 * (the same Keywords), and falls back to one call per rule for a group on
 * which the merged call fails or times out, so the result is the same as
 * running the rules one by one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modref.h"

/* "@...@" alone on a line (trailing blanks allowed), "@@" excluded */
static bool is_header(const char *l, size_t n)
{
	size_t i;

	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '\r'))
		n--;
	if (n < 3 || l[0] != '@' || l[n - 1] != '@')
		return false;
	for (i = 1; i < n - 1; i++)
		if (l[i] == '@')
			return false;
	return true;
}

static bool is_atat(const char *l, size_t n)
{
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t' || l[n - 1] == '\r'))
		n--;
	return n == 2 && l[0] == '@' && l[1] == '@';
}

struct line {
	const char *s;
	size_t n;
};

struct lines {
	struct line *v;
	int n, cap;
};

static void split_lines(const char *buf, size_t len, struct lines *ls)
{
	const char *p = buf, *e;

	while (p < buf + len) {
		e = memchr(p, '\n', buf + len - p);
		if (!e)
			e = buf + len;
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 256;
			ls->v = xrealloc(ls->v, ls->cap * sizeof(*ls->v));
		}
		ls->v[ls->n].s = p;
		ls->v[ls->n].n = e - p;
		ls->n++;
		p = e + 1;
	}
}

/* the header's words: "@script:python name depends on x@" */
static void header_words(const char *l, size_t n, struct strvec *w)
{
	size_t i = 1, j;

	while (n && l[n - 1] != '@')
		n--;
	n--;			/* the closing @ */
	while (i < n) {
		while (i < n && (l[i] == ' ' || l[i] == '\t'))
			i++;
		j = i;
		while (j < n && l[j] != ' ' && l[j] != '\t')
			j++;
		if (j > i)
			sv_push(w, xstrndup(l + i, j - i));
		i = j;
	}
}

static bool is_python_kind(const char *w, const char *kind)
{
	size_t k = strlen(kind);

	return !strncmp(w, kind, k) && !strcmp(w + k, ":python");
}

/*
 * The rule's name: the first word of a SmPL rule's header unless it is a
 * keyword; the second word of a script rule's header unless "depends".
 */
static const char *rule_name(const struct strvec *w)
{
	static const char *const kw[] = {
		"depends", "exists", "forall", "disable", "using", "extends",
		"expression", "identifier", "type", NULL
	};
	int i, k;

	if (!w->n)
		return NULL;
	k = is_python_kind(w->v[0], "script") ? 1 : 0;
	if (is_python_kind(w->v[0], "initialize") ||
	    is_python_kind(w->v[0], "finalize"))
		return NULL;
	if (k >= w->n)
		return NULL;
	for (i = 0; kw[i]; i++)
		if (!strcmp(w->v[k], kw[i]))
			return NULL;
	if (strchr(w->v[k], ':'))
		return NULL;
	return w->v[k];
}

/*
 * Copy s[0..n) into sb, putting the prefix before every word that is in
 * names; with dotted, only before a word followed by '.' (an inherited
 * metavariable).  Nothing inside a string literal is touched.
 */
static void rename_words(struct strbuf *sb, const char *s, size_t n,
			 const struct strvec *names, const char *prefix,
			 bool dotted)
{
	size_t i = 0, j;
	bool str = false;

	while (i < n) {
		if (s[i] == '"' && (!i || s[i - 1] != '\\'))
			str = !str;
		if (str || !id_char(s[i]) || (i && id_char(s[i - 1]))) {
			sb_addc(sb, s[i++]);
			continue;
		}
		j = i;
		while (j < n && id_char(s[j]))
			j++;
		{
			char *w = xstrndup(s + i, j - i);
			bool hit = sv_find(names, w) >= 0 &&
				   (!dotted || (j < n && s[j] == '.'));

			if (hit && !(i && s[i - 1] == '.'))
				sb_adds(sb, prefix);
			free(w);
		}
		sb_add(sb, s + i, j - i);
		i = j;
	}
}

/* a Python string literal for s[0..n) */
static void py_quote(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;

	sb_addc(sb, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '\\' || c == '"')
			sb_addf(sb, "\\%c", c);
		else if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c == '\t')
			sb_adds(sb, "\\t");
		else if (c < 32 || c >= 127)
			sb_addf(sb, "\\x%02x", c);
		else
			sb_addc(sb, c);
	}
	sb_addc(sb, '"');
}

/* the identifier that ends just before s[i] (blanks skipped), or NULL */
static char *ident_before(const char *s, size_t i)
{
	size_t e;

	while (i && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n'))
		i--;
	e = i;
	while (i && id_char(s[i - 1]))
		i--;
	return e > i ? xstrndup(s + i, e - i) : NULL;
}

/* past the '}' that closes the '{' at s[i], Python strings skipped */
static size_t close_brace(const char *s, size_t n, size_t i)
{
	int depth = 0;
	char q = 0;

	for (; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && !--depth)
			return i + 1;
	}
	return n;
}

/*
 * A SmPL rule's metavariable section: inherited metavariables renamed,
 * and each "V : script:python (ARGS) { EXPR }" constraint turned into a
 * call that evaluates EXPR in the rule's own namespace (compiled once in
 * init, as _modref_expr[(k, x)]).
 */
static void emit_decls(struct strbuf *body, struct strbuf *init,
		       const char *s, size_t n, const struct strvec *names,
		       const char *prefix, int k, int *nexpr,
		       const char *path)
{
	static const char key[] = "script:python";
	size_t i = 0;

	while (i < n) {
		const char *hit = memmem(s + i, n - i, key, sizeof(key) - 1);
		size_t h, a, ae, b, be;
		char *var, *args;
		int x;

		if (!hit) {
			rename_words(body, s + i, n - i, names, prefix, true);
			return;
		}
		h = hit - s;
		/* "V : script:python" */
		a = h;
		while (a > i && (s[a - 1] == ' ' || s[a - 1] == '\t'))
			a--;
		if (a == i || s[a - 1] != ':') {
			rename_words(body, s + i, h + 1 - i, names, prefix, true);
			i = h + 1;
			continue;
		}
		var = ident_before(s, a - 1);
		a = h + sizeof(key) - 1;
		while (a < n && s[a] != '(' && s[a] != '{')
			a++;
		ae = a;
		if (a < n && s[a] == '(') {
			while (ae < n && s[ae] != ')')
				ae++;
			ae++;
		}
		b = ae;
		while (b < n && s[b] != '{')
			b++;
		be = close_brace(s, n, b);
		if (!var || b >= n || be > n || s[be - 1] != '}') {
			free(var);
			rename_words(body, s + i, n - i, names, prefix, true);
			return;
		}
		rename_words(body, s + i, ae - i, names, prefix, true);
		args = a < ae ? xstrndup(s + a + 1, ae - a - 2) : xstrdup("");
		x = (*nexpr)++;
		sb_addf(init, "_modref_expr[(%d, %d)] = compile(", k, x);
		{
			/* the expression, its lines joined (Python eval mode) */
			struct strbuf ex = { 0 };
			size_t y;

			for (y = b + 1; y < be - 1; y++)
				if (ex.len || !strchr(" \t\n", s[y]))
					sb_addc(&ex, strchr("\t\n", s[y]) ? ' ' : s[y]);
			while (ex.len && ex.buf[ex.len - 1] == ' ')
				ex.buf[--ex.len] = '\0';
			py_quote(init, ex.buf ? ex.buf : "", ex.len);
			sb_free(&ex);
		}
		sb_adds(init, ", ");
		py_quote(init, path, strlen(path));
		sb_adds(init, ", \"eval\")\n");
		sb_addf(body, " { _modref_test(%d, %d, %s=%s", k, x, var, var);
		{
			/* ARGS: "r.x, y": each bound under its own name */
			char *t, *save = NULL;

			for (t = strtok_r(args, ", \t", &save); t;
			     t = strtok_r(NULL, ", \t", &save)) {
				char *d = strrchr(t, '.');

				sb_addf(body, ", %s=%s", d ? d + 1 : t,
					d ? d + 1 : t);
			}
		}
		sb_adds(body, ") }");
		free(args);
		free(var);
		i = be;
	}
}

/* the metavariable a script header line binds: "p << r.p;" or "mk;" */
static char *script_meta(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	j = i;
	while (j < n && id_char(s[j]))
		j++;
	return j > i ? xstrndup(s + i, j - i) : NULL;
}

static const char prologue[] =
	"import sys as _modref_sys\n"
	"import io as _modref_io\n"
	"_modref_ns = {}\n"
	"_modref_code = {}\n"
	"_modref_names = {}\n"
	"def _modref_run(k, j, meta):\n"
	"\tns = _modref_ns[k]\n"
	"\tg = globals()\n"
	"\tfor n in (\"cocci\", \"coccinelle\", \"coccilib\", \"Cocci\", \"Iteration\"):\n"
	"\t\tif n in g:\n"
	"\t\t\tns[n] = g[n]\n"
	"\tns.update(meta)\n"
	"\tout = _modref_io.StringIO()\n"
	"\tsaved = _modref_sys.stdout\n"
	"\t_modref_sys.stdout = out\n"
	"\ttry:\n"
	"\t\texec(_modref_code[(k, j)], ns)\n"
	"\tfinally:\n"
	"\t\t_modref_sys.stdout = saved\n"
	"\tfor l in out.getvalue().splitlines():\n"
	"\t\tprint(\"" MERGE_TAG "%s %s\" % (_modref_names[k], l))\n"
	"_modref_expr = {}\n"
	"def _modref_test(_modref_k, _modref_x, **meta):\n"
	"\treturn eval(_modref_expr[(_modref_k, _modref_x)], _modref_ns[_modref_k], meta)\n";

/*
 * Write the rules rs->r[idx[0..n)] as one SmPL file at path.
 * Returns 0, or -1 with a reason in err.
 */
int merge_rules(const struct ruleset *rs, const int *idx, int n,
		const char *path, char *err, size_t errlen)
{
	struct strbuf virt = { 0 }, body = { 0 }, init = { 0 }, out = { 0 };
	struct strvec vnames = { 0 };
	int k, rc = -1;

	sb_adds(&init, prologue);
	for (k = 0; k < n; k++) {
		const struct rule *r = &rs->r[idx[k]];
		struct lines ls = { 0 };
		struct strvec names = { 0 };
		char *buf, *prefix = xasprintf("m%d_", k);
		size_t len;
		int i, j = 0, nexpr = 0;

		if (read_file(r->path, &buf, &len)) {
			snprintf(err, errlen, "%s: cannot read", r->path);
			free(prefix);
			goto out;
		}
		split_lines(buf, len, &ls);
		sb_addf(&init, "_modref_names[%d] = ", k);
		py_quote(&init, r->name, strlen(r->name));
		sb_addf(&init, "\n_modref_ns[%d] = {\"__name__\": ", k);
		py_quote(&init, r->name, strlen(r->name));
		sb_adds(&init, "}\n");

		/* pass 1: the rule names of this file */
		for (i = 0; i < ls.n; i++) {
			struct strvec w = { 0 };
			const char *nm;

			if (!is_header(ls.v[i].s, ls.v[i].n))
				continue;
			header_words(ls.v[i].s, ls.v[i].n, &w);
			nm = rule_name(&w);
			if (nm && sv_find(&names, nm) < 0)
				sv_push(&names, xstrdup(nm));
			sv_free(&w);
		}

		/* pass 2: the sections */
		for (i = 0; i < ls.n;) {
			struct strvec w = { 0 };
			const char *l = ls.v[i].s;
			size_t ln = ls.v[i].n;
			bool py, isinit = false;
			int h, e, b;
			struct strvec metas = { 0 };

			if (!is_header(l, ln)) {
				/* before the first rule: virtual lines, comments */
				if (ln > 8 && !strncmp(l, "virtual", 7) &&
				    (l[7] == ' ' || l[7] == '\t')) {
					char *v = xstrndup(l + 8, ln - 8);
					char *t = v + strspn(v, " \t");

					t[strcspn(t, " \t\r")] = '\0';
					if (*t && sv_find(&vnames, t) < 0) {
						sv_push(&vnames, xstrdup(t));
						sb_addf(&virt, "virtual %s\n", t);
					}
					free(v);
				}
				i++;
				continue;
			}
			header_words(l, ln, &w);
			py = w.n && (is_python_kind(w.v[0], "script") ||
				     is_python_kind(w.v[0], "initialize") ||
				     is_python_kind(w.v[0], "finalize"));
			isinit = w.n && is_python_kind(w.v[0], "initialize");
			sv_free(&w);
			/* header, metavariables up to @@, body up to the next header */
			h = i;
			for (e = h + 1; e < ls.n && !is_atat(ls.v[e].s, ls.v[e].n); e++)
				;
			if (e >= ls.n) {
				snprintf(err, errlen, "%s:%d: rule header without @@",
					 r->path, h + 1);
				sv_free(&names);
				free(prefix);
				free(ls.v);
				free(buf);
				goto out;
			}
			for (b = e + 1; b < ls.n && !is_header(ls.v[b].s, ls.v[b].n); b++)
				;
			if (!py) {
				rename_words(&body, l, ln, &names, prefix, false);
				sb_addc(&body, '\n');
				if (e > h + 1)
					emit_decls(&body, &init, ls.v[h + 1].s,
						   ls.v[e].s - ls.v[h + 1].s,
						   &names, prefix, k, &nexpr,
						   r->path);
				for (i = e; i < b; i++) {
					sb_add(&body, ls.v[i].s, ls.v[i].n);
					sb_addc(&body, '\n');
				}
				continue;
			}
			/* a Python block: compiled once in the first initialize */
			{
				struct strbuf code = { 0 };
				int x;

				for (x = e + 1; x < b; x++) {
					const char *t = ls.v[x].s;
					size_t tn = ls.v[x].n, sk = 0;

					/* SmPL comments: spatch drops them too */
					while (sk < tn && (t[sk] == ' ' || t[sk] == '\t'))
						sk++;
					if (sk + 1 < tn && t[sk] == '/' && t[sk + 1] == '/')
						continue;
					sb_add(&code, t, tn);
					sb_addc(&code, '\n');
				}
				sb_addf(&init, "_modref_code[(%d, %d)] = compile(", k, j);
				py_quote(&init, code.buf ? code.buf : "",
					 code.len);
				sb_adds(&init, ", ");
				py_quote(&init, r->path, strlen(r->path));
				sb_adds(&init, ", \"exec\")\n");
				sb_free(&code);
			}
			if (isinit) {
				sb_addf(&init, "_modref_run(%d, %d, {})\n", k, j);
				j++;
				i = b;
				continue;
			}
			rename_words(&body, l, ln, &names, prefix, false);
			sb_addc(&body, '\n');
			/*
			 * An input metavariable gets a name of its own
			 * (spatch 1.1.1 refuses "fn << r.fn" after another
			 * rule's "fn : script:python" constraint); an output
			 * one keeps its name, later rules inherit it.
			 */
			for (i = h + 1; i < e; i++) {
				const char *t = ls.v[i].s;
				size_t tn = ls.v[i].n;
				char *m = script_meta(t, tn);
				const char *in = memmem(t, tn, "<<", 2);

				if (m && in) {
					sv_push(&metas, m);
					sb_addf(&body, "%s%d_%s ", prefix, j, m);
					rename_words(&body, in, tn - (in - t),
						     &names, prefix, true);
				} else {
					free(m);
					rename_words(&body, t, tn, &names,
						     prefix, true);
				}
				sb_addc(&body, '\n');
			}
			sb_addf(&body, "@@\n_modref_run(%d, %d, {", k, j);
			{
				int x;

				for (x = 0; x < metas.n; x++)
					sb_addf(&body, "%s\"%s\": %s%d_%s",
						x ? ", " : "", metas.v[x],
						prefix, j, metas.v[x]);
			}
			sb_adds(&body, "})\n");
			sv_free(&metas);
			j++;
			i = b;
		}
		sv_free(&names);
		free(prefix);
		free(ls.v);
		free(buf);
	}
	sb_adds(&out, "// Generated by modref (merge.c): ");
	for (k = 0; k < n; k++)
		sb_addf(&out, "%s%s", k ? " " : "", rs->r[idx[k]].name);
	sb_adds(&out, "\n");
	if (virt.buf)
		sb_add(&out, virt.buf, virt.len);
	sb_adds(&out, "\n@initialize:python@\n@@\n");
	sb_add(&out, init.buf, init.len);
	sb_adds(&out, "\n");
	if (body.buf)
		sb_add(&out, body.buf, body.len);
	if (write_file(path, out.buf, out.len)) {
		snprintf(err, errlen, "%s: cannot write", path);
		goto out;
	}
	rc = 0;
out:
	sb_free(&virt);
	sb_free(&body);
	sb_free(&init);
	sb_free(&out);
	sv_free(&vnames);
	return rc;
}
