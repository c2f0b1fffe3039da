// SPDX-License-Identifier: GPL-2.0
/*
 * test_verify.c - unit tests of the verify host side: the KTAP parser, the
 * console oracle, the boot verdict (pass, failure, hang, crash), JUnit
 * escaping and the summary merge.  Each test has its negative control
 * next to it: the input that must not give the verdict.
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
#include <cmocka.h>

#include "verify.h"
#include "../verify/oracle-strings.h"

static const char pass_ktap[] =
	"KTAP version 1\n"
	"1..2\n"
	"# boot_to_init: 3.10 s\n"
	"    # Subtest: busmouse\n"
	"    KTAP version 1\n"
	"    1..2\n"
	"    ok 1 load_unload_cycles\n"
	"    ok 2 kernel_log\n"
	"# busmouse: cycles=10 seconds=4.50\n"
	"ok 1 busmouse\n"
	"    # Subtest: mtd\n"
	"    KTAP version 1\n"
	"    1..3\n"
	"    # reason: not this one\n"
	"    ok 1 load_unload_cycles\n"
	"    # reason: removal succeeded while a user was inside open()\n"
	"    # log: second line\n"
	"    not ok 2 race\n"
	"    # reason: a later failure\n"
	"    not ok 3 refcnt_idle\n"
	"# mtd: cycles=7 seconds=7.25\n"
	"not ok 2 mtd\n";

static void test_ktap_pass(void **state)
{
	struct ktap_family kf;

	ktap_family_parse(pass_ktap, "busmouse", &kf);
	assert_true(kf.found && kf.done && kf.ok);
	assert_int_equal(kf.cycles, 10);
	assert_string_equal(kf.seconds, "4.50");
	assert_null(kf.reason);
	assert_string_equal(kf.ktap.buf,
			    "KTAP version 1\n1..1\n"
			    "    # Subtest: busmouse\n    KTAP version 1\n"
			    "    1..2\n    ok 1 load_unload_cycles\n"
			    "    ok 2 kernel_log\n"
			    "# busmouse: cycles=10 seconds=4.50\n"
			    "ok 1 busmouse\n");
	ktap_family_free(&kf);
}

static void test_ktap_failure_reason(void **state)
{
	struct ktap_family kf;

	ktap_family_parse(pass_ktap, "mtd", &kf);
	assert_true(kf.done);
	assert_false(kf.ok);
	assert_int_equal(kf.cycles, 7);
	/* the reason of the first failed test, not of a passed one */
	assert_string_equal(kf.reason,
			    "race: removal succeeded while a user was inside open()");
	assert_non_null(strstr(kf.ktap.buf, "\nnot ok 1 mtd\n"));
	ktap_family_free(&kf);
}

static void test_ktap_failure_without_reason(void **state)
{
	static const char k[] =
		"    # Subtest: f\n    1..1\n    not ok 1 race\nnot ok 1 f\n";
	struct ktap_family kf;

	ktap_family_parse(k, "f", &kf);
	assert_true(kf.done);
	assert_false(kf.ok);
	assert_string_equal(kf.reason, "failed without a reason line");
	ktap_family_free(&kf);
}

/* a name is matched exactly, never as a prefix or a pattern */
static void test_ktap_exact_names(void **state)
{
	static const char k[] =
		"    # Subtest: mtd2\n    1..1\n    ok 1 x\nok 1 mtd2\n"
		"    # Subtest: m.d\n    1..1\n    ok 1 x\nok 2 m.d\n";
	struct ktap_family kf;

	ktap_family_parse(k, "mtd", &kf);
	assert_false(kf.found);
	ktap_family_free(&kf);
	ktap_family_parse(k, "m.d", &kf);
	assert_true(kf.done && kf.ok);
	ktap_family_free(&kf);
	ktap_family_parse(k, "mtd2", &kf);
	assert_true(kf.done && kf.ok);
	ktap_family_free(&kf);
}

/* no result line: the family did not finish (hang or crash) */
static void test_ktap_truncated(void **state)
{
	static const char k[] =
		"KTAP version 1\n1..1\n    # Subtest: netcore\n"
		"    KTAP version 1\n    1..7\n    ok 1 load_unload_cycles\n";
	struct ktap_family kf;

	ktap_family_parse(k, "netcore", &kf);
	assert_true(kf.found);
	assert_false(kf.done);
	ktap_family_free(&kf);
	assert_false(ktap_stopped(k));
	assert_true(ktap_stopped("ok 1 a\n# stopped: kernel tainted\n"));
}

static void test_ktap_crlf(void **state)
{
	char buf[] = "    # Subtest: f\r\n    1..1\r\n    ok 1 x\r\nok 1 f\r\n";
	size_t len = strlen(buf);
	struct ktap_family kf;

	ktap_strip_cr(buf, &len);
	assert_null(strchr(buf, '\r'));
	ktap_family_parse(buf, "f", &kf);
	assert_true(kf.done && kf.ok);
	ktap_family_free(&kf);
}

static void test_ktap_add_failure(void **state)
{
	struct ktap_family kf;

	ktap_family_parse(pass_ktap, "busmouse", &kf);
	assert_int_equal(ktap_add_failure(&kf, "console_log", "BUG: x"), 0);
	assert_false(kf.ok);
	assert_string_equal(kf.reason, "console_log: BUG: x");
	assert_non_null(strstr(kf.ktap.buf, "\n    1..3\n"));
	assert_non_null(strstr(kf.ktap.buf,
			       "    # reason: BUG: x\n    not ok 3 console_log\nnot ok 1 busmouse\n"));
	ktap_family_free(&kf);
}

static const struct strvec *fams(void)
{
	static struct strvec sv;

	if (!sv.n) {
		sv_push(&sv, xstrdup("busmouse"));
		sv_push(&sv, xstrdup("mtd"));
	}

	return &sv;
}

/* every string of the one list fails a family; the timestamp is dropped */
static void test_oracle_each_string(void **state)
{
	char *log, *hit;
	int i;

	for (i = 0; modref_fail_strings[i]; i++) {
		log = xasprintf("[    1.000000] modref-init: mtd: race\n"
				"[    1.500000] x %s y\n", modref_fail_strings[i]);
		hit = oracle_first(log, "mtd", fams());
		assert_non_null(hit);
		assert_non_null(strstr(hit, modref_fail_strings[i]));
		assert_true(hit[0] == 'x');
		free(hit);
		free(log);
	}
	assert_true(i >= 11);
}

/* the list of REFERENCE.md / HACKING.md is all there */
static void test_oracle_list(void **state)
{
	static const char * const want[] = {
		"BUG:", "Oops", "WARNING:", "general protection fault",
		"Unable to handle kernel", "KASAN:", "kernel BUG at",
		"possible circular locking", "unreferenced object",
		"refcount_t:", "list_add corruption", NULL
	};
	int i;

	for (i = 0; want[i]; i++)
		assert_string_equal(modref_fail_match(want[i]), want[i]);
}

static void test_oracle_clean_log(void **state)
{
	static const char log[] =
		"[    0.000000] Linux version 6.1.0-56-amd64\n"
		"[    3.000000] modref-init: started\n"
		"[    3.100000] modref-init: busmouse: load_unload_cycles\n"
		"[    3.200000] busmouse: loading out-of-tree module taints kernel.\n"
		"[    4.000000] modref-init: mtd: race\n"
		/* the guest quoting a string is not a kernel report */
		"[    4.100000] modref-init: mtd: kernel_log: no BUG: or Oops\n"
		"[    5.000000] modref-init: done\n";
	char *hit;

	assert_null(oracle_first(log, "busmouse", fams()));
	assert_null(oracle_first(log, "mtd", fams()));
	assert_null(oracle_first(log, NULL, NULL));
	hit = oracle_last_step(log);
	assert_string_equal(hit, "done");
	free(hit);
}

/* a report belongs to the family that was running, not to the others */
static void test_oracle_attribution(void **state)
{
	static const char log[] =
		"[    1.0] modref-init: busmouse: race\n"
		"[    2.0] modref-init: mtd: race\n"
		"[    2.5] BUG: KASAN: use-after-free in vmtd_open\n"
		"[    3.0] modref-init: busmouse: refcnt_idle\n";
	char *hit;

	assert_null(oracle_first(log, "busmouse", fams()));
	hit = oracle_first(log, "mtd", fams());
	assert_string_equal(hit, "BUG: KASAN: use-after-free in vmtd_open");
	free(hit);
	/* before any family: nobody's */
	assert_null(oracle_first("[ 0.1] WARNING: at boot\n", "mtd", fams()));
}

static void test_oracle_tail(void **state)
{
	char *t;

	t = oracle_tail("a\nb\nc\n", 2, "> ");
	assert_string_equal(t, "> b\n> c\n");
	free(t);
	t = oracle_tail("a\nb", 5, "");
	assert_string_equal(t, "a\nb\n");
	free(t);
	t = oracle_tail("", 5, "> ");
	assert_string_equal(t, "");
	free(t);
}

static void test_xml_escape(void **state)
{
	struct strbuf sb = { 0 };
	/* markup, a control byte, valid UTF-8, a stray byte, an overlong / */
	static const char in[] = "<a & \"b\">\x01 \xc3\xa9 \xff \xc0\xaf";

	xml_escape(&sb, in, strlen(in));
	assert_string_equal(sb.buf,
			    "&lt;a &amp; &quot;b&quot;&gt; \xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd");
	sb_free(&sb);
}

static void test_junit_suite(void **state)
{
	static const char k[] =
		"KTAP version 1\n1..1\n    # Subtest: f\n    1..3\n"
		"    ok 1 load\n"
		"    # reason: removal <while> open\n    # log: more\n"
		"    not ok 2 race\n"
		"    ok 3 kmemleak # SKIP no kmemleak\n"
		"# f: cycles=3 seconds=1.5\nnot ok 1 f\n";
	struct strbuf sb = { 0 };

	assert_int_equal(junit_suite_xml(&sb, "6.1/f-legacy", k), 1);
	assert_non_null(strstr(sb.buf,
			       "name=\"6.1/f-legacy\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.5\""));
	assert_non_null(strstr(sb.buf,
			       "<failure message=\"reason: removal &lt;while&gt; open\" type=\"race\">reason: removal &lt;while&gt; open\nlog: more\n</failure>"));
	assert_non_null(strstr(sb.buf, "name=\"kmemleak\"><skipped/>"));
	/* the diagnostics of a failure do not leak into the next case */
	assert_null(strstr(sb.buf, "name=\"kmemleak\"><failure"));
	sb_free(&sb);
}

static char *tmpdir(void)
{
	char *d = xstrdup("/tmp/test_verify.XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static char *put(const char *dir, const char *name, const char *text)
{
	char *p = path_join(dir, name);

	assert_int_equal(write_file(p, text, strlen(text)), 0);
	return p;
}

static char *get(const char *dir, const char *name)
{
	char *p = path_join(dir, name), *buf;
	size_t len;

	if (read_file(p, &buf, &len))
		buf = NULL;
	free(p);
	return buf;
}

/* run "modref report boot" on KTAP and CONSOLE; stdout in *retry */
static char *boot(const char *d, const char *status, const char *ktap,
		  const char *console, char **retry)
{
	char *kp = put(d, "raw.ktap", ktap), *cp = put(d, "console.log", console);
	char *out = path_join(d, "out"), *rows = path_join(d, "rows");
	char *so = path_join(d, "stdout");
	char *argv[12] = { "report", "boot", "6.1", "legacy" };
	FILE *saved, *f;
	int rc;

	argv[4] = (char *)status;
	argv[5] = kp;
	argv[6] = cp;
	argv[7] = out;
	argv[8] = rows;
	argv[9] = "busmouse";
	argv[10] = "mtd";
	unlink(rows);
	fflush(stdout);
	saved = fdopen(dup(1), "w");
	f = fopen(so, "w");
	assert_non_null(f);
	dup2(fileno(f), 1);
	rc = cmd_report(11, argv);
	fflush(stdout);
	dup2(fileno(saved), 1);
	fclose(saved);
	fclose(f);
	assert_int_equal(rc, 0);
	*retry = get(d, "stdout");
	free(kp);
	free(cp);
	free(out);
	free(so);
	free(rows);
	return get(d, "rows");
}

static void test_boot_pass_and_fail(void **state)
{
	char *d = tmpdir(), *rows, *retry, *k;

	rows = boot(d, "exit", pass_ktap, "", &retry);
	assert_string_equal(rows,
			    "6.1\tbusmouse\tlegacy\tpass\t10\t4.50\t\n"
			    "6.1\tmtd\tlegacy\tfail\t7\t7.25\trace: removal succeeded while a user was inside open()\n");
	assert_string_equal(retry, "");
	k = get(d, "out/busmouse-legacy.ktap");
	assert_non_null(k);
	free(k);
	free(rows);
	free(retry);
	rm_rf(d);
	free(d);
}

/* the guest passed busmouse, but the console has a KASAN report */
static void test_boot_console_oracle(void **state)
{
	static const char con[] =
		"[ 3.0] modref-init: busmouse: race\n"
		"[ 3.5] BUG: KASAN: slab-use-after-free in vmouse_read\n"
		"[ 4.0] modref-init: mtd: race\n";
	char *d = tmpdir(), *rows, *retry, *k;

	rows = boot(d, "exit", pass_ktap, con, &retry);
	assert_non_null(strstr(rows,
			       "6.1\tbusmouse\tlegacy\tfail\t10\t4.50\tconsole_log: BUG: KASAN: slab-use-after-free in vmouse_read\n"));
	k = get(d, "out/busmouse-legacy.ktap");
	assert_non_null(strstr(k, "not ok 3 console_log\nnot ok 1 busmouse\n"));
	free(k);
	free(rows);
	free(retry);
	rm_rf(d);
	free(d);
}

/* a truncated KTAP: the running family hangs, the next one is retried */
static void test_boot_hang(void **state)
{
	static const char ktap[] =
		"KTAP version 1\n1..2\n    # Subtest: busmouse\n"
		"    KTAP version 1\n    1..7\n    ok 1 load_unload_cycles\n";
	static const char con[] =
		"[ 3.0] modref-init: busmouse: race\n"
		"[ 5.0] Oops: 0010 [#1] PREEMPT SMP NOPTI\n";
	char *d = tmpdir(), *rows, *retry, *k;

	rows = boot(d, "hang", ktap, con, &retry);
	assert_string_equal(rows,
			    "6.1\tbusmouse\tlegacy\tfail\t0\t0\ttime_limit: hang: no KTAP result before the time limit (last step: busmouse: race); log: Oops: 0010 [#1] PREEMPT SMP NOPTI\n");
	assert_string_equal(retry, "mtd\n");
	k = get(d, "out/busmouse-legacy.ktap");
	assert_non_null(strstr(k, "    # log: [ 5.0] Oops: 0010"));
	assert_non_null(strstr(k, "    not ok 1 time_limit\nnot ok 1 busmouse\n"));
	free(k);
	free(rows);
	free(retry);
	/* the same KTAP after a clean exit: nobody is blamed, both retried */
	rows = boot(d, "exit", ktap, con, &retry);
	assert_null(rows);
	assert_string_equal(retry, "busmouse\nmtd\n");
	free(retry);
	/* a crash with no output at all */
	rows = boot(d, "crash", "", "", &retry);
	assert_string_equal(rows,
			    "6.1\tbusmouse\tlegacy\tfail\t0\t0\ttime_limit: crash: the guest died without a KTAP result\n");
	free(rows);
	free(retry);
	rm_rf(d);
	free(d);
}

static void test_summary_merge(void **state)
{
	char *d = tmpdir(), *sum = path_join(d, "summary.tsv"), *r, *s;
	char err[256];

	r = put(d, "r1", "k\ta\tv\tpass\t1\t1\t\nk\tb\tv\tfail\t1\t1\tx\n");
	assert_int_equal(summary_merge(sum, r, err, sizeof(err)), 0);
	free(r);
	r = put(d, "r2", "k\ta\tv\tfail\t2\t2\ty\n");
	assert_int_equal(summary_merge(sum, r, err, sizeof(err)), 0);
	free(r);
	s = get(d, "summary.tsv");
	assert_string_equal(s,
			    "kernel\tfamily\tvariant\tverdict\tcycles\tseconds\treason\n"
			    "k\ta\tv\tfail\t2\t2\ty\nk\tb\tv\tfail\t1\t1\tx\n");
	/* a row without 7 columns: refused, the summary untouched */
	r = put(d, "bad", "k\ta\tv\n");
	assert_int_equal(summary_merge(sum, r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "line 1: not 7 tab-separated columns"));
	free(r);
	r = get(d, "summary.tsv");
	assert_string_equal(r, s);
	free(r);
	free(s);
	free(sum);
	rm_rf(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ktap_pass),
		cmocka_unit_test(test_ktap_failure_reason),
		cmocka_unit_test(test_ktap_failure_without_reason),
		cmocka_unit_test(test_ktap_exact_names),
		cmocka_unit_test(test_ktap_truncated),
		cmocka_unit_test(test_ktap_crlf),
		cmocka_unit_test(test_ktap_add_failure),
		cmocka_unit_test(test_oracle_each_string),
		cmocka_unit_test(test_oracle_list),
		cmocka_unit_test(test_oracle_clean_log),
		cmocka_unit_test(test_oracle_attribution),
		cmocka_unit_test(test_oracle_tail),
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_junit_suite),
		cmocka_unit_test(test_boot_pass_and_fail),
		cmocka_unit_test(test_boot_console_oracle),
		cmocka_unit_test(test_boot_hang),
		cmocka_unit_test(test_summary_merge),
	};

	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
