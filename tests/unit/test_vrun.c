// SPDX-License-Identifier: GPL-2.0
/*
 * test_vrun.c - unit tests of modref verify's data readers (src/vrun.c):
 * the family.conf / --config parser (KEY=value lines read as data, never
 * run by a shell: what sh would expand or run is refused with the file and
 * line), split_words() and module_name().
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glob.h>
#include <cmocka.h>

#include "modref.h"
#include "verify.h"

/* TEXT must parse; returns the parsed conf */
static void parse_ok(const char *text, struct conf *c)
{
	char err[256] = "";

	memset(c, 0, sizeof(*c));
	assert_int_equal(conf_parse(text, "fam.conf", c, err, sizeof(err)),
			 0);
	assert_string_equal(err, "");
}

/* TEXT must be refused at LINE, with the message for that line */
static void parse_refused(const char *text, int line)
{
	struct conf c = { 0 };
	char err[256] = "", want[64];

	snprintf(want, sizeof(want), "fam.conf:%d: not a KEY=value line",
		 line);
	assert_int_equal(conf_parse(text, "fam.conf", &c, err, sizeof(err)),
			 -1);
	assert_string_equal(err, want);
	conf_free(&c);
}

static void test_conf_quoting(void **state)
{
	struct conf c;

	parse_ok("A=\"two words\"\n"
		 "B='$(not run) `nor this`; \"x\"'\n"
		 "C=bare-value.ko,b:c/d=e+f@g%h^i!j\n"
		 "D=\n"
		 "E=\"\"\n"
		 "F='a;b' # a comment after the value\n"
		 "G=\"a;b\"\t# and after a tab\n"
		 "H=plain # comment\n"
		 "I=crlf\r\n",
		 &c);
	assert_int_equal(c.keys.n, 9);
	assert_string_equal(conf_get(&c, "A"), "two words");
	assert_string_equal(conf_get(&c, "B"), "$(not run) `nor this`; \"x\"");
	assert_string_equal(conf_get(&c, "C"), "bare-value.ko,b:c/d=e+f@g%h^i!j");
	assert_string_equal(conf_get(&c, "D"), "");
	assert_string_equal(conf_get(&c, "E"), "");
	assert_string_equal(conf_get(&c, "F"), "a;b");
	assert_string_equal(conf_get(&c, "G"), "a;b");
	assert_string_equal(conf_get(&c, "H"), "plain");
	assert_string_equal(conf_get(&c, "I"), "crlf");
	/* a key the file does not set reads as "" */
	assert_string_equal(conf_get(&c, "NOT_SET"), "");
	conf_free(&c);
}

static void test_conf_comments_and_blank_lines(void **state)
{
	struct conf c;

	parse_ok("# a family\n"
		 "\n"
		 "   \t\n"
		 "  # indented comment\n"
		 "  NAME=busmouse\n"
		 "MODULES=\"a.ko b.ko\"\n"
		 "# NAME=not_this\n"
		 "NAME=again\n"
		 "LAST=no-newline",
		 &c);
	/* comments set nothing; a later line wins, the key once */
	assert_int_equal(c.keys.n, 3);
	assert_string_equal(c.keys.v[0], "NAME");
	assert_string_equal(conf_get(&c, "NAME"), "again");
	assert_string_equal(conf_get(&c, "MODULES"), "a.ko b.ko");
	assert_string_equal(conf_get(&c, "LAST"), "no-newline");
	conf_free(&c);

	parse_ok("", &c);
	assert_int_equal(c.keys.n, 0);
	conf_free(&c);
}

static void test_conf_refusals(void **state)
{
	/* what sh would run or expand: refused, at its line */
	parse_refused("A=1\nB=$(rm -rf /)\n", 2);
	parse_refused("A=\"$(id)\"\n", 1);
	parse_refused("# c\n\nA=`id`\n", 3);
	parse_refused("A=\"`id`\"\n", 1);
	parse_refused("A=$HOME\n", 1);
	parse_refused("A=\"${HOME}\"\n", 1);
	parse_refused("A=1; reboot\n", 1);
	parse_refused("A=1;B=2\n", 1);
	parse_refused("A=\"a\\\"b\"\n", 1);
	/* a missing '=' or no key */
	parse_refused("A=1\nB=2\nJUSTAWORD\n", 3);
	parse_refused("A 1\n", 1);
	parse_refused("=1\n", 1);
	parse_refused("1A=1\n", 1);
	parse_refused("export A=1\n", 1);
	parse_refused("A = 1\n", 1);
	/* unterminated quotes, words after the value, globs */
	parse_refused("A=\"open\n", 1);
	parse_refused("A='open\nB=x'\n", 1);
	parse_refused("A=\"a\" b\n", 1);
	parse_refused("A=two words\n", 1);
	parse_refused("A=*.ko\n", 1);
	parse_refused("A=a|b\n", 1);
	parse_refused("A=a&\n", 1);
}

static void test_conf_read(void **state)
{
	char path[] = "/tmp/test_vrun.XXXXXX", err[256] = "", want[128];
	struct conf c = { 0 };
	FILE *f;
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("# x\nNAME='mtd'\n", f);
	fclose(f);
	assert_int_equal(conf_read(path, &c, err, sizeof(err)), 0);
	assert_string_equal(conf_get(&c, "NAME"), "mtd");
	conf_free(&c);

	/* a NUL byte is refused, not read as the end of the file */
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite("A=1\0B=$(id)\n", 1, 12, f);
	fclose(f);
	memset(&c, 0, sizeof(c));
	assert_int_equal(conf_read(path, &c, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:1: not a KEY=value line", path);
	assert_string_equal(err, want);
	conf_free(&c);

	unlink(path);
	memset(&c, 0, sizeof(c));
	assert_int_equal(conf_read(path, &c, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: cannot read: ", path);
	assert_memory_equal(err, want, strlen(want));
}

/* every bundled family.conf is data this parser reads */
static void test_conf_bundled_families(void **state)
{
	glob_t g;
	size_t i;

	assert_int_equal(glob("converted-drivers/*/family.conf", 0, NULL, &g),
			 0);
	assert_true(g.gl_pathc > 0);
	for (i = 0; i < g.gl_pathc; i++) {
		struct conf c = { 0 };
		char err[512] = "";

		if (conf_read(g.gl_pathv[i], &c, err, sizeof(err)))
			fail_msg("%s", err);
		assert_true(c.keys.n > 0);
		conf_free(&c);
	}
	globfree(&g);
}

static void test_split_words(void **state)
{
	struct strvec w = { 0 };

	split_words("  a.ko\tb.ko\n\n c.ko  ", " \t\n", &w);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.v[0], "a.ko");
	assert_string_equal(w.v[1], "b.ko");
	assert_string_equal(w.v[2], "c.ko");
	/* it adds to what OUT holds */
	split_words("x,,y,", ",", &w);
	assert_int_equal(w.n, 5);
	assert_string_equal(w.v[3], "x");
	assert_string_equal(w.v[4], "y");
	sv_free(&w);

	split_words("", " ", &w);
	split_words("   ", " ", &w);
	split_words(NULL, " ", &w);
	assert_int_equal(w.n, 0);
	split_words("one", " ", &w);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.v[0], "one");
	sv_free(&w);
}

static void check_name(const char *path, const char *want)
{
	char *m = module_name(path);

	assert_string_equal(m, want);
	free(m);
}

static void test_module_name(void **state)
{
	check_name("busmouse.ko", "busmouse");
	check_name("/lib/modules/6.1.0/kernel/drivers/mtd/mtd-blkdevs.ko",
		   "mtd_blkdevs");
	check_name("dir/ide-cd.ko.xz", "ide_cd");
	check_name("a-b.ko.zst", "a_b");
	check_name("x/c.ko.gz", "c");
	/* only the module suffixes go */
	check_name("plain-name", "plain_name");
	check_name("file.o", "file.o");
	check_name("odd.xz", "odd.xz");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_quoting),
		cmocka_unit_test(test_conf_comments_and_blank_lines),
		cmocka_unit_test(test_conf_refusals),
		cmocka_unit_test(test_conf_read),
		cmocka_unit_test(test_conf_bundled_families),
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_module_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
