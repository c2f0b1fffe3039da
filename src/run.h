/* SPDX-License-Identifier: GPL-2.0 */
/*
 * run.h - one convert/audit run: its state g (setup.c) and what the
 * files of its stages (main.c's sequence) share.
 */
#ifndef MODREF_RUN_H
#define MODREF_RUN_H

#include "group.h"
#include "modref.h"

struct batch;

enum call_kind { CALL_PATCH, CALL_REPORT, CALL_POSTPASS, CALL_REPARSE };

struct snap {
	int file;
	char *buf;
	size_t len;
};

struct call {
	enum call_kind kind;
	struct batch *b;
	int rule;		/* -1: a merged report call (mask) */
	uint64_t mask;		/* CALL_REPORT: the rules it runs */
	int *groups;
	int ng;
	int file;		/* CALL_REPARSE */
	char *out, *err, *fg;
	struct snap *snap;
	int nsnap;
	struct strvec argv;
};

enum phase { PH_PATCH, PH_POSTPASS, PH_REPORT, PH_DONE };

struct batch {
	int id;
	int *groups;
	int ng;
	enum phase phase;
	int ri;
	int *pend;
	int npend;
	struct ritem *rq;	/* PH_REPORT: work left, a stack */
	int nrq, caprq;
	bool rq_built;
	bool running;
};

/* report phase: these groups, these rules (one call) */
struct ritem {
	uint64_t mask;
	int *groups;
	int ng;
};

struct stage_cpu {
	double scan, copy, patch, report, reparse, output;
};

struct run_state {
	bool audit;
	int jobs;
	int timeout;
	unsigned long max_memory;	/* MiB per spatch process, 0: none */
	const char *target;
	char *top, *rules_dir;
	struct ruleset rs;
	struct tree t;
	struct groups gs;
	struct batch *b;
	int nb;
	char *srcabs, *out, *tmp, *work, *logs;
	char *spatch, *python, *macro_file, *owner_file, *legacy_file;
	char *postpass, *diff, *diffstat;
	char *signoff;
	struct strvec env;
	struct strvec owner_set;	/* owner type names, sorted (Needs:) */
	struct strvec declarers;	/* the rules' declarer names */
	struct strvec wrappers;		/* the macro file's name wrappers */
	struct findings fs;
	struct parse_recs pp, rp;
	uint64_t *fired;	/* per file: the patch rules that changed it */
	uint64_t *core_kept;	/* per file: rules undone in the module core */
	int *by_work;		/* file indexes sorted by work name */
	int nby;
	bool *rule_ok;
	double *rule_cpu[2];	/* per rule, patch/report calls: CPU seconds */
	int *rule_calls;
	double merged_cpu;	/* merged report calls */
	int merged_calls;
	struct { uint64_t mask; char *path; } *merged;
	int nmerged;
	int ncalls, nfailed_groups, nunprocessed;
	int nexn, ntimeout, nparse, ndefine;
	struct stage_cpu cpu;
	double t0;
};

extern struct run_state g;

/* ---- setup.c ---- */
char *which(const char *name);
char *exe_top(void);
void load_legacy_names(void);
bool signoff_ok(const char *s);
char *git_config(const char *key);
void check_out(const char *out);

/* ---- output.c ---- */
char *run_outv(const char *input, size_t inlen, int *rc, ...);
int write_patches(const char *outdir, int *npatches);

/* ---- select.c ---- */
void load_owner_set(void);
bool owner_table(struct sfile *f);
bool rule_applies(const struct rule *r, const struct group *gr);
bool file_applies(const struct rule *r, int fi);
void prune_groups(void);
bool module_core(int fi);

/* ---- workcopy.c ---- */
int file_by_work(const char *w);
void assign_work_names(void);
void load_declarers(void);
void load_wrappers(void);
void check_unwraps(void);
void copy_group_files(void);
void restore_original(int fi);
void rescan_file(int fi);
int group_of_work(const char *work);

/* ---- findings.c ---- */
void unprocessed(int fi, const char *msg);
void group_fail(int gi, const char *rule, const char *msg);
void add_report_lines(const char *path, const char *rule,
		      const int *skip, int nskip);
void kept_findings(void);
void parse_findings(void);
void drop_failed_findings(void);

/* ---- engine.c ---- */
void argv_add(struct strvec *a, const char *s);
void spatch_common(struct strvec *a);
void spawn(struct call *c, double timeout);
struct call *new_call(enum call_kind k, struct batch *b, int rule);
void call_done(struct call *c, const struct proc *p);
void run_batches(void);
void build_env(void);

#endif
