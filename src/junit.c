// SPDX-License-Identifier: GPL-2.0
/*
 * junit.c - JUnit XML from the per-family KTAP files.
 *
 * One <testsuite> per OUTROOT/<kernel>/<family>-<variant>.ktap (named
 * "<kernel>/<family>-<variant>"), one <testcase> per nested KTAP subtest;
 * a failed subtest gets <failure message="first diagnostic" type="test">
 * with every diagnostic line printed before it, a "# SKIP" one <skipped/>.
 * The shape is the one Jenkins (xunit plugin, junit-10.xsd), GitLab and
 * GitHub reporters read: <testsuites> with name, tests, failures, errors;
 * <testsuite> with the required name, tests, failures, errors and
 * skipped; tests/t-verify.sh validates it with xmllint against a schema
 * of those constraints (verify/tests/junit.xsd).
 *
 * Text is escaped for XML 1.0: markup characters as entities, control
 * characters other than tab/LF/CR dropped, bytes that are not UTF-8
 * replaced with U+FFFD, so a console log full of garbage still gives a
 * document every parser accepts.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "verify.h"

/* length of the valid UTF-8 sequence at s (at most n bytes), 0 if none */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong, surrogates, beyond U+10FFFF, U+FFFE/U+FFFF */
	if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return k;
}

void xml_escape(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		unsigned char c = p[i];

		switch (c) {
		case '&':
			sb_adds(sb, "&amp;");
			break;
		case '<':
			sb_adds(sb, "&lt;");
			break;
		case '>':
			sb_adds(sb, "&gt;");
			break;
		case '"':
			sb_adds(sb, "&quot;");
			break;
		case '\'':
			sb_adds(sb, "&apos;");
			break;
		case '\t':
		case '\n':
		case '\r':
			sb_addc(sb, c);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				break;
			k = utf8_len(p + i, n - i);
			if (!k) {
				sb_adds(sb, "\xef\xbf\xbd");
				break;
			}
			sb_add(sb, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
}

static void xml_escs(struct strbuf *sb, const char *s)
{
	xml_escape(sb, s, strlen(s));
}

struct counts {
	int tests, failures, skipped;
};

/* the <testsuite> of one per-family KTAP file */
static void suite_xml(struct strbuf *out, const char *suite,
		      const char *ktap, struct counts *tot)
{
	struct ktap_suite s;
	struct strbuf cases = { 0 };
	struct counts c = { 0 };
	int i;

	ktap_suite_parse(ktap, &s);
	for (i = 0; i < s.n; i++) {
		struct ktap_case *k = &s.c[i];

		c.tests++;
		sb_adds(&cases, "    <testcase classname=\"");
		xml_escs(&cases, suite);
		sb_adds(&cases, "\" name=\"");
		xml_escs(&cases, k->name);
		sb_adds(&cases, "\">");
		if (!k->ok) {
			size_t first = strcspn(k->diag, "\n");

			c.failures++;
			sb_adds(&cases, "<failure message=\"");
			xml_escape(&cases, k->diag, first);
			sb_adds(&cases, "\" type=\"");
			xml_escs(&cases, k->name);
			sb_adds(&cases, "\">");
			xml_escs(&cases, k->diag);
			sb_adds(&cases, "</failure>");
		} else if (k->skip) {
			c.skipped++;
			sb_adds(&cases, "<skipped/>");
		}
		sb_adds(&cases, "</testcase>\n");
	}
	sb_adds(out, "  <testsuite name=\"");
	xml_escs(out, suite);
	sb_addf(out, "\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\"",
		c.tests, c.failures, c.skipped);
	if (s.seconds[0])
		sb_addf(out, " time=\"%s\"", s.seconds);
	sb_adds(out, ">\n");
	if (cases.buf)
		sb_adds(out, cases.buf);
	sb_adds(out, "  </testsuite>\n");
	sb_free(&cases);
	ktap_suite_free(&s);
	tot->tests += c.tests;
	tot->failures += c.failures;
	tot->skipped += c.skipped;
}

int junit_suite_xml(struct strbuf *out, const char *suite, const char *ktap)
{
	struct counts c = { 0 };

	suite_xml(out, suite, ktap, &c);
	return c.failures;
}

/* "<kernel>/<family>-<variant>" of ".../<kernel>/<family>-<variant>.ktap" */
static char *suite_name(const char *path)
{
	const char *b = base_of(path), *d, *k;
	size_t bl = strlen(b) - strlen(".ktap");

	d = b > path ? b - 1 : path;
	k = d;
	while (k > path && k[-1] != '/')
		k--;
	return xasprintf("%.*s/%.*s", (int)(d - k), k, (int)bl, b);
}

/*
 * Write the JUnit document of FILES (per-family KTAP paths) to OUT,
 * through OUT.tmp.PID and rename().  Returns 0, or -1 with ERR set.
 */
int junit_write(const char *out, const char *const *files, int nfiles,
		char *err, size_t errlen)
{
	struct strbuf body = { 0 }, doc = { 0 };
	struct counts c = { 0 };
	char *buf, *tmp, *name;
	size_t len;
	int i, rc = 0;

	for (i = 0; i < nfiles; i++) {
		if (read_file(files[i], &buf, &len)) {
			snprintf(err, errlen, "%s: %s", files[i],
				 strerror(errno));
			sb_free(&body);
			return -1;
		}
		ktap_strip_cr(buf, &len);
		name = suite_name(files[i]);
		suite_xml(&body, name, buf, &c);
		free(name);
		free(buf);
	}
	sb_adds(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(&doc, "<testsuites name=\"modref-verify\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n",
		c.tests, c.failures);
	if (body.buf)
		sb_adds(&doc, body.buf);
	sb_adds(&doc, "</testsuites>\n");
	tmp = xasprintf("%s.tmp.%ld", out, (long)getpid());
	if (write_file(tmp, doc.buf, doc.len) || rename(tmp, out)) {
		snprintf(err, errlen, "%s: %s", out, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	sb_free(&body);
	sb_free(&doc);
	return rc;
}

/* a per-family result file: NAME.ktap with no '.' in NAME (not raw-*.N) */
static int is_family_ktap(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	const char *dot = strchr(d->d_name, '.');

	return n > 5 && d->d_name[0] != '.' &&
	       !strcmp(d->d_name + n - 5, ".ktap") && dot == d->d_name + n - 5;
}

static int is_subdir(const struct dirent *d)
{
	return d->d_name[0] != '.' &&
	       (d->d_type == DT_DIR || d->d_type == DT_UNKNOWN);
}

static int byname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/*
 * ROOT/<kernel>/junit.xml for every kernel directory with per-family KTAP
 * files, and ROOT/junit.xml over all of them (empty <testsuites/> if none).
 */
int junit_write_tree(const char *root, char *err, size_t errlen)
{
	struct dirent **dirs = NULL, **ks;
	struct strvec all = { 0 }, one;
	int nd, nk, i, j, rc = 0;
	char *d, *out;

	nd = scandir(root, &dirs, is_subdir, byname);
	if (nd < 0) {
		snprintf(err, errlen, "%s: %s", root, strerror(errno));
		return -1;
	}
	for (i = 0; i < nd; i++) {
		d = path_join(root, dirs[i]->d_name);
		nk = scandir(d, &ks, is_family_ktap, byname);
		memset(&one, 0, sizeof(one));
		for (j = 0; j < nk; j++) {
			sv_push(&one, path_join(d, ks[j]->d_name));
			sv_push(&all, path_join(d, ks[j]->d_name));
			free(ks[j]);
		}
		if (nk > 0)
			free(ks);
		if (one.n && !rc) {
			out = path_join(d, "junit.xml");
			rc = junit_write(out, (const char *const *)one.v,
					 one.n, err, errlen);
			free(out);
		}
		sv_free(&one);
		free(d);
		free(dirs[i]);
	}
	free(dirs);
	if (!rc) {
		out = path_join(root, "junit.xml");
		rc = junit_write(out, (const char *const *)all.v, all.n, err,
				 errlen);
		free(out);
	}
	sv_free(&all);
	return rc;
}
