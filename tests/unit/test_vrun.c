// SPDX-License-Identifier: GPL-2.0
/*
 * test_vrun.c - unit tests of modref verify's data readers (src/vrun.c):
 * the family.conf / --config parser (KEY=value lines read as data, never
 * run by a shell: what sh would expand or run is refused with the file and
 * line), split_words(), module_name() and vspawn() (time limit, capture,
 * what a program leaves in its process group).
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
#include <signal.h>
#include <sys/wait.h>
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

/* '#' starts a comment only at the start of a word, as in sh */
static void test_conf_hash_in_value(void **state)
{
	struct conf c;

	parse_ok("A=a#b\n"
		 "B=x#y # and a comment\n"
		 "C=#x\n"
		 "D='q#r' # in quotes\n"
		 "E=e #comment#with#hashes\n",
		 &c);
	assert_string_equal(conf_get(&c, "D"), "q#r");
	assert_string_equal(conf_get(&c, "A"), "a#b");
	assert_string_equal(conf_get(&c, "B"), "x#y");
	assert_string_equal(conf_get(&c, "C"), "#x");
	assert_string_equal(conf_get(&c, "E"), "e");
	conf_free(&c);
	/* a '#' glued to a quoted value: sh would join them; refused */
	parse_refused("A=1\nB=\"q\"#r\n", 2);
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

	/* the NUL's own line is named, not line 1 */
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite("A=1\n# c\nB=2\0$(id)\nC=3\n", 1, 22, f);
	fclose(f);
	memset(&c, 0, sizeof(c));
	assert_int_equal(conf_read(path, &c, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:3: not a KEY=value line", path);
	assert_string_equal(err, want);
	conf_free(&c);

	/* an earlier bad line is named first */
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite("A=$x\nB=2\0\n", 1, 11, f);
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

static void test_dash_to_underscore(void **state)
{
	char a[] = "a-b--c-", b[] = "", c[] = "plain_name";

	assert_string_equal(dash_to_underscore(a), "a_b__c_");
	assert_string_equal(dash_to_underscore(b), "");
	assert_string_equal(dash_to_underscore(c), "plain_name");
}

/* PID is gone or a zombie (ended, not yet reaped by its new parent) */
static bool pid_dead(pid_t pid)
{
	char path[64], buf[256], *p;
	FILE *f;
	int i;

	for (i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		f = fopen(path, "r");
		if (!f)
			return true;
		p = fgets(buf, sizeof(buf), f);
		fclose(f);
		p = p ? strrchr(buf, ')') : NULL;
		if (p && (p[2] == 'Z' || p[2] == 'X'))
			return true;
		usleep(50 * 1000);
	}
	return false;
}

/* a program that outlives its time limit while its output is collected */
static void test_spawn_timeout_capture(void **state)
{
	char *const argv[] = { "sh", "-c", "echo started; exec sleep 60", NULL };
	struct strbuf out = { 0 };
	struct spawn sp = { .capture = &out, .timeout = 1 };
	double t0 = now_mono();
	int st = vspawn(argv, &sp);

	assert_true(now_mono() - t0 < 4);
	assert_true(sp.timed_out);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	sb_adds(&out, "");
	assert_string_equal(out.buf, "started\n");
	sb_free(&out);
}

/* the same without a capture; SIGTERM ignored: SIGKILL 5 s later */
static void test_spawn_timeout_kill(void **state)
{
	char *const argv[] = { "sh", "-c", "trap '' TERM; sleep 60", NULL };
	struct spawn sp = { .timeout = 1 };
	double t0 = now_mono();
	int st = vspawn(argv, &sp);

	assert_true(now_mono() - t0 < 10);
	assert_true(sp.timed_out);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
}

/*
 * A program that ends and leaves a child in its group holding the pipe:
 * vspawn() returns at its end with what it wrote, the child killed.
 */
static void test_spawn_leftover_killed(void **state)
{
	char *const argv[] = { "sh", "-c", "sleep 60 & echo $!", NULL };
	struct strbuf out = { 0 };
	struct spawn sp = { .capture = &out };
	double t0 = now_mono();
	int st = vspawn(argv, &sp);
	long kid;

	assert_true(now_mono() - t0 < 4);
	assert_false(sp.timed_out);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	sb_adds(&out, "");
	kid = strtol(out.buf, NULL, 10);
	assert_true(kid > 1);
	assert_true(pid_dead((pid_t)kid));
	sb_free(&out);

	/* without a capture too */
	memset(&sp, 0, sizeof(sp));
	{
		char path[] = "/tmp/test_vrun.XXXXXX";
		char *const bg[] = { "sh", "-c", "sleep 60 & echo $!", NULL };
		char *text;
		size_t len;
		int fd = mkstemp(path);

		assert_true(fd >= 0);
		close(fd);
		sp.out = path;
		st = vspawn(bg, &sp);
		assert_true(WIFEXITED(st));
		assert_int_equal(read_file(path, &text, &len), 0);
		kid = strtol(text, NULL, 10);
		assert_true(kid > 1);
		assert_true(pid_dead((pid_t)kid));
		free(text);
		unlink(path);
	}
}

/* the exit status comes back; a program that is not there is 127 */
static void test_spawn_status(void **state)
{
	char *const f[] = { "sh", "-c", "echo err >&2; exit 7", NULL };
	char *const none[] = { "/nonexistent/modref-no-such-program", NULL };
	struct strbuf err = { 0 };
	struct spawn sp = { .capture = &err, .capture_err = true };
	int st = vspawn(f, &sp);

	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 7);
	sb_adds(&err, "");
	assert_string_equal(err.buf, "err\n");
	sb_free(&err);
	memset(&sp, 0, sizeof(sp));
	sp.err = "/dev/null";
	st = vspawn(none, &sp);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 127);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conf_quoting),
		cmocka_unit_test(test_conf_comments_and_blank_lines),
		cmocka_unit_test(test_conf_hash_in_value),
		cmocka_unit_test(test_conf_refusals),
		cmocka_unit_test(test_conf_read),
		cmocka_unit_test(test_conf_bundled_families),
		cmocka_unit_test(test_split_words),
		cmocka_unit_test(test_module_name),
		cmocka_unit_test(test_dash_to_underscore),
		cmocka_unit_test(test_spawn_timeout_capture),
		cmocka_unit_test(test_spawn_timeout_kill),
		cmocka_unit_test(test_spawn_leftover_killed),
		cmocka_unit_test(test_spawn_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
