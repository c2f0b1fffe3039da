// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the modref stages (cmocka), built by `make unit` and run
 * by tests/t-unit.sh.  Each test has a case that must not match.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "modref.h"

static int kw(const char *s)
{
	return kw_intern(s, strlen(s));
}

static void scan(const char *text, struct scan_result *r)
{
	memset(r, 0, sizeof(*r));
	scan_buffer(text, strlen(text), r);
}

static void test_keywords_skip_comments_and_strings(void **state)
{
	struct scan_result r;
	int inc = kw("MOD_INC_USE_COUNT"), dec = kw("MOD_DEC_USE_COUNT");
	int own = kw("SET_MODULE_OWNER"), arrow;

	(void)state;
	kw_mark_legacy(inc);
	scan("/* MOD_DEC_USE_COUNT */ int f(void)\n{\n\tMOD_INC_USE_COUNT;\n"
	     "\tprintk(\"SET_MODULE_OWNER\");\n\t// MOD_DEC_USE_COUNT\n"
	     "\tc = 'x';\n}\n", &r);
	assert_true(kw_has(r.kw, inc));
	assert_false(kw_has(r.kw, dec));
	assert_false(kw_has(r.kw, own));
	assert_int_equal(r.nlegacy, 1);
	scan_result_free(&r);
	/* an identifier that only contains a keyword is not the keyword */
	scan("int XMOD_INC_USE_COUNT, MOD_INC_USE_COUNTX;\n", &r);
	assert_false(kw_has(r.kw, inc));
	scan_result_free(&r);
	/* macro bodies count */
	scan("#define GET() \\\n\tMOD_DEC_USE_COUNT\n", &r);
	assert_true(kw_has(r.kw, dec));
	scan_result_free(&r);
	/* "->owner" (Needs:): the name after an arrow only */
	arrow = kw("->owner");
	scan("a.owner = b; c - >owner;\n", &r);
	assert_false(kw_has(r.kw, arrow));
	scan_result_free(&r);
	scan("#define G(x) try_module_get((x)-> /* */ owner)\n", &r);
	assert_true(kw_has(r.kw, arrow));
	scan_result_free(&r);
}

static void test_owner_types(void **state)
{
	struct scan_result r;

	(void)state;
	scan("struct file_operations {\n\tstruct module *owner;\n"
	     "\tint (*open)(void);\n};\n"
	     "struct mtd_info {\n\tint x;\n\tstruct module *module;\n};\n"
	     "struct outer {\n\tstruct inner {\n\t\tint a;\n\t} in;\n"
	     "\tint b;\n};\n"
	     "struct nomod {\n\tstruct module_x *owner;\n\tstruct module m;\n};\n"
	     "void f(struct module *owner);\n", &r);
	assert_int_equal(r.owner_types.n, 2);
	assert_string_equal(r.owner_types.v[0], "file_operations owner");
	assert_string_equal(r.owner_types.v[1], "mtd_info module");
	scan_result_free(&r);
	/* a member of a nested struct belongs to the inner one */
	scan("struct a {\n\tstruct b {\n\t\tstruct module *owner;\n\t} x;\n"
	     "\tint y;\n};\n", &r);
	assert_int_equal(r.owner_types.n, 1);
	assert_string_equal(r.owner_types.v[0], "b owner");
	scan_result_free(&r);
}

static void test_defs_and_includes(void **state)
{
	struct scan_result r;

	(void)state;
	scan("#include \"local.h\"\n#include <linux/fs.h>\n"
	     "static int foo_open(struct inode *i)\n{\n\tbar(1);\n\treturn 0;\n}\n"
	     "int *baz(void);\nmodule_init(foo_init);\n#define MAC(x) (x)\n"
	     "#if defined(CONFIG_X)\n#endif\n", &r);
	assert_int_equal(r.incs.n, 1);
	assert_string_equal(r.incs.v[0], "local.h");
	assert_true(sv_find(&r.defs, "foo_open") >= 0);
	/* a prototype defines nothing */
	assert_int_equal(sv_find(&r.defs, "baz"), -1);
	assert_true(sv_find(&r.defs, "MAC") >= 0);
	assert_int_equal(sv_find(&r.defs, "bar"), -1);
	assert_int_equal(sv_find(&r.defs, "module_init"), -1);
	assert_int_equal(sv_find(&r.defs, "defined"), -1);
	scan_result_free(&r);
}

static void test_crlf_binary(void **state)
{
	struct scan_result r;
	static const char bin[] = "int a;\0\x01\x02";

	(void)state;
	scan("int a;\r\nint b;\r\n", &r);
	assert_true(r.crlf);
	scan_result_free(&r);
	scan("int a;\r\nint b;\n", &r);
	assert_false(r.crlf);
	scan_result_free(&r);
	memset(&r, 0, sizeof(r));
	scan_buffer(bin, sizeof(bin), &r);
	assert_true(r.binary);
	scan_result_free(&r);
	scan("int a;\n", &r);
	assert_false(r.binary);
	scan_result_free(&r);
}

/* a GNU designator after "{" or "," in "= { }", not a label, ?:, case or bit-field */
static void test_gnu_init(void **state)
{
	struct scan_result r;
	static const char *const yes[] = {
		"static struct file_operations f = { open: x_open, };\n",
		"struct s a[] = { { 1 }, {\n#ifdef X\n\tname: \"a\" } };\n",
		"struct t v = { .a = 1, b: 2 };\n",
		NULL
	};
	static const char *const no[] = {
		"int f(void)\n{\n\tint x = a ? b : c;\n\tswitch (x) {\n\tcase Y:\n\t\tbreak;\n\t}\nout:\n\treturn 0;\n}\n",
		"static struct file_operations f = { .open = x_open, };\n",
		"/* { open: x } */ char *s = \"{ open: x }\";\n",
		"static int f(int x)\n{\nagain:\n\tif (x) {\n\tout:\n\t\treturn 0;\n\t}\n\tgoto again;\n}\n",
		"struct b { unsigned a : 1, b : 2; };\nstatic char fw[] = { 1, 2, 3 };\n",
		"#define T { name: \"x\" }\n",
		NULL
	};
	size_t i;

	(void)state;
	for (i = 0; yes[i]; i++) {
		scan(yes[i], &r);
		assert_true(r.gnu_init);
		scan_result_free(&r);
	}
	for (i = 0; no[i]; i++) {
		scan(no[i], &r);
		assert_false(r.gnu_init);
		scan_result_free(&r);
	}
}

/* a ';' after a bare declarer line, and the same text back */
static void test_declarer_semis(void **state)
{
	static const char rule[] =
		"@r@\ndeclarer name module_init, module_exit;\n"
		"  declarer name MODULE_LICENSE;\nidentifier fn;\n@@\n";
	static const char text[] =
		"static int x;\n"
		"#define M(a) \\\n\tmodule_init(a)\n"
		"module_init(x_init)\n"
		"\tmodule_exit(x_exit)   /* the exit */\n"
		"MODULE_LICENSE(\"GPL (a)\")\n"
		"module_init(y_init);\n"
		"module_exit(y_exit)\n;\n"
		"my_init(z)\n";
	static const char want[] =
		"static int x;\n"
		"#define M(a) \\\n\tmodule_init(a)\n"
		"module_init(x_init);\n"
		"\tmodule_exit(x_exit);   /* the exit */\n"
		"MODULE_LICENSE(\"GPL (a)\");\n"
		"module_init(y_init);\n"
		"module_exit(y_exit)\n;\n"
		"my_init(z)\n";
	static const char twice[] = "module_init(a)\n#else\nmodule_init(a);\n";
	struct strvec names = { 0 }, fixed = { 0 };
	struct strbuf out = { 0 }, back = { 0 };

	(void)state;
	declarers_read(rule, strlen(rule), &names);
	assert_int_equal(names.n, 3);
	assert_true(sv_find(&names, "MODULE_LICENSE") >= 0);
	assert_true(semi_add(text, strlen(text), &names, &out, &fixed));
	assert_string_equal(out.buf, want);
	assert_int_equal(fixed.n, 6);
	semi_strip(out.buf, out.len, &fixed, &back);
	assert_string_equal(back.buf, text);
	sb_free(&out);
	sb_free(&back);
	sv_free(&fixed);
	/* the form with ';' is a line of the file already: left */
	assert_false(semi_add(twice, strlen(twice), &names, &out, &fixed));
	assert_int_equal(fixed.n, 0);
	sv_free(&names);
}

/* a name wrapper of the macro file shown as the name, and put back */
static void test_unwrap(void **state)
{
	static const char macros[] =
		"// #define NOT(a) a\n"
		"#define SOCKOPS_WRAPPED(__name) __name\n"
		"#define OF(__args) __args\n"
		"#define CM(__i, __j) [(__i) + (__j)]\n"
		"#define TWICE(a) a a\n"
		"  #define\tW2( x )  x \r\n";
	static const char text[] =
		"static struct proto_ops SOCKOPS_WRAPPED(x_ops) = {\n"
		"\tfamily: PF_X,\n"
		"};\n"
		"#define Y SOCKOPS_WRAPPED(y_ops)\n"
		"/* SOCKOPS_WRAPPED(c) */ char *s = \"SOCKOPS_WRAPPED(s)\";\n"
		"int W2 ( a ), W2(b);\n"
		"int xSOCKOPS_WRAPPED(z), OF((int q));\n";
	static const char want[] =
		"static struct proto_ops x_ops = {\n"
		"\tfamily: PF_X,\n"
		"};\n"
		"#define Y SOCKOPS_WRAPPED(y_ops)\n"
		"/* SOCKOPS_WRAPPED(c) */ char *s = \"SOCKOPS_WRAPPED(s)\";\n"
		"int a, b;\n"
		"int xSOCKOPS_WRAPPED(z), OF((int q));\n";
	/* what a rule may do: lines added and changed around them */
	static const char patched[] =
		"static struct proto_ops x_ops = {\n"
		"\t.owner = THIS_MODULE,\n"
		"\t.family = PF_X,\n"
		"};\n"
		"int a, b;\n";
	static const char back_want[] =
		"static struct proto_ops SOCKOPS_WRAPPED(x_ops) = {\n"
		"\t.owner = THIS_MODULE,\n"
		"\t.family = PF_X,\n"
		"};\n"
		"int W2 ( a ), W2(b);\n";
	static const char rewrote[] =
		"static struct proto_ops x_ops = { .owner = THIS_MODULE,\n"
		"int a, b, c;\n";
	/* a forward declaration of the wrapped name, as 2.4 wrote it */
	static const char fwd[] =
		"static struct proto_ops x_ops;\n"
		"static struct proto_ops SOCKOPS_WRAPPED(x_ops) = {\n";
	static const char same[] =
		"struct proto_ops SOCKOPS_WRAPPED(x_ops);\n"
		"struct proto_ops x_ops;\n";
	struct strvec names = { 0 }, fixed = { 0 };
	struct strbuf out = { 0 }, back = { 0 };

	(void)state;
	wrappers_read(macros, strlen(macros), &names);
	assert_int_equal(names.n, 3);
	assert_true(sv_find(&names, "SOCKOPS_WRAPPED") >= 0);
	assert_true(sv_find(&names, "OF") >= 0);
	assert_true(sv_find(&names, "W2") >= 0);
	assert_true(unwrap_add(text, strlen(text), &names, &out, &fixed));
	assert_string_equal(out.buf, want);
	assert_int_equal(fixed.n, 4);
	assert_int_equal(unwrap_strip(out.buf, out.len, &fixed, &back), 0);
	assert_string_equal(back.buf, text);
	sb_free(&back);
	assert_int_equal(unwrap_strip(patched, strlen(patched), &fixed, &back),
			 0);
	assert_string_equal(back.buf, back_want);
	sb_free(&back);
	/* a rule rewrote two unwrapped lines: counted */
	assert_int_equal(unwrap_strip(rewrote, strlen(rewrote), &fixed, &back),
			 2);
	sb_free(&back);
	sb_free(&out);
	sv_free(&fixed);
	/* a forward declaration is another line: unwrapped all the same */
	assert_true(unwrap_add(fwd, strlen(fwd), &names, &out, &fixed));
	assert_int_equal(fixed.n, 2);
	assert_int_equal(unwrap_strip(out.buf, out.len, &fixed, &back), 0);
	assert_string_equal(back.buf, fwd);
	sb_free(&back);
	sb_free(&out);
	sv_free(&fixed);
	/* the unwrapped line is a line of the file already: the file is left */
	assert_false(unwrap_add(same, strlen(same), &names, &out, &fixed));
	assert_int_equal(fixed.n, 0);
	sv_free(&names);
}

static void test_mentions(void **state)
{
	struct strvec names = { 0 };

	(void)state;
	sv_push(&names, xstrdup("foo_open"));
	assert_true(scan_mentions("x = { open: foo_open };", 23, &names));
	assert_false(scan_mentions("/* foo_open */ \"foo_open\" foo_opener", 36,
				   &names));
	/* a call is not a table entry */
	assert_false(scan_mentions("x = foo_open (1);", 17, &names));
	sv_free(&names);
}

static void test_rule_header(void **state)
{
	struct rule r = { 0 };
	char err[256];
	int a = kw("alpha_tok"), b = kw("beta_tok");
	uint64_t k[KW_WORDS] = { 0 };

	(void)state;
	assert_int_equal(rule_parse_header(&r,
		"/// First line\n///\n/// Second.\n// Confidence: High\n"
		"// Options: --no-includes --max-width 100\n// Mode: patch\n"
		"// Order: 40\n// Keywords: alpha_tok\n// Keywords: beta_tok gamma_tok\n",
		err, sizeof(err)), 0);
	assert_int_equal(r.mode, MODE_PATCH);
	assert_int_equal(r.order, 40);
	assert_false(r.rchanged);
	assert_int_equal(r.nlines, 2);
	assert_int_equal(r.opts.n, 3);
	assert_string_equal(r.confidence, "High");
	assert_string_equal(r.summary, "First line\n\nSecond.\n");
	/* Keywords lines are and-ed, the tokens of one line or-ed */
	kw_set(k, a);
	assert_false(rule_matches(&r, k));
	kw_set(k, b);
	assert_true(rule_matches(&r, k));

	memset(&r, 0, sizeof(r));
	assert_int_equal(rule_parse_header(&r, "// Mode: both\n", err,
					   sizeof(err)), -1);
	assert_non_null(strstr(err, "Mode"));
	memset(&r, 0, sizeof(r));
	assert_int_equal(rule_parse_header(&r, "// Mode: report\n// Order: 1\n",
					   err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Keywords"));
	memset(&r, 0, sizeof(r));
	assert_int_equal(rule_parse_header(&r,
		"// Mode: report\n// Order: 1\n// Keywords: *\n", err,
		sizeof(err)), 0);
	assert_true(rule_is_star(&r));
	assert_int_equal(r.opts.n, 2);	/* the default options */
	/* Needs: identifiers, <owner-table> and <gnu-init>, nothing else */
	memset(&r, 0, sizeof(r));
	assert_int_equal(rule_parse_header(&r,
		"// Mode: report\n// Order: 1\n// Keywords: alpha_tok\n"
		"// Needs: beta_tok <owner-table>\n// Needs: ->gamma_tok <gnu-init>\n"
		"// Scope: function\n// Reports: changed\n", err, sizeof(err)), 0);
	assert_true(r.fscope);
	assert_true(r.rchanged);
	assert_int_equal(r.nneeds, 2);
	assert_int_equal(r.needs[1].kw[0], kw("->gamma_tok"));
	assert_int_equal(r.nlines, 1);
	assert_int_equal(r.needs[0].nkw, 1);
	assert_true(r.needs[0].table);
	assert_false(r.needs[0].gnu_init);
	assert_true(r.needs[1].gnu_init);
	assert_false(r.needs[1].table);
	memset(&r, 0, sizeof(r));
	assert_int_equal(rule_parse_header(&r,
		"// Mode: report\n// Order: 1\n// Keywords: alpha_tok\n"
		"// Needs: *\n", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "Needs"));
}

/* the same text through fold(1) must give the same lines */
static void test_tables_without_owner(void **state)
{
	struct scan_result r;

	(void)state;
	scan("static const struct file_operations a_fops = {\n"
	     "\t.open = a_open,\n};\n"
	     "static struct file_operations __maybe_unused b_fops = {\n"
	     "\t.owner = THIS_MODULE, .open = b_open,\n};\n"
	     "struct file_operations c_fops = { .read = seq_read, };\n"
	     "struct foo_ops d[] = { { .owner = THIS_MODULE } };\n"
	     "struct foo_ops e = {\n#ifdef X\n\t.owner = THIS_MODULE,\n"
	     "#endif\n};\n"
	     "struct foo_ops *f(void) { struct foo_ops x; x.y = 1; }\n"
	     "int g(struct foo_ops v) { return 0; }\n", &r);
	/* b has .owner, c is a seq_file table; d's owner is not top level */
	assert_int_equal(r.tables.n, 3);
	assert_string_equal(r.tables.v[0], "file_operations a_fops");
	assert_string_equal(r.tables.v[1], "foo_ops d");
	assert_string_equal(r.tables.v[2], "foo_ops e");
	scan_result_free(&r);
	/* debugfs_only(): a debugfs call and no other way to a file */
	assert_true(scan_debugfs_only("debugfs_create_file_unsafe (x);", 31));
	assert_false(scan_debugfs_only("debugfs_create_filex;", 21));
	assert_false(scan_debugfs_only("debugfs_create_file(x); misc_register(&m);",
				       42));
	assert_false(scan_debugfs_only("debugfs_create_file(x); p->fops = &f;",
				       37));
	assert_true(scan_debugfs_only("debugfs_create_file(x); p->xfops = &f;",
				      38));
}

static void test_fold_like_coreutils(void **state)
{
	const char *sum = "Remove module use counting (MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT and\n"
		"__MOD_INC/DEC_USE_COUNT(THIS_MODULE)) from the methods of a method table\n"
		"\n"
		"  X && !try_inc_mod_count(X)   -> !try_module_get(X)  (NULL guard dropped:\n"
		"averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword end\n";
	struct strbuf sb = { 0 };
	char *out, *cmd;
	FILE *p;
	char buf[4096];
	size_t n;

	(void)state;
	fold_paragraphs(sum, 68, &sb);
	cmd = xasprintf("printf '%%s\\n\\n%%s %%s\\n' '%s' '%s' '%s' | fold -s -w 68 | sed -e 's/[[:space:]]*$//' -e 's/^./  &/'",
			"Remove module use counting (MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT and __MOD_INC/DEC_USE_COUNT(THIS_MODULE)) from the methods of a method table",
			"  X && !try_inc_mod_count(X)   -> !try_module_get(X)  (NULL guard dropped:",
			"averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword end");
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	out = sb.buf;
	/* the second paragraph is two lines of the summary, joined */
	assert_string_equal(out, buf);
	free(cmd);
	sb_free(&sb);
}

static void test_slug_and_prefix(void **state)
{
	struct strvec f = { 0 };
	char *s;

	(void)state;
	s = slug_of("char: busmouse: convert to try_module_get()/module_put()");
	assert_string_equal(s, "char-busmouse-convert-to-try_module_get-module_put");
	free(s);
	s = slug_of("--a..");
	assert_string_equal(s, "a");
	free(s);
	sv_push(&f, xstrdup("drivers/char/busmouse.c"));
	s = subject_prefix("/t/linux", "drivers/char", &f);
	assert_string_equal(s, "char: busmouse");
	free(s);
	sv_push(&f, xstrdup("drivers/char/vmouse.c"));
	s = subject_prefix("/t/converted-drivers/busmouse/legacy", ".", &f);
	assert_string_equal(s, "busmouse");
	free(s);
	sv_free(&f);
}

static void test_names(void **state)
{
	char err[256], *p, *e, cwd[4096];

	(void)state;
	assert_true(name_is_safe("drivers/char/busmouse.c"));
	assert_false(name_is_safe("drivers/-vm.c"));
	assert_false(name_is_safe("-vm.c"));
	assert_false(name_is_safe("a b.c"));
	assert_false(name_is_safe("a\nb.c"));
	assert_false(name_is_safe("a:b.c"));
	assert_false(name_is_safe("caf\xe9.c"));
	assert_true(name_is_safe("v`touch PWNED`.c") == false ||
		    strchr("v`touch PWNED`.c", ' '));
	assert_true(name_is_patchable("v`touch $x`.c"));
	assert_false(name_is_patchable("a\nb.c"));
	assert_false(name_is_patchable("a\tb.c"));
	e = escape_name("a\nb\xff.c");
	assert_string_equal(e, "a\\nb\\xff.c");
	free(e);
	assert_true(path_inside("/a/b/c", "/a/b"));
	assert_true(path_inside("/a/b", "/a/b"));
	assert_false(path_inside("/a/bc", "/a/b"));
	/* ".." and symbolic links are resolved before the comparison */
	p = real_out_path("/tmp/no-such-dir-xyz/../modref-unit/out", err,
			  sizeof(err));
	assert_string_equal(p, "/tmp/modref-unit/out");
	free(p);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	unlink("/tmp/modref-unit-link");
	assert_int_equal(symlink("/usr", "/tmp/modref-unit-link"), 0);
	p = real_out_path("/tmp/modref-unit-link/x/out", err, sizeof(err));
	assert_string_equal(p, "/usr/x/out");
	free(p);
	unlink("/tmp/modref-unit-link");
}

static void test_report_line(void **state)
{
	char *f, *m;
	long l;

	(void)state;
	assert_int_equal(spatch_report_line("./a/b.c:12:4-9: left: x", &f, &l,
					    &m), 0);
	assert_string_equal(f, "a/b.c");
	assert_int_equal(l, 12);
	assert_string_equal(m, "left: x");
	free(f);
	free(m);
	assert_int_equal(spatch_report_line("HANDLING: a.c", &f, &l, &m), -1);
	assert_int_equal(spatch_report_line("a.c:x:1-2: m", &f, &l, &m), -1);
}

static void test_log_parse(void **state)
{
	static const char log[] =
		"init_defs_builtins: /usr/lib/coccinelle/standard.h\n"
		"HANDLING: d/a.c d/b.c\n"
		"parse error\n"
		" = File \"d/a.c\", line 9, column 9, charpos = 80\n"
		"  around = ')',\n"
		" = File \"/tmp/cocci-output-1-x.c\", line 3, column 0\n"
		"HANDLING: e/c.c e/d.c\n"
		"ERROR-RECOV: end of file while in recovery mode\n"
		"HANDLING: f/x.c\n"
		"timeout (we abort): f/x.c\n"
		"HANDLING: g/y.c\n"
		"EXN: Failure(\"boom\") in g/y.c\n"
		"HANDLING: h/z.c\n"
		"ERROR-RECOV: found sync end of #define, line 1\n"
		"parsing pass2: try again\n"
		"ERROR-RECOV: found sync end of #define, line 1\n"
		"parse error\n"
		" = File \"h/z.c\", line 1, column 28, charpos = 28\n"
		"  around = '',\n"
		"ERROR-RECOV: found sync '}' at line 12\n"
		"parse error\n"
		" = File \"h/z.c\", line 7, column 2, charpos = 90\n"
		"  around = 'x',\n";
	struct parse_recs pr = { 0 };

	(void)state;
	spatch_log_parse(log, strlen(log), &pr);
	assert_int_equal(pr.n, 7);
	/* in a #define body, then in code */
	assert_int_equal(pr.v[5].kind, PK_DEFINE);
	assert_int_equal(pr.v[5].line, 1);
	assert_int_equal(pr.v[6].kind, PK_LOCATED);
	assert_int_equal(pr.v[6].line, 7);
	assert_int_equal(pr.v[0].kind, PK_LOCATED);
	assert_string_equal(pr.v[0].file, "d/a.c");
	assert_int_equal(pr.v[0].line, 9);
	assert_non_null(strstr(pr.v[0].msg, "near ')'"));
	assert_int_equal(pr.v[1].kind, PK_SUSPECT);
	assert_string_equal(pr.v[1].file, "e/c.c");
	assert_int_equal(pr.v[2].kind, PK_SUSPECT);
	assert_int_equal(pr.v[3].kind, PK_TIMEOUT);
	assert_string_equal(pr.v[3].file, "f/x.c");
	assert_int_equal(pr.v[4].kind, PK_EXN);
	assert_string_equal(pr.v[4].file, "g/y.c");
	parse_recs_free(&pr);
}

static void test_findings_sorted(void **state)
{
	struct findings fs = { 0 };

	(void)state;
	findings_add(&fs, "b.c", 2, "r", "m");
	findings_add(&fs, "a.c", 10, "r", "m");
	findings_add(&fs, "a.c", 9, "r", "m\r\nx");
	findings_add(&fs, "a.c", 10, "r", "m");
	findings_sort_uniq(&fs);
	assert_int_equal(fs.n, 3);
	assert_int_equal(fs.v[0].line, 9);
	assert_string_equal(fs.v[0].msg, "m x");
	assert_int_equal(fs.v[1].line, 10);
	assert_string_equal(fs.v[2].file, "b.c");
	findings_free(&fs);
}

static void test_fix_continuations(void **state)
{
	const char *old = "#define put(f) \\\n"
			  "do {\t\\\n"
			  "\tif ((f) && (f)->owner) \\\n"
			  "\t\tdec((f)->owner);\t\\\n"
			  "} while (0)\n"
			  "int x;\n";
	const char *lost = "#define put(f) \\\n"
			   "do {\t\\\n"
			   "\tif ((f))\r\n"
			   "\t\tmodule_put((f)->owner);\t\\\n"
			   "} while (0)\n"
			   "int x;\n";
	/* the macro really ends after "a": the next line is not spatch's */
	const char *ends = "#define A \\\n\ta\nb(c, \\\n\td);\n";
	char *fixed;
	size_t n;

	(void)state;
	fixed = fix_continuations(lost, strlen(lost), old, strlen(old), &n);
	assert_non_null(fixed);
	assert_int_equal(n, strlen(lost) + 2);
	assert_non_null(strstr(fixed, "\tif ((f)) \\\r\n"));
	free(fixed);
	/* an unchanged file, and a line that was already there, stay */
	assert_null(fix_continuations(old, strlen(old), old, strlen(old), &n));
	assert_null(fix_continuations(ends, strlen(ends), ends, strlen(ends),
				      &n));
}

/* two rule files whose rule names, Python globals and metavariables clash */
static void test_merge_rules(void **state)
{
	static const char a[] =
		"// Mode: report\n// Order: 1\n// Keywords: foo\n"
		"virtual report\n\n@initialize:python@\n@@\nseen = set()\n\n"
		"@r@\nidentifier fn : script:python () { fn in seen };\n"
		"position p;\n@@\nfn@p(...)\n\n"
		"@script:python depends on r@\np << r.p;\n@@\n"
		"// a SmPL comment\nprint(p)\n";
	static const char b[] =
		"// Mode: report\n// Order: 2\n// Keywords: foo\n"
		"virtual report\nvirtual org\n\n@initialize:python@\n@@\nseen = 2\n\n"
		"@r depends on !org@\nexpression r;\n@@\nr.x\n";
	char dir[] = "/tmp/test-merge.XXXXXX", err[256], *pa, *pb, *out, *txt;
	struct ruleset rs = { 0 };
	int idx[2] = { 0, 1 };
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	pa = path_join(dir, "a.cocci");
	pb = path_join(dir, "b.cocci");
	out = path_join(dir, "m.cocci");
	assert_int_equal(write_file(pa, a, strlen(a)), 0);
	assert_int_equal(write_file(pb, b, strlen(b)), 0);
	assert_int_equal(rules_load(&rs, dir, false, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(merge_rules(&rs, idx, 2, out, err, sizeof(err)), 0);
	assert_int_equal(read_file(out, &txt, &len), 0);
	/* virtual lines once each, before anything else */
	assert_non_null(strstr(txt, "virtual report\nvirtual org\n"));
	assert_null(strstr(strstr(txt, "virtual org\n") + 1, "virtual report"));
	/* rule names apart, in headers, depends on and inherited names */
	assert_non_null(strstr(txt, "@m0_r@\n"));
	assert_non_null(strstr(txt, "@m1_r depends on !org@\n"));
	assert_non_null(strstr(txt, "@script:python depends on m0_r@\n"));
	assert_non_null(strstr(txt, "<< m0_r.p;"));
	/* a metavariable that shares a rule's name, and the body, untouched */
	assert_non_null(strstr(txt, "expression r;\n@@\nr.x\n"));
	/* each file's Python in its own namespace */
	assert_non_null(strstr(txt, "_modref_code[(0, 0)] = compile(\"seen = set()\\n"));
	assert_non_null(strstr(txt, "_modref_code[(1, 0)] = compile(\"seen = 2\\n"));
	assert_null(strstr(txt, "\nseen = "));
	/* the constraint runs in its rule's namespace; comments are gone */
	assert_non_null(strstr(txt, "fn : script:python () { _modref_test(0, 0, fn=fn) };"));
	assert_non_null(strstr(txt, "compile(\"fn in seen\""));
	assert_null(strstr(txt, "a SmPL comment"));
	free(txt);
	/* a rule with a header and no @@ is refused */
	assert_int_equal(write_file(pb, "// Mode: report\n// Order: 2\n@r@\nexpression e;\n",
				    46), 0);
	assert_int_equal(merge_rules(&rs, idx, 2, out, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "without @@"));
	rm_rf(dir);
	free(pa);
	free(pb);
	free(out);
}

static void test_keep_legacy_defines(void **state)
{
	/* a driver's fallbacks; the second one is defined twice */
	const char *old = "#ifndef MOD_INC_USE_COUNT\n"
			  "#define MOD_INC_USE_COUNT\t__MOD_INC_USE_COUNT(THIS_MODULE)\n"
			  "#endif\n"
			  "#ifdef MODULE\n"
			  "#  define MOD_DEC_USE_COUNT \\\n"
			  "\t__MOD_DEC_USE_COUNT(THIS_MODULE)\n"
			  "#else\n"
			  "#define MOD_DEC_USE_COUNT do { } while (0)\n"
			  "#endif\n"
			  "#define put(f) __MOD_DEC_USE_COUNT((f)->owner)\n"
			  "static void f(void)\n{\n\tMOD_DEC_USE_COUNT;\n}\n";
	/* what a rule made of it: the definitions and the rest rewritten */
	const char *got = "#ifndef MOD_INC_USE_COUNT\n"
			  "#define MOD_INC_USE_COUNT\t__module_get(THIS_MODULE)\n"
			  "#endif\n"
			  "#ifdef MODULE\n"
			  "#  define MOD_DEC_USE_COUNT \\\n"
			  "\tmodule_put(THIS_MODULE)\n"
			  "#else\n"
			  "#define MOD_DEC_USE_COUNT do { } while (0)\n"
			  "#endif\n"
			  "#define put(f) module_put((f)->owner)\n"
			  "static void f(void)\n{\n}\n";
	const char *want = "#ifndef MOD_INC_USE_COUNT\n"
			   "#define MOD_INC_USE_COUNT\t__MOD_INC_USE_COUNT(THIS_MODULE)\n"
			   "#endif\n"
			   "#ifdef MODULE\n"
			   "#  define MOD_DEC_USE_COUNT \\\n"
			   "\t__MOD_DEC_USE_COUNT(THIS_MODULE)\n"
			   "#else\n"
			   "#define MOD_DEC_USE_COUNT do { } while (0)\n"
			   "#endif\n"
			   "#define put(f) module_put((f)->owner)\n"
			   "static void f(void)\n{\n}\n";
	/* a continued line is not a directive; one definition less: left */
	const char *cont = "#define A \\\n#define MOD_IN_USE x\n";
	const char *cont2 = "#define A \\\n#define MOD_IN_USE y\n";
	const char *two = "#define MOD_IN_USE 1\n#define MOD_IN_USE 2\n";
	const char *one = "#define MOD_IN_USE 3\n";
	char *fixed;
	size_t n;

	(void)state;
	kw_mark_legacy(kw_intern("MOD_INC_USE_COUNT", 17));
	kw_mark_legacy(kw_intern("MOD_DEC_USE_COUNT", 17));
	kw_mark_legacy(kw_intern("MOD_IN_USE", 10));
	fixed = keep_legacy_defines(got, strlen(got), old, strlen(old), &n);
	assert_non_null(fixed);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(fixed, want, n);
	free(fixed);
	assert_null(keep_legacy_defines(old, strlen(old), old, strlen(old), &n));
	assert_null(keep_legacy_defines(want, strlen(want), old, strlen(old),
					&n));
	assert_null(keep_legacy_defines(cont2, strlen(cont2), cont,
					strlen(cont), &n));
	assert_null(keep_legacy_defines(one, strlen(one), two, strlen(two),
					&n));
}

static void test_add_module_include(void **state)
{
	const char *old = "/* vcfg.c */\n#include <linux/config.h>\n"
			  "#include <linux/fs.h>\n#include \"vcard.h\"\n"
			  "void f(void)\n{\n\tvops.open = v_open;\n}\n";
	const char *got = "/* vcfg.c */\n#include <linux/config.h>\n"
			  "#include <linux/fs.h>\n#include \"vcard.h\"\n"
			  "void f(void)\n{\n\tvops.open = v_open;\n"
			  "\tvops.owner = THIS_MODULE;\n}\n";
	const char *want = "/* vcfg.c */\n#include <linux/config.h>\n"
			   "#include <linux/module.h>\n"
			   "#include <linux/fs.h>\n#include \"vcard.h\"\n"
			   "void f(void)\n{\n\tvops.open = v_open;\n"
			   "\tvops.owner = THIS_MODULE;\n}\n";
	/* a guarded header: the outermost level that has an include */
	const char *hold = "#ifndef V_H\n#define V_H\n#ifdef V_DEBUG\n"
			   "#include <linux/kernel.h>\n#endif\n"
			   "#include <linux/fs.h>\n#endif\n";
	const char *hgot = "#ifndef V_H\n#define V_H\n#ifdef V_DEBUG\n"
			   "#include <linux/kernel.h>\n#endif\n"
			   "#include <linux/fs.h>\n#define VO THIS_MODULE\n#endif\n";
	const char *has = "#  include <linux/module.h>\nint x = THIS_MODULE;\n";
	const char *none = "#include \"vcard.h\"\nint x = THIS_MODULE;\n";
	char *fixed;
	size_t n;

	(void)state;
	fixed = add_module_include(got, strlen(got), old, strlen(old), &n);
	assert_non_null(fixed);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(fixed, want, n);
	free(fixed);
	fixed = add_module_include(hgot, strlen(hgot), hold, strlen(hold), &n);
	assert_non_null(fixed);
	assert_non_null(strstr(fixed, "#endif\n#include <linux/module.h>\n"
				      "#include <linux/fs.h>\n"));
	free(fixed);
	/* already there, THIS_MODULE was there before, nothing to go next to */
	assert_null(add_module_include(has, strlen(has), "", 0, &n));
	assert_null(add_module_include(got, strlen(got), got, strlen(got), &n));
	assert_null(add_module_include(none, strlen(none), "", 0, &n));
}

/* Needs: <legacy-define>: a #define whose body names a legacy name */
static void test_legacy_define(void **state)
{
	static const struct {
		const char *text;
		bool hit;
	} cases[] = {
		{ "#define BLK_INC_USE_COUNT MOD_INC_USE_COUNT\n", true },
		{ "# define mpt_dec() \\\n\tMOD_DEC_USE_COUNT\n", true },
		/* a fallback of the legacy name itself: no alias */
		{ "#ifndef MOD_INC_USE_COUNT\n#define MOD_INC_USE_COUNT\n#endif\n", false },
		/* the name in a condition, in code, in a comment */
		{ "#if defined(MOD_INC_USE_COUNT)\n#endif\n", false },
		{ "int f(void)\n{\n\tMOD_INC_USE_COUNT;\n}\n", false },
		{ "#define X 1 /* MOD_INC_USE_COUNT */\n", false },
		/* the next line is code again */
		{ "#define X 1\nMOD_INC_USE_COUNT;\n", false },
	};
	struct scan_result r;
	size_t i;

	(void)state;
	kw_mark_legacy(kw("MOD_INC_USE_COUNT"));
	kw_mark_legacy(kw("MOD_DEC_USE_COUNT"));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		scan(cases[i].text, &r);
		if (r.legacy_define != cases[i].hit)
			fail_msg("case %zu: %s", i, cases[i].text);
		scan_result_free(&r);
	}
}

/* Needs: <void-take>: __MOD_INC_USE_COUNT( in a static void body */
static void test_void_take(void **state)
{
	static const struct {
		const char *text;
		bool hit;
	} cases[] = {
		{ "static void get(struct c *c)\n{\n\t__MOD_INC_USE_COUNT(c->m);\n}\n",
		  true },
		{ "static inline void get(void)\n{\n\tif (m)\n\t\t__MOD_INC_USE_COUNT(m);\n}\n",
		  true },
		{ "static void __init get(void)\n{\n\t__MOD_INC_USE_COUNT(m);\n}\n",
		  true },
		/* an int function, a void one not static, a prototype */
		{ "static int get(void)\n{\n\t__MOD_INC_USE_COUNT(m);\n}\n",
		  false },
		{ "void get(void)\n{\n\t__MOD_INC_USE_COUNT(m);\n}\n", false },
		{ "static void get(void);\nint f(void)\n{\n\t__MOD_INC_USE_COUNT(m);\n}\n",
		  false },
		/* after the body, in a comment, in a macro */
		{ "static void get(void)\n{\n}\nint f(void)\n{\n\t__MOD_INC_USE_COUNT(m);\n}\n",
		  false },
		{ "static void get(void)\n{\n\t/* __MOD_INC_USE_COUNT(m) */\n}\n",
		  false },
		{ "#define GET() __MOD_INC_USE_COUNT(m)\n", false },
	};
	struct scan_result r;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		scan(cases[i].text, &r);
		if (r.void_take != cases[i].hit)
			fail_msg("case %zu: %s", i, cases[i].text);
		scan_result_free(&r);
	}
}

/* write s to path, or fail the test */
static void put(const char *path, const char *s)
{
	assert_int_equal(write_file(path, s, strlen(s)), 0);
}

static void test_tree_version(void **state)
{
	char dir[] = "/tmp/test-tv.XXXXXX", *mk, *ln, *v;

	(void)state;
	assert_non_null(mkdtemp(dir));
	mk = path_join(dir, "Makefile");
	ln = path_join(dir, "real");
	/* no Makefile: no version */
	assert_null(tree_version(dir));
	put(mk, "VERSION = 2\nPATCHLEVEL = 4\nSUBLEVEL = 10\nEXTRAVERSION =-pre3\n");
	v = tree_version(dir);
	assert_string_equal(v, "2.4.10");
	free(v);
	/* a later SUBLEVEL line does not count, the first one does */
	put(mk, "VERSION=2\nPATCHLEVEL\t= 4\nSUBLEVEL = 31\nSUBLEVEL = 9\n");
	v = tree_version(dir);
	assert_string_equal(v, "2.4.31");
	free(v);
	/* not a plain number, a missing line: no version */
	put(mk, "VERSION = 2\nPATCHLEVEL = 4\nSUBLEVEL = $(X)\n");
	assert_null(tree_version(dir));
	put(mk, "VERSION = 2\nSUBLEVEL = 31\n");
	assert_null(tree_version(dir));
	/* a symbolic link is not followed */
	put(mk, "VERSION = 2\nPATCHLEVEL = 4\nSUBLEVEL = 31\n");
	assert_int_equal(rename(mk, ln), 0);
	assert_int_equal(symlink(ln, mk), 0);
	assert_null(tree_version(dir));
	rm_rf(dir);
	free(mk);
	free(ln);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keywords_skip_comments_and_strings),
		cmocka_unit_test(test_owner_types),
		cmocka_unit_test(test_defs_and_includes),
		cmocka_unit_test(test_crlf_binary),
		cmocka_unit_test(test_gnu_init),
		cmocka_unit_test(test_declarer_semis),
		cmocka_unit_test(test_unwrap),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_rule_header),
		cmocka_unit_test(test_tables_without_owner),
		cmocka_unit_test(test_fold_like_coreutils),
		cmocka_unit_test(test_slug_and_prefix),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_report_line),
		cmocka_unit_test(test_log_parse),
		cmocka_unit_test(test_findings_sorted),
		cmocka_unit_test(test_fix_continuations),
		cmocka_unit_test(test_merge_rules),
		cmocka_unit_test(test_keep_legacy_defines),
		cmocka_unit_test(test_void_take),
		cmocka_unit_test(test_add_module_include),
		cmocka_unit_test(test_tree_version),
		cmocka_unit_test(test_legacy_define),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
