/* SPDX-License-Identifier: GPL-2.0 */
/*
 * verify.h - the host side of verify: what the guest wrote, judged.
 *
 *   ktap.c     the guest's KTAP: one family's block, its verdict and reason
 *   oracle.c   the console log: failure strings (verify/oracle-strings.h),
 *              attributed to the family that was running
 *   junit.c    JUnit XML from the per-family KTAP files
 *   verify.c   modref report boot|summary, summary.tsv
 *   vrun.c     modref verify: the runs (QEMU, units, verdicts; was the sh
 *              verify/run)
 */
#ifndef MODREF_VERIFY_H
#define MODREF_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "modref.h"

/* ---- ktap.c ---- */
struct ktap_family {
	bool found;		/* "    # Subtest: NAME" seen */
	bool done;		/* and its top-level result line */
	bool ok;
	long cycles;		/* from "# NAME: cycles=N ..." */
	char seconds[32];	/* from "... seconds=X", "0" when absent */
	char *reason;		/* "test: reason" of the first failed test */
	struct strbuf ktap;	/* standalone KTAP: header, plan, the block */
};

void ktap_strip_cr(char *buf, size_t *len);
int ktap_family_parse(const char *ktap, const char *name,
		      struct ktap_family *kf);
void ktap_family_free(struct ktap_family *kf);
bool ktap_stopped(const char *ktap);
int ktap_add_failure(struct ktap_family *kf, const char *test,
		     const char *reason);

/* one subtest of a standalone per-family KTAP file */
struct ktap_case {
	char *name;
	bool ok, skip;
	char *diag;		/* diagnostics printed before it, one a line */
};

struct ktap_suite {
	struct ktap_case *c;
	int n, cap;
	char seconds[32];	/* "" when the file has none */
};

void ktap_suite_parse(const char *ktap, struct ktap_suite *s);
void ktap_suite_free(struct ktap_suite *s);

/* ---- oracle.c ---- */
const char *oracle_line(const char *line);
char *oracle_first(const char *console, const char *family,
		   const struct strvec *families);
char *oracle_last_step(const char *console);
char *oracle_tail(const char *console, int n, const char *prefix);

/* ---- junit.c ---- */
void xml_escape(struct strbuf *sb, const char *s, size_t n);
int junit_suite_xml(struct strbuf *out, const char *suite,
		    const char *ktap);
int junit_write(const char *out, const char *const *files, int nfiles,
		char *err, size_t errlen);
int junit_write_tree(const char *root, char *err, size_t errlen);

/* ---- verify.c ---- */
int summary_merge(const char *sum, const char *rows, char *err,
		  size_t errlen);
int cmd_report(int argc, char *const argv[]);

/* one boot to judge: modref report boot's arguments */
struct boot_args {
	const char *kernel, *variant, *status, *ktap, *console, *outdir;
	const char *rows;
	const char *const *families;
	int nfamilies;
};

int report_boot_judge(const struct boot_args *a, struct strvec *retry);

/* ---- vrun.c ---- */
/* a family.conf or --config file: KEY=value lines, read as data */
struct conf {
	struct strvec keys, vals;
};

int conf_parse(const char *text, const char *name, struct conf *c,
	       char *err, size_t errlen);
int conf_read(const char *path, struct conf *c, char *err, size_t errlen);
const char *conf_get(const struct conf *c, const char *key);
void conf_free(struct conf *c);
void split_words(const char *s, const char *seps, struct strvec *out);
char *dash_to_underscore(char *s);
char *module_name(const char *path);
/* a program vspawn() runs */
struct spawn {
	const char *out;	/* stdout to this file, NULL: inherited */
	const char *err;	/* stderr to this file, NULL: inherited */
	struct strbuf *capture;	/* stdout collected */
	bool capture_err;	/* collect stderr instead, stdout to /dev/null */
	const char *env;	/* one NAME=VALUE added */
	double timeout;		/* seconds (SIGTERM, SIGKILL 5 s later), 0: none */
	bool session;		/* setsid(): the debug kernel build */
	bool nowait;		/* return the pid at once */
	bool timed_out;		/* set: the timeout killed it */
};

int vspawn(char *const argv[], struct spawn *sp);
int cmd_verify(int argc, char **argv);

#endif
