// SPDX-License-Identifier: GPL-2.0
/*
 * verify.c - modref report: the host side of verify/run.
 *
 *   modref report boot KERNEL VARIANT STATUS KTAP CONSOLE OUTDIR ROWS FAMILY...
 *	Judge one QEMU boot.  STATUS is how QEMU ended: "exit" (the guest
 *	reported), "hang" (killed at the time limit) or "crash".  Each
 *	FAMILY with a KTAP result gets OUTDIR/<family>-<variant>.ktap and a
 *	row appended to ROWS (kernel family variant verdict cycles seconds
 *	reason, tab-separated); the console oracle fails a family the guest
 *	passed when a failure string was printed while it ran.  After a hang
 *	or crash the first family without a result is blamed, with the
 *	console tail in its KTAP.  Families still to run (the guest stopped,
 *	or came after the blamed one) are printed on stdout, one per line.
 *
 *   modref report summary OUTROOT [ROWS]
 *	Merge ROWS into OUTROOT/summary.tsv (header first; a row replaces
 *	the row of the same kernel, family and variant) and write the JUnit
 *	XML: OUTROOT/<kernel>/junit.xml and OUTROOT/junit.xml.
 *
 * Bad input (usage, unknown status, a row without 7 columns, a name with
 * a '/' or a control byte): one line on stderr, exit 2, nothing written.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verify.h"

#define SUMMARY_HEADER "kernel\tfamily\tvariant\tverdict\tcycles\tseconds\treason"

static void report_usage(FILE *f)
{
	fputs("usage: modref report boot KERNEL VARIANT STATUS KTAP CONSOLE OUTDIR ROWS FAMILY...\n"
	      "       modref report summary OUTROOT [ROWS]\n"
	      "STATUS: exit, hang or crash (how QEMU ended).  See verify/README.md.\n",
	      f);
}

/* a name that may be a file name part and a TSV field */
static bool name_ok(const char *s, bool slash_ok)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || *p == '.')
		return false;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == '/' && !slash_ok))
			return false;
	return true;
}

/* S with tabs and newlines as blanks, for one TSV field */
static char *tsv_field(const char *s)
{
	char *r = xstrdup(s ? s : ""), *p;

	for (p = r; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	return r;
}

static void add_row(struct strbuf *rows, const char *kernel,
		    const char *family, const char *variant, bool ok,
		    long cycles, const char *seconds, const char *reason)
{
	char *r = tsv_field(reason);

	sb_addf(rows, "%s\t%s\t%s\t%s\t%ld\t%s\t%s\n", kernel, family, variant,
		ok ? "pass" : "fail", cycles, seconds, r);
	free(r);
}

static int write_atomic(const char *path, const char *buf, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int rc = 0;

	if (write_file(tmp, buf, len) || rename(tmp, path)) {
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/* the contents of PATH, CR stripped; "" when it cannot be read */
static char *slurp(const char *path)
{
	char *buf;
	size_t len;

	if (read_file(path, &buf, &len))
		return xstrdup("");
	ktap_strip_cr(buf, &len);
	return buf;
}

static int boot_fail(int rc, const char *fmt, ...) __printf(2, 3);

/* one line "PROGNAME: report: ..." on stderr; returns rc */
static int boot_fail(int rc, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: report: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return rc;
}

/*
 * Judge one boot (modref report boot without the command line): the
 * families to run again are added to retry.  0, or after one line on
 * stderr EXIT_BAD_INPUT (bad status or name) or EXIT_INTERNAL (I/O).
 */
int report_boot_judge(const struct boot_args *a, struct strvec *retry)
{
	struct strbuf rows = { 0 };
	struct strvec fams = { 0 };
	char *ktap = NULL, *console = NULL, *path = NULL;
	bool blamed = false;
	int i, fd, rc = 0;

	if (strcmp(a->status, "exit") && strcmp(a->status, "hang") &&
	    strcmp(a->status, "crash"))
		return boot_fail(EXIT_BAD_INPUT,
				 "%s: unknown status (exit, hang or crash)",
				 a->status);
	if (!name_ok(a->kernel, false) || !name_ok(a->variant, false))
		return boot_fail(EXIT_BAD_INPUT,
				 "%s %s: kernel and variant must be names without '/' or control bytes",
				 a->kernel, a->variant);
	for (i = 0; i < a->nfamilies; i++) {
		if (!name_ok(a->families[i], false)) {
			sv_free(&fams);
			return boot_fail(EXIT_BAD_INPUT,
					 "family '%s': not a name (no '/', no leading '.', no control bytes)",
					 a->families[i]);
		}
		sv_push(&fams, xstrdup(a->families[i]));
	}
	if (mkdir_p(a->outdir, 0755)) {
		sv_free(&fams);
		return boot_fail(EXIT_INTERNAL, "%s: %s", a->outdir,
				 strerror(errno));
	}
	ktap = slurp(a->ktap);
	console = slurp(a->console);

	for (i = 0; i < fams.n; i++) {
		const char *f = fams.v[i];
		struct ktap_family kf;
		char *hit, *last, *tail, *reason;
		struct strbuf syn = { 0 };

		ktap_family_parse(ktap, f, &kf);
		path = xasprintf("%s/%s-%s.ktap", a->outdir, f, a->variant);
		if (kf.done) {
			hit = oracle_first(console, f, &fams);
			if (hit && kf.ok)
				ktap_add_failure(&kf, "console_log", hit);
			free(hit);
			if (write_atomic(path, kf.ktap.buf, kf.ktap.len)) {
				rc = boot_fail(EXIT_INTERNAL, "%s: %s", path,
					       strerror(errno));
				ktap_family_free(&kf);
				goto out;
			}
			add_row(&rows, a->kernel, f, a->variant, kf.ok,
				kf.cycles, kf.seconds, kf.reason);
			ktap_family_free(&kf);
			free(path);
			path = NULL;
			continue;
		}
		ktap_family_free(&kf);
		if (!strcmp(a->status, "exit") || blamed || ktap_stopped(ktap)) {
			sv_push(retry, xstrdup(f));
			free(path);
			path = NULL;
			continue;
		}
		/* hang or crash: blame the family that was running */
		blamed = true;
		last = oracle_last_step(console);
		hit = oracle_first(console, NULL, NULL);
		reason = xasprintf("%s%s%s%s%s%s",
				   !strcmp(a->status, "hang") ?
				   "hang: no KTAP result before the time limit" :
				   "crash: the guest died without a KTAP result",
				   last ? " (last step: " : "", last ? last : "",
				   last ? ")" : "", hit ? "; log: " : "",
				   hit ? hit : "");
		tail = oracle_tail(console, 15, "    # log: ");
		sb_addf(&syn, "KTAP version 1\n1..1\n    # Subtest: %s\n", f);
		sb_adds(&syn, "    KTAP version 1\n    1..1\n");
		sb_addf(&syn, "    # reason: %s\n%s", reason, tail);
		sb_addf(&syn, "    not ok 1 time_limit\nnot ok 1 %s\n", f);
		free(tail);
		free(last);
		free(hit);
		if (write_atomic(path, syn.buf, syn.len)) {
			rc = boot_fail(EXIT_INTERNAL, "%s: %s", path,
				       strerror(errno));
			free(reason);
			sb_free(&syn);
			goto out;
		}
		free(path);
		path = xasprintf("time_limit: %s", reason);
		add_row(&rows, a->kernel, f, a->variant, false, 0, "0", path);
		free(path);
		path = NULL;
		free(reason);
		sb_free(&syn);
	}
	if (rows.len) {
		fd = open(a->rows, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			  0644);
		if (fd < 0 || write(fd, rows.buf, rows.len) != (ssize_t)rows.len ||
		    close(fd))
			rc = boot_fail(EXIT_INTERNAL, "%s: %s", a->rows,
				       strerror(errno));
	}
out:
	free(path);
	sb_free(&rows);
	sv_free(&fams);
	free(ktap);
	free(console);
	return rc;
}

static int report_boot(int argc, char *const argv[])
{
	struct strvec retry = { 0 };
	struct boot_args a;
	int i, rc;

	if (argc < 9) {
		report_usage(stderr);
		return EXIT_BAD_INPUT;
	}
	a.kernel = argv[1];
	a.variant = argv[2];
	a.status = argv[3];
	a.ktap = argv[4];
	a.console = argv[5];
	a.outdir = argv[6];
	a.rows = argv[7];
	a.families = (const char *const *)argv + 8;
	a.nfamilies = argc - 8;
	rc = report_boot_judge(&a, &retry);
	if (rc) {
		sv_free(&retry);
		return rc;
	}
	for (i = 0; i < retry.n; i++)
		printf("%s\n", retry.v[i]);
	sv_free(&retry);
	return fflush(stdout) ? EXIT_INTERNAL : 0;
}

/* number of tab-separated columns of LINE[0..n) */
static int columns(const char *line, size_t n)
{
	int c = 1;
	size_t i;

	for (i = 0; i < n; i++)
		if (line[i] == '\t')
			c++;
	return c;
}

struct row {
	char *key;		/* kernel \t family \t variant */
	char *line;
};

/* add the rows of TEXT (starting at line FIRST) to V, replacing by key */
static int rows_add(struct row **v, int *n, const char *text, int first,
		    const char *what, char *err, size_t errlen)
{
	const char *p = text, *e, *t;
	int ln = 0, i;

	for (; *p; p = e ? e + 1 : p + strlen(p)) {
		size_t len;
		char *key;

		e = strchr(p, '\n');
		len = e ? (size_t)(e - p) : strlen(p);
		if (++ln < first)
			continue;
		if (columns(p, len) != 7) {
			snprintf(err, errlen, "%s: line %d: not 7 tab-separated columns",
				 what, ln);
			return -1;
		}
		t = p;
		for (i = 0; i < 3; i++)
			t = strchr(t, '\t') + 1;
		key = xstrndup(p, t - p);
		for (i = 0; i < *n; i++)
			if (!strcmp((*v)[i].key, key))
				break;
		if (i == *n) {
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[i].key = key;
			(*n)++;
		} else {
			free((*v)[i].line);
			free(key);
		}
		(*v)[i].line = xstrndup(p, len);
		if (!e)
			break;
	}
	return 0;
}

int summary_merge(const char *sum, const char *rowsf, char *err,
		  size_t errlen)
{
	struct strbuf out = { 0 };
	struct row *v = NULL;
	char *old = NULL, *rows;
	size_t len;
	int n = 0, i, rc = -1;

	if (read_file(rowsf, &rows, &len)) {
		snprintf(err, errlen, "%s: cannot read: %s", rowsf,
			 strerror(errno));
		return -1;
	}
	if (access(sum, F_OK) == 0 && read_file(sum, &old, &len)) {
		snprintf(err, errlen, "%s: cannot read: %s", sum,
			 strerror(errno));
		goto out;
	}
	if (old && strncmp(old, SUMMARY_HEADER "\n", strlen(SUMMARY_HEADER) + 1)) {
		snprintf(err, errlen, "%s: line 1: not the summary header (remove the file to start afresh)",
			 sum);
		goto out;
	}
	if ((old && rows_add(&v, &n, old, 2, sum, err, errlen)) ||
	    rows_add(&v, &n, rows, 1, rowsf, err, errlen))
		goto out;
	sb_adds(&out, SUMMARY_HEADER "\n");
	for (i = 0; i < n; i++)
		sb_addf(&out, "%s\n", v[i].line);
	if (write_atomic(sum, out.buf, out.len)) {
		snprintf(err, errlen, "%s: %s", sum, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].line);
	}
	free(v);
	free(old);
	free(rows);
	sb_free(&out);
	return rc;
}

static int report_summary(int argc, char *const argv[])
{
	char err[1024], *sum;

	if (argc < 2 || argc > 3) {
		report_usage(stderr);
		return EXIT_BAD_INPUT;
	}
	if (mkdir_p(argv[1], 0755))
		die(EXIT_INTERNAL, "report: %s: %s", argv[1], strerror(errno));
	if (argc == 3) {
		sum = path_join(argv[1], "summary.tsv");
		if (summary_merge(sum, argv[2], err, sizeof(err)))
			die(EXIT_BAD_INPUT, "report: %s", err);
		free(sum);
	}
	if (junit_write_tree(argv[1], err, sizeof(err)))
		die(EXIT_INTERNAL, "report: %s", err);
	return 0;
}

int cmd_report(int argc, char *const argv[])
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		report_usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "boot"))
		return report_boot(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "summary"))
		return report_summary(argc - 1, argv + 1);
	report_usage(stderr);
	return EXIT_BAD_INPUT;
}
