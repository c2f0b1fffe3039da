/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref: move a Linux tree off the 2.4 module use-count API.
 *
 * One program, one file per stage:
 *   main.c     command line, the stages in order, exit status
 *   setup.c    the checks' helpers, the run's state (run.h)
 *   rules.c    rule headers (Mode, Order, Keywords, Options, ///)
 *   scan.c     one pass over SRC: keywords per file, owner-type index
 *   group.c    file groups (modules) and deterministic batches
 *   workdir.c  paths, safe names, the work copy, OUT lock and rename
 *   select.c   which rules apply to which group
 *   workcopy.c work names, the work copy, files copied again, rescans
 *   declarer.c a ';' after bare declarer lines in the work copy, and back
 *   engine.c   the spatch calls, batch by batch, retries
 *   findings.c the findings the program adds, parse problems
 *   output.c   the patch series
 *   pool.c     child processes: process groups, deadlines, signals
 *   spatch.c   what spatch logs: parse errors, timeouts, exceptions
 *   patch.c    postpass, diffs and the patch series
 *   report.c   findings, report.txt and report.json (json-c)
 *   util.c     memory, strings, files
 */
#ifndef MODREF_H
#define MODREF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MODREF_VERSION "1.0"

/* __printf() and __noreturn as the kernel spells them */
#define MODREF_ATTR(x) __attribute__((x))
#define __printf(a, b) MODREF_ATTR(format(printf, a, b))
#define __noreturn MODREF_ATTR(noreturn)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* exit status (README.md, HOWTO.md) */
#define EXIT_DONE		0	/* every file processed */
#define EXIT_INTERNAL		1	/* I/O error, out of memory */
#define EXIT_BAD_INPUT		2	/* usage, SRC/OUT/rules wrong; nothing written */
#define EXIT_UNPROCESSED	3	/* output written, some files not processed */
#define EXIT_INTERRUPTED	130

/* ---- util.c ---- */
extern const char *progname;
void die(int status, const char *fmt, ...) __printf(2, 3) __noreturn;
void say(const char *fmt, ...) __printf(1, 2);
void verbose(const char *fmt, ...) __printf(1, 2);
extern int verbosity;	/* 0 quiet, 1 default, 2 verbose */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __printf(1, 2);

struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __printf(2, 3);
void sb_addc(struct strbuf *sb, char c);
void sb_free(struct strbuf *sb);

struct strvec {
	char **v;
	int n, cap;
};
void sv_push(struct strvec *sv, char *s);	/* takes ownership */
void sv_free(struct strvec *sv);
int sv_find(const struct strvec *sv, const char *s);
void sv_sort(struct strvec *sv);

int read_file(const char *path, char **buf, size_t *len);
int write_file(const char *path, const char *buf, size_t len);
int mkdir_p(const char *path, mode_t mode);
int rm_rf(const char *path);
char *dir_of(const char *rel);		/* "." for a top-level name */
const char *base_of(const char *path);
char *path_join(const char *a, const char *b);

/* ---- declarer.c ---- */
void declarers_read(const char *text, size_t len, struct strvec *names);
bool semi_add(const char *buf, size_t len, const struct strvec *names,
	      struct strbuf *out, struct strvec *fixed);
void semi_strip(const char *buf, size_t len, const struct strvec *fixed,
		struct strbuf *out);
void wrappers_read(const char *text, size_t len, struct strvec *names);
bool unwrap_add(const char *buf, size_t len, const struct strvec *names,
		struct strbuf *out, struct strvec *fixed);
int unwrap_strip(const char *buf, size_t len, const struct strvec *fixed,
		 struct strbuf *out);

/* ---- rules.c ---- */
enum rule_mode { MODE_PATCH, MODE_REPORT };

struct kwline {
	bool star;
	bool table;		/* Needs: <owner-table> */
	bool gnu_init;		/* Needs: <gnu-init> */
	bool legacy_define;	/* Needs: <legacy-define> */
	bool void_take;		/* Needs: <void-take> */
	int *kw;		/* keyword ids, or-ed */
	int nkw;
};

struct rule {
	char *path;		/* absolute */
	char *name;		/* basename without .cocci */
	enum rule_mode mode;
	int order;
	struct kwline *lines;	/* and-ed */
	int nlines;
	struct kwline *needs;	/* // Needs: over a group's files, and-ed */
	int nneeds;
	bool fscope;		/* // Scope: function */
	bool rchanged;		/* // Reports: changed */
	struct strvec opts;	/* // Options: split on blanks */
	char *summary;		/* the /// text, raw lines joined by \n */
	char *confidence;
};

struct ruleset {
	char *dir;
	struct rule *r;
	int n;
};

/* keyword table shared by the rules and the scanner */
int kw_intern(const char *name, size_t len);
int kw_lookup(const char *name, size_t len);
int kw_count(void);
const char *kw_name(int id);
void kw_mark_legacy(int id);
bool kw_is_legacy(int id);

int rules_load(struct ruleset *rs, const char *dir, bool audit, char *err,
	       size_t errlen);
int rule_parse_header(struct rule *r, const char *text, char *err,
		      size_t errlen);
bool rule_is_star(const struct rule *r);
#define NEEDS_TABLE "<owner-table>"
#define NEEDS_GNU_INIT "<gnu-init>"
#define NEEDS_LEGACY_DEFINE "<legacy-define>"
#define NEEDS_VOID_TAKE "<void-take>"

/* ---- merge.c ---- */
#define MERGE_TAG "modref-rule:"	/* before each line a merged rule prints */
int merge_rules(const struct ruleset *rs, const int *idx, int n,
		const char *path, char *err, size_t errlen);

/* ---- scan.c ---- */
#define KW_WORDS 4		/* up to 256 distinct keywords */
#define KW_MAX (KW_WORDS * 64)

enum file_flags {
	F_C = 1 << 0,
	F_H = 1 << 1,
	F_BINARY = 1 << 2,	/* NUL bytes: not C */
	F_CRLF = 1 << 3,	/* every line ends in \r\n */
	F_SYMLINK = 1 << 4,	/* recorded, never followed */
	F_BADNAME = 1 << 5,	/* newline/tab/control byte: cannot be in a patch */
	F_MAPPED = 1 << 6,	/* work name differs from the real name */
	F_AUX = 1 << 7,		/* Makefile, Kbuild, Kconfig*, [Cc]onfig.in */
	F_OWNERS = 1 << 8,	/* declares a struct with a struct module * member */
	F_DEBUGFS = 1 << 9,	/* creates debugfs files, no other way to a file */
	F_GNU_INIT = 1 << 10,	/* "{ name:" or ", name:": a GNU designator */
	F_LEGACY_DEFINE = 1 << 11, /* a #define whose body has a legacy name */
	F_VOID_TAKE = 1 << 12,	/* __MOD_INC_USE_COUNT( in a static void fn */
};

struct sfile {
	char *rel;		/* relative to SRC, raw bytes */
	char *work;		/* relative to the work tree */
	off_t size;
	unsigned int flags;
	uint64_t kw[KW_WORDS];
	struct strvec defs;	/* file-scope function names */
	struct strvec counting;	/* those whose body names MOD_INC/DEC_USE_COUNT */
	struct strvec statics;	/* those declared static */
	struct strvec incs;	/* #include "..." names */
	struct strvec tables;	/* "T name": tables without .owner */
	bool otable;		/* one of them of an owner type */
	int dir;		/* index into tree.dirs */
	int group;		/* -1: not in a group */
	bool selected;
	unsigned int nlegacy;
	struct strvec semis;	/* declarer.c: line with ';', line as it was */
	struct strvec unwraps;	/* declarer.c: start unwrapped, as it was */
};

struct owner_type {
	char *type;
	char *member;
	char *file;		/* first declaration (rel path) */
};

struct tree {
	char *root;		/* real path of SRC */
	struct sfile *f;
	int nf, capf;
	struct strvec dirs;	/* sorted */
	struct owner_type *ot;
	int not, capot;
	bool has_kconfig_root;	/* SRC/scripts/kconfig is a directory */
	bool has_configure_root; /* SRC/scripts/Configure is a file (2.4) */
	long long bytes;
};

/* tokenizer callbacks, exposed for the unit tests */
struct scan_result {
	uint64_t kw[KW_WORDS];
	struct strvec defs;
	struct strvec counting;
	struct strvec statics;
	struct strvec incs;
	struct strvec owner_types;	/* "type member" */
	struct strvec tables;	/* "T name": tables without .owner */
	bool binary;
	bool crlf;
	bool gnu_init;		/* a GNU `field: value` designator */
	bool legacy_define;	/* a #define whose body has a legacy name */
	bool void_take;		/* __MOD_INC_USE_COUNT( in a static void body */
	unsigned int nlegacy;	/* uses of the legacy names (code only) */
};
void scan_buffer(const char *buf, size_t len, struct scan_result *res);
void scan_result_free(struct scan_result *res);
bool scan_debugfs_only(const char *buf, size_t len);
bool has_fops(const struct strvec *tables);	/* a file_operations table */
bool scan_mentions(const char *buf, size_t len, const struct strvec *names);
int scan_calls(const char *buf, size_t len, const struct strvec *names,
	       bool *used);
int scan_uses(const char *buf, size_t len, const struct strvec *names,
	      bool *used);
bool is_config_in(const char *name);
int tree_scan(struct tree *t, const char *root, char *err, size_t errlen);
char *tree_version(const char *root);
void tree_free(struct tree *t);
int owner_types_write(const struct tree *t, const char *extra,
		      const char *path);

/* C identifier bytes (ASCII only, as the scanner and the rules read them) */
static inline bool id_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool id_char(unsigned char c)
{
	return id_start(c) || (c >= '0' && c <= '9');
}

static inline bool kw_has(const uint64_t *kw, int id)
{
	return kw[id / 64] & (1ULL << (id % 64));
}

static inline void kw_set(uint64_t *kw, int id)
{
	kw[id / 64] |= 1ULL << (id % 64);
}

bool rule_matches(const struct rule *r, const uint64_t *kw);

/* ---- workdir.c ---- */
bool name_is_safe(const char *rel);
bool name_is_patchable(const char *rel);
char *real_out_path(const char *out, char *err, size_t errlen);
bool path_inside(const char *path, const char *dir);
int copy_in(const char *src_root, const char *rel, const char *work_root,
	    const char *work, bool strip_cr);
int out_lock(const char *out, char *err, size_t errlen);
char *escape_name(const char *s);

/* ---- pool.c ---- */
struct proc {
	pid_t pid;
	int status;		/* waitpid status */
	bool timed_out;
	double deadline;	/* monotonic seconds, 0: none */
	void *data;
	double cpu;		/* user + system seconds (wait4) */
	long maxrss;		/* KiB */
	double started;
};
void pool_init(void);
void pool_set_mem_limit(unsigned long mib);
void pool_cleanup_dir(const char *dir);
pid_t pool_spawn(char *const argv[], char *const envp[], const char *cwd,
		 const char *out, const char *err, double timeout, void *data);
struct proc *pool_wait(void);
int pool_running(void);
bool pool_interrupted(void);
void pool_kill_all(void);
double now_mono(void);
int run_capture(char *const argv[], const char *cwd, const char *input,
		size_t inlen, char **out, size_t *outlen);
int run_capture_err(char *const argv[], const char *cwd, const char *input,
		    size_t inlen, char **out, size_t *outlen);
int run_capture_merged(char *const argv[], const char *cwd, char **out,
		       size_t *outlen);

/* ---- report.c ---- */
struct finding {
	char *file;		/* rel path, escaped for display */
	long line;
	char *rule;
	char *msg;
};

struct findings {
	struct finding *v;
	int n, cap;
};
void findings_add(struct findings *fs, const char *file, long line,
		  const char *rule, const char *msg);
void findings_sort_uniq(struct findings *fs);
int report_write(const struct findings *fs, const char *txt,
		 const char *json);
void findings_free(struct findings *fs);

/* ---- spatch.c ---- */
enum parse_kind { PK_LOCATED, PK_TIMEOUT, PK_SUSPECT, PK_EXN, PK_DEFINE };
struct parse_rec {
	enum parse_kind kind;
	char *file;		/* work path */
	long line;
	char *msg;
};
struct parse_recs {
	struct parse_rec *v;
	int n, cap;
};
void spatch_log_parse(const char *log, size_t len, struct parse_recs *out);
void parse_recs_free(struct parse_recs *pr);
int spatch_report_line(const char *line, char **file, long *lineno,
		       char **msg);

char *fix_continuations(const char *buf, size_t len, const char *old,
			size_t olen, size_t *newlen);
char *keep_legacy_defines(const char *buf, size_t len, const char *old,
			  size_t olen, size_t *newlen);
int legacy_define_lines(const char *buf, size_t len, long **lines);
char *add_module_include(const char *buf, size_t len, const char *old,
			 size_t olen, size_t *newlen);

/* ---- patch.c ---- */
void fold_paragraphs(const char *summary, int width, struct strbuf *out);
char *slug_of(const char *subject);
char *subject_prefix(const char *srcabs, const char *reldir,
		     const struct strvec *files);
char *diff_header_name(const char *prefix, const char *rel);

#endif
