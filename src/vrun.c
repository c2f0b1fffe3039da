// SPDX-License-Identifier: GPL-2.0
/*
 * vrun.c - modref verify: boot kernels under QEMU and check that modules
 * survive load/unload cycles and unload races (verify/README.md).
 *
 *   modref verify [--kernels "6.1 6.12 debug"] [--families "busmouse mtd"]
 *                 [--variants "converted legacy"] [--cycles N] [--race-ms MS]
 *                 [--threads N] [--smp N] [--jobs N] [--out DIR]
 *                 [--race-mode both|rendezvous|sleep]
 *   modref verify --modules a.ko,b.ko --exercise chrdev:foo [--params 'a.x=1']
 *                 [--pins a,b] [--rendezvous 'a.hold:a!'] [--name NAME]
 *                 [--expect pass|fail] [--kernels K]
 *   modref verify --config FILE   (NAME, MODULES, EXERCISE, RACE_PARAMS,
 *                                  PINS, RENDEZVOUS)
 *
 * Environment: KERNELS FAMILIES VARIANTS CYCLES RACE_MS THREADS SMP JOBS
 * RACE_MODE (the options win); MODREF_TREE: where <family>/<variant>/
 * sources are (default converted-drivers); MODREF_VERIFY_OUT (default
 * build/verify), MODREF_BUILD, MODREF_JOBS, MODREF_QEMU_APPEND.  Bad
 * settings (scripts/check-params) stop it with one line and exit 2 before
 * anything builds or boots.  Exit 0 when at least one run ran and every
 * run's verdict matched its expectation: converted (and custom) modules
 * pass, every rendezvous window included; legacy builds of a family with
 * LEGACY_RACY=1 fail for a race reason and, unless the race mode is sleep,
 * every window of RENDEZVOUS is caught and every window of RENDEZVOUS_SAFE
 * passes; other legacy builds pass.
 *
 * A family.conf and a --config file are data: KEY="value", KEY='value' or
 * KEY=value lines, blank lines and # comments; nothing in them is run.
 * Every program is run with an argv, never through a shell.
 *
 * One unit is one (kernel, variant): a child process that builds what is
 * missing, boots the kernel with every family in one initramfs (a fresh
 * boot for the families after one that hung or crashed), judges each boot
 * with report_boot_judge() (verify.c) and leaves its rows, its results
 * and a done marker in the run's temporary directory.  JOBS units run side
 * by side; a unit without its done marker is UNEXPECTED.  QEMU runs in its
 * own process group under a time limit.  SIGINT and SIGTERM kill every
 * child (the debug kernel build gets SIGTERM, so that its own traps remove
 * its tree) and remove the temporary directory.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run.h"
#include "verify.h"

#define MAX_UNITS 512
#define BLANKS " \t\n"

/*
 * The kernel's stall and lockup detectors, set for emulation as syzbot
 * sets them for its TCG instances: a guest vCPU is a host thread, and on
 * a busy host it can lose the CPU for longer than the defaults.  A real
 * unload race is none of them (verify/README.md).
 */
#define STALL_APPEND "watchdog_thresh=165 rcupdate.rcu_cpu_stall_timeout=300 " \
	"sysctl.kernel.hung_task_timeout_secs=420"

static struct {
	char *top, *here;
	char *kernels, *families_arg, *variants_arg;
	const char *cycles, *race_ms, *race_mode, *threads, *smp, *jobs;
	long ncycles, nrace_ms, njobs;
	char *tree, *outroot, *guest, *work, *build_dflt;
	/* custom modules */
	struct strvec modules, exercise, pins, rvz;
	char *params, *name, *expect;
	bool custom;
	struct strvec families, variants;
	const char *bjobs;
	int total, n;
} V;

/* ---- messages and files ---- */

static void write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

/* "verify: ..." on stderr in one write: units run side by side */
static void msg(const char *fmt, ...) __printf(1, 2);
static void msg(const char *fmt, ...)
{
	struct strbuf sb = { 0 };
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die(EXIT_INTERNAL, "out of memory");
	va_end(ap);
	sb_addf(&sb, "%s: %s\n", progname, s);
	write_all(2, sb.buf, sb.len);
	free(s);
	sb_free(&sb);
}

static void append(const char *path, const char *fmt, ...) __printf(2, 3);
static void append(const char *path, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int fd, n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(EXIT_INTERNAL, "out of memory");
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		die(EXIT_INTERNAL, "%s: %s", path, strerror(errno));
	write_all(fd, s, n);
	close(fd);
	free(s);
}

/* the contents of PATH (symlinks followed); NULL when it cannot be read */
static char *slurp_path(const char *path, size_t *lenp)
{
	struct strbuf sb = { 0 };
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			sb_free(&sb);
			return NULL;
		}
		if (!n)
			break;
		sb_add(&sb, buf, n);
	}
	close(fd);
	if (!sb.buf)
		sb.buf = xstrdup("");
	if (lenp)
		*lenp = sb.len;
	return sb.buf;
}

static void copy_file(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		die(EXIT_INTERNAL, "%s: %s", src, strerror(errno));
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (out < 0)
		die(EXIT_INTERNAL, "%s: %s", dst, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(EXIT_INTERNAL, "%s: %s", src, strerror(errno));
		write_all(out, buf, n);
	}
	close(in);
	if (close(out))
		die(EXIT_INTERNAL, "%s: %s", dst, strerror(errno));
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/* the words of S split on any byte of SEPS, added to OUT */
void split_words(const char *s, const char *seps, struct strvec *out)
{
	const char *p = s;
	size_t n;

	while (p && *p) {
		p += strspn(p, seps);
		n = strcspn(p, seps);
		if (n)
			sv_push(out, xstrndup(p, n));
		p += n;
	}
}

static void sv_copy(struct strvec *dst, const struct strvec *src)
{
	int i;

	for (i = 0; i < src->n; i++)
		sv_push(dst, xstrdup(src->v[i]));
}

static char *sv_join(const struct strvec *sv, const char *sep)
{
	struct strbuf sb = { 0 };
	int i;

	sb_adds(&sb, "");
	for (i = 0; i < sv->n; i++)
		sb_addf(&sb, "%s%s", i ? sep : "", sv->v[i]);
	return sb.buf;
}

/* S with every '-' as '_' (in place), as the kernel names a module */
char *dash_to_underscore(char *s)
{
	char *p;

	for (p = s; *p; p++)
		if (*p == '-')
			*p = '_';
	return s;
}

/* path.ko[.xz|.zst|.gz] -> the module's name ('-' as '_') */
char *module_name(const char *path)
{
	char *b = xstrdup(base_of(path));

	if (has_suffix(b, ".ko.xz") || has_suffix(b, ".ko.zst") ||
	    has_suffix(b, ".ko.gz"))
		*strrchr(b, '.') = '\0';
	if (has_suffix(b, ".ko"))
		b[strlen(b) - 3] = '\0';
	return dash_to_underscore(b);
}

/* ---- family.conf and --config: KEY=value lines, read as data ---- */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* after a value: nothing, or blanks and maybe a comment */
static bool rest_ok(const char *p, const char *end)
{
	if (p == end)
		return true;
	if (!blank(*p))
		return false;
	while (p < end && blank(*p))
		p++;
	return p == end || *p == '#';
}

/*
 * a byte of an unquoted value sh keeps as it is; '#' starts a comment only
 * at the start of a word (after a blank, see rest_ok()), so A=a#b is "a#b"
 */
static bool bare_ok(unsigned char c)
{
	return id_char(c) || (c && strchr(".,:/=+@%^!#-", c));
}

static void conf_set(struct conf *c, const char *key, size_t klen,
		     const char *val, size_t vlen)
{
	char *k = xstrndup(key, klen);
	int i = sv_find(&c->keys, k);

	if (i >= 0) {
		free(k);
		free(c->vals.v[i]);
		c->vals.v[i] = xstrndup(val, vlen);
		return;
	}
	sv_push(&c->keys, k);
	sv_push(&c->vals, xstrndup(val, vlen));
}

/* one line [p, end): 0 (a blank line, a comment, KEY=value) or -1 */
static int conf_line(const char *p, const char *end, struct conf *c)
{
	const char *key, *v, *q;

	while (p < end && blank(*p))
		p++;
	if (p == end || *p == '#')
		return 0;
	key = p;
	if (!id_start(*p))
		return -1;
	while (p < end && id_char(*p))
		p++;
	if (p == end || *p != '=')
		return -1;
	v = ++p;
	if (p < end && (*p == '"' || *p == '\'')) {
		q = memchr(p + 1, *p, end - p - 1);
		if (!q)
			return -1;
		/* inside "": nothing sh would expand or unescape */
		if (*p == '"')
			for (v = p + 1; v < q; v++)
				if (*v == '\\' || *v == '$' || *v == '`')
					return -1;
		if (!rest_ok(q + 1, end))
			return -1;
		conf_set(c, key, p - 1 - key, p + 1, q - p - 1);
		return 0;
	}
	while (p < end && bare_ok(*p))
		p++;
	if (!rest_ok(p, end))
		return -1;
	conf_set(c, key, v - 1 - key, v, p - v);
	return 0;
}

/*
 * TEXT[0, LEN) as KEY=value lines; a line with a NUL byte is refused (sh
 * would drop the byte, or read the line up to it)
 */
static int conf_parse_len(const char *text, size_t len, const char *name,
			  struct conf *c, char *err, size_t errlen)
{
	const char *p = text, *end = text + len, *e;
	int ln = 0;

	while (p < end) {
		e = memchr(p, '\n', end - p);
		if (!e)
			e = end;
		ln++;
		if (memchr(p, '\0', e - p) || conf_line(p, e, c)) {
			snprintf(err, errlen, "%s:%d: not a KEY=value line",
				 name, ln);
			return -1;
		}
		if (e == end)
			break;
		p = e + 1;
	}
	return 0;
}

int conf_parse(const char *text, const char *name, struct conf *c,
	       char *err, size_t errlen)
{
	return conf_parse_len(text, strlen(text), name, c, err, errlen);
}

int conf_read(const char *path, struct conf *c, char *err, size_t errlen)
{
	size_t len;
	char *text = slurp_path(path, &len);
	int rc;

	if (!text) {
		snprintf(err, errlen, "%s: cannot read: %s", path,
			 strerror(errno));
		return -1;
	}
	rc = conf_parse_len(text, len, path, c, err, errlen);
	free(text);
	return rc;
}

/* the value of KEY, "" when the file does not set it */
const char *conf_get(const struct conf *c, const char *key)
{
	int i = sv_find(&c->keys, key);

	return i >= 0 ? c->vals.v[i] : "";
}

void conf_free(struct conf *c)
{
	sv_free(&c->keys);
	sv_free(&c->vals);
}

/* ---- child processes ---- */

/* set or read by on_signal(): lock-free atomics, safe in a handler */
static _Atomic sig_atomic_t got_sig;
static _Atomic pid_t cur_kid;	/* the process group running now */
static _Atomic pid_t dk_pid;	/* the debug kernel build (main only) */
static _Atomic pid_t unit_pid[MAX_UNITS];
static pid_t main_pid;
static int running;
static bool dk_reaped;
static int dk_status;

static void on_signal(int sig)
{
	int i;

	if (cur_kid > 0)
		kill(-cur_kid, SIGKILL);
	if (getpid() != main_pid)
		_exit(128 + sig);
	if (!got_sig)
		got_sig = sig;
	for (i = 0; i < MAX_UNITS; i++)
		if (unit_pid[i] > 0)
			kill(unit_pid[i], SIGTERM);
	if (dk_pid > 0)
		kill(-dk_pid, SIGTERM);
}

/* main: after a signal, exit (main_cleanup() does the rest) */
static void check_sig(void)
{
	if (got_sig && getpid() == main_pid)
		exit(128 + got_sig);
}

static void sig_block(sigset_t *old)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGHUP);
	sigprocmask(SIG_BLOCK, &s, old);
}

/* every unit and the debug kernel build end with the run */
static void main_cleanup(void)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	sigset_t old;
	int i, st, waited;

	if (getpid() != main_pid)
		return;
	sig_block(&old);
	for (i = 0; i < MAX_UNITS; i++)
		if (unit_pid[i] > 0)
			kill(unit_pid[i], SIGTERM);
	for (i = 0; i < MAX_UNITS; i++) {
		if (unit_pid[i] > 0) {
			while (waitpid(unit_pid[i], &st, 0) < 0 && errno == EINTR)
				;
			unit_pid[i] = 0;
		}
	}
	if (dk_pid > 0) {
		/* its own traps remove its temporary tree */
		kill(-dk_pid, SIGTERM);
		for (waited = 0; waited < 600; waited++) {
			if (waitpid(dk_pid, &st, WNOHANG) == dk_pid)
				break;
			nanosleep(&ts, NULL);
		}
		if (waited == 600) {
			kill(-dk_pid, SIGKILL);
			waitpid(dk_pid, &st, 0);
		}
		dk_pid = 0;
	}
	if (V.work && !getenv("MODREF_KEEP"))
		rm_rf(V.work);
	else if (V.work)
		msg("kept %s", V.work);
	free(V.work);
	V.work = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void redirect(const char *path, int fd)
{
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (f < 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
			strerror(errno));
		_exit(127);
	}
	dup2(f, fd);
	close(f);
}

static __noreturn void child_exec(char *const argv[], struct spawn *sp,
				  int pfd[2], const sigset_t *old)
{
	int nul;

	if (sp->session)
		setsid();
	else
		setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigprocmask(SIG_SETMASK, old, NULL);
	nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, 0);
		if (sp->capture && sp->capture_err)
			dup2(nul, 1);
		close(nul);
	}
	if (sp->capture)
		dup2(pfd[1], sp->capture_err ? 2 : 1);
	if (sp->out)
		redirect(sp->out, 1);
	if (sp->err)
		redirect(sp->err, 2);
	if (sp->env)
		putenv((char *)sp->env);
	execvp(argv[0], argv);
	fprintf(stderr, "%s: %s: %s\n", progname, argv[0], strerror(errno));
	_exit(127);
}

/*
 * Wait for PID's end without reaping it: the zombie keeps its pid, and so
 * its process group's id, from being reused until vspawn() has killed
 * what it left in its group.  Meanwhile *RFD (the capture pipe, -1: none)
 * is read into SP->capture, and at SP->timeout the group gets SIGTERM,
 * SIGKILL 5 s later.  After PID's end the pipe is read to its end, at
 * most 5 s more (a writer outside the group may hold it open).  Returns
 * 0, or -1 when PID cannot be waited for.
 */
static int vspawn_wait(pid_t pid, struct spawn *sp, int *rfd)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	double deadline = 0, killed = 0, drain = 0, t;
	bool ended = false;
	struct pollfd pl;
	char buf[65536];
	siginfo_t si;
	ssize_t n;

	if (sp->timeout > 0)
		deadline = now_mono() + sp->timeout;
	for (;;) {
		if (!ended) {
			memset(&si, 0, sizeof(si));
			if (!waitid(P_PID, pid, &si, WEXITED | WNOWAIT |
				    (deadline || *rfd >= 0 ? WNOHANG : 0))) {
				if (si.si_pid == pid) {
					ended = true;
					/* what it left running goes with it */
					kill(-pid, SIGKILL);
					drain = now_mono() + 5;
				}
			} else if (errno != EINTR) {
				return -1;
			}
		}
		check_sig();
		if (ended && *rfd < 0)
			return 0;
		t = now_mono();
		if (ended && t > drain)
			return 0;
		if (!ended && deadline && !sp->timed_out && t > deadline) {
			sp->timed_out = true;
			killed = t;
			kill(-pid, SIGTERM);
		}
		if (!ended && killed && t > killed + 5)
			kill(-pid, SIGKILL);
		if (*rfd < 0) {
			if (deadline)
				nanosleep(&ts, NULL);
			continue;
		}
		pl = (struct pollfd){ .fd = *rfd, .events = POLLIN };
		if (poll(&pl, 1, 50) <= 0)
			continue;
		n = read(*rfd, buf, sizeof(buf));
		if (n > 0) {
			sb_add(sp->capture, buf, n);
		} else if (!n || (errno != EINTR && errno != EAGAIN)) {
			close(*rfd);
			*rfd = -1;
		}
	}
}

/*
 * Run argv (a name looked up on PATH, or a path) in its own process
 * group, stdin /dev/null; returns its wait status, -1 when it cannot be
 * waited for (or the pid with nowait).  When it ends, what it left in its
 * group is killed, before it is reaped.
 */
int vspawn(char *const argv[], struct spawn *sp)
{
	int pfd[2] = { -1, -1 }, st = -1;
	sigset_t old;
	pid_t pid;

	sp->timed_out = false;
	if (sp->capture && pipe2(pfd, O_CLOEXEC))
		die(EXIT_INTERNAL, "pipe: %s", strerror(errno));
	fflush(NULL);
	sig_block(&old);
	pid = fork();
	if (pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	if (pid == 0)
		child_exec(argv, sp, pfd, &old);
	if (!sp->session)
		setpgid(pid, pid);
	if (sp->nowait) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return pid;
	}
	cur_kid = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (sp->capture)
		close(pfd[1]);
	if (!vspawn_wait(pid, sp, &pfd[0])) {
		/* ended and its group killed: no signal goes to its pid now */
		cur_kid = 0;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	cur_kid = 0;
	if (pfd[0] >= 0)
		close(pfd[0]);
	return st;
}

static bool exit_ok(int st)
{
	return st >= 0 && WIFEXITED(st) && !WEXITSTATUS(st);
}

/* what a failed program's status means for our exit: 1 when not 1..255 */
static int exit_code(int st)
{
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) ?
	       WEXITSTATUS(st) : 1;
}

/* run argv, stdout collected (trailing newlines dropped) */
static int run_out(char *const argv[], char **out)
{
	struct strbuf sb = { 0 };
	struct spawn sp = { .capture = &sb };
	int st = vspawn(argv, &sp);

	sb_adds(&sb, "");
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	*out = sb.buf;
	return st;
}

/* ---- one family: what its family.conf (or the options) say ---- */

struct fspec {
	struct strvec mods;	/* .ko paths, load order */
	struct strvec ex, params, pins, win, caught, safe;
	const char *expect;	/* "pass" or "fail" */
	char *missing;		/* the first .ko not built */
};

static void fspec_free(struct fspec *fs)
{
	sv_free(&fs->mods);
	sv_free(&fs->ex);
	sv_free(&fs->params);
	sv_free(&fs->pins);
	sv_free(&fs->win);
	sv_free(&fs->caught);
	sv_free(&fs->safe);
	free(fs->missing);
	memset(fs, 0, sizeof(*fs));
}

static char *family_conf(const char *f)
{
	return xasprintf("%s/converted-drivers/%s/family.conf", V.top, f);
}

/*
 * fs: FAMILY's modules (paths), exercisers, race params, pins, rendezvous
 * windows (run order), the windows the run must catch and those it must
 * pass.  1 when a module is not built yet (fs->missing).
 */
static int family_spec(const char *f, const char *v, const char *rel,
		       struct fspec *fs)
{
	struct conf c = { 0 };
	struct strvec mods = { 0 };
	const char *b = getenv("MODREF_BUILD");
	char err[1024], *conf, *dir, *ko;
	int i, rc = 0;

	fspec_free(fs);
	if (!strcmp(v, "custom")) {
		sv_copy(&fs->mods, &V.modules);
		sv_copy(&fs->ex, &V.exercise);
		split_words(V.params, BLANKS, &fs->params);
		sv_copy(&fs->pins, &V.pins);
		fs->expect = V.expect;
		sv_copy(&fs->win, &V.rvz);
		if (!strcmp(V.expect, "pass"))
			sv_copy(&fs->safe, &V.rvz);
		return 0;
	}
	conf = family_conf(f);
	if (access(conf, R_OK))
		die(EXIT_INTERNAL, "%s: missing (unknown family %s?)", conf, f);
	if (conf_read(conf, &c, err, sizeof(err)))
		die(EXIT_BAD_INPUT, "%s", err);
	split_words(conf_get(&c, "MODULES"), BLANKS, &mods);
	if (!mods.n)
		die(EXIT_INTERNAL, "%s: MODULES is empty", conf);
	split_words(conf_get(&c, "VERIFY_EXERCISE"), BLANKS, &fs->ex);
	if (!fs->ex.n)
		die(EXIT_INTERNAL, "%s: VERIFY_EXERCISE is empty (what exercises the modules)",
		    conf);
	split_words(conf_get(&c, "RACE_PARAMS"), BLANKS, &fs->params);
	split_words(*conf_get(&c, "VERIFY_PINS") ? conf_get(&c, "VERIFY_PINS") :
		    conf_get(&c, "MODULES"), BLANKS, &fs->pins);
	fs->expect = !strcmp(v, "legacy") &&
		     !strcmp(conf_get(&c, "LEGACY_RACY"), "1") ? "fail" : "pass";
	split_words(conf_get(&c, "RENDEZVOUS_SAFE"), BLANKS, &fs->win);
	split_words(conf_get(&c, "RENDEZVOUS"), BLANKS, &fs->win);
	if (!strcmp(fs->expect, "fail")) {
		split_words(conf_get(&c, "RENDEZVOUS"), BLANKS, &fs->caught);
		split_words(conf_get(&c, "RENDEZVOUS_SAFE"), BLANKS, &fs->safe);
	} else {
		sv_copy(&fs->safe, &fs->win);
	}
	dir = xasprintf("%s/%s/%s/%s", b && *b ? b : V.build_dflt, rel, v, f);
	for (i = 0; i < mods.n; i++) {
		ko = xasprintf("%s/%s.ko", dir, mods.v[i]);
		if (access(ko, R_OK)) {
			fs->missing = ko;
			rc = 1;
			break;
		}
		sv_push(&fs->mods, ko);
	}
	free(dir);
	sv_free(&mods);
	conf_free(&c);
	free(conf);
	return rc;
}

/* ---- the guest's config and initramfs ---- */

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * X as a number.  A family names an ioctl or a command by the macro of its
 * uapi header (converted-drivers/FAMILY/include/ *.h); it is evaluated
 * here, on the host (x86_64 like the guest), so that the guest runner
 * knows no family's uapi.  Custom modules give numbers.
 */
static char *uapi_value(const char *f, const char *v, const char *x)
{
	struct strvec hs = { 0 };
	struct strbuf src = { 0 };
	struct dirent *de;
	char *inc, *c, *t, *val, *p, *e;
	unsigned long long u;
	DIR *d;
	int i;

	if (*x >= '0' && *x <= '9') {
		errno = 0;
		u = strtoull(x, &e, 0);
		(void)u;
		if (*e || errno)
			die(EXIT_INTERNAL, "%s: %s: not a number", f, x);
		return xstrdup(x);
	}
	for (p = (char *)x; *p; p++)
		if (!id_char(*p))
			break;
	if (*p || !*x)
		die(EXIT_INTERNAL, "%s: %s: not a number or a macro name", f, x);
	inc = xasprintf("%s/converted-drivers/%s/include", V.top, f);
	if (!strcmp(v, "custom") || !is_dir(inc))
		die(EXIT_INTERNAL, "%s: %s: a macro needs converted-drivers/%s/include (custom modules: give the number)",
		    f, x, f);
	/*
	 * cached per run; units running side by side may evaluate the same
	 * macro at once: each in its own files, renamed into place
	 */
	c = xasprintf("%s/uapi-%s-%s", V.work, f, x);
	val = slurp_path(c, NULL);
	if (!val || !*val) {
		char *vc, *vx, *verr, *vout, *log, *l;
		struct spawn sp = { 0 };
		int ok;

		free(val);
		t = xasprintf("%s/uapi.XXXXXX", V.work);
		if (!mkdtemp(t))
			die(EXIT_INTERNAL, "%s: %s", t, strerror(errno));
		d = opendir(inc);
		while (d && (de = readdir(d)))
			if (de->d_name[0] != '.' && has_suffix(de->d_name, ".h"))
				sv_push(&hs, xstrdup(de->d_name));
		if (d)
			closedir(d);
		if (hs.n > 1)
			qsort(hs.v, hs.n, sizeof(*hs.v), cmp_strp);
		sb_adds(&src, "#include <stdio.h>\n#include <linux/ioctl.h>\n");
		for (i = 0; i < hs.n; i++)
			sb_addf(&src, "#include \"%s\"\n", hs.v[i]);
		sb_addf(&src, "int main(void) { printf(\"%%lu\\n\", (unsigned long)(%s)); return 0; }\n",
			x);
		vc = xasprintf("%s/v.c", t);
		vx = xasprintf("%s/v", t);
		verr = xasprintf("%s/err", t);
		vout = xasprintf("%s/out", t);
		if (write_file(vc, src.buf, src.len))
			die(EXIT_INTERNAL, "%s: %s", vc, strerror(errno));
		sp.err = verr;
		{
			char *const argv[] = { "gcc", "-I", inc, "-o", vx, vc,
					       NULL };

			ok = exit_ok(vspawn(argv, &sp));
		}
		if (!ok) {
			log = slurp_path(verr, NULL);
			l = log ? strstr(log, "error") : NULL;
			if (l) {
				while (l > log && l[-1] != '\n')
					l--;
				l[strcspn(l, "\n")] = '\0';
			}
			die(EXIT_INTERNAL, "%s: %s: not a macro of %s/*.h (%s)",
			    f, x, inc, l ? l : "");
		}
		{
			char *const rargv[] = { vx, NULL };
			struct spawn rs = { .out = vout };

			if (!exit_ok(vspawn(rargv, &rs)) || rename(vout, c))
				die(EXIT_INTERNAL, "%s: %s: cannot evaluate",
				    f, x);
		}
		rm_rf(t);
		free(t);
		free(vc);
		free(vx);
		free(verr);
		free(vout);
		sb_free(&src);
		sv_free(&hs);
		val = slurp_path(c, NULL);
		if (!val)
			die(EXIT_INTERNAL, "%s: %s: cannot evaluate", f, x);
	}
	val[strcspn(val, "\n")] = '\0';
	free(c);
	free(inc);
	return val;
}

static int count_char(const char *s, char c)
{
	int n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

/* an exerciser word as the guest reads it: macros evaluated, blanks */
static void exercise_line(struct strbuf *cfg, const char *f, const char *v,
			  const char *e)
{
	int colons = count_char(e, ':');
	char *line, *p, *nr;

	if (!strncmp(e, "ioctl:", 6) && colons >= 3)
		die(EXIT_INTERNAL, "%s: exercise %s: not ioctl:NAME:NR", f, e);
	if (!strncmp(e, "ioctl:", 6) && colons == 2) {
		p = strrchr(e, ':');
		nr = uapi_value(f, v, p + 1);
		line = xasprintf("%.*s:%s", (int)(p - e), e, nr);
		free(nr);
	} else if (!strncmp(e, "cmd:", 4)) {
		const char *name = e + 4, *w, *cmds;
		struct strvec cv = { 0 };
		struct strbuf sb = { 0 };
		char *n1;
		int i;

		if (colons != 3 || !strrchr(e, ':')[1])
			die(EXIT_INTERNAL, "%s: exercise %s: not cmd:NAME:NR:CMD[,CMD...]",
			    f, e);
		w = strchr(name, ':') + 1;
		cmds = strchr(w, ':') + 1;
		n1 = xstrndup(w, cmds - 1 - w);
		nr = uapi_value(f, v, n1);
		sb_addf(&sb, "cmd:%.*s:%s", (int)(w - 1 - name), name, nr);
		split_words(cmds, ",", &cv);
		for (i = 0; i < cv.n; i++) {
			char *cn = uapi_value(f, v, cv.v[i]);

			sb_addf(&sb, ":%s", cn);
			free(cn);
		}
		sv_free(&cv);
		free(n1);
		free(nr);
		line = sb.buf;
	} else {
		line = xstrdup(e);
	}
	for (p = line; *p; p++)
		if (*p == ':')
			*p = ' ';
	sb_addf(cfg, "exercise %s\n", line);
	free(line);
}

/*
 * DST is SRC as a plain ELF .ko.  A compressed module (Debian's 6.12
 * installs its own as .ko.xz) is decompressed here, on the host: the
 * runner loads with finit_module(fd, params, 0), which a kernel only takes
 * for an ELF, and decompressing in the guest costs TCG time.
 */
static void put_ko(const char *src, const char *dst)
{
	const char *tool = NULL, *flags = "-dc";
	struct spawn sp = { .out = dst };

	if (has_suffix(src, ".ko.xz"))
		tool = "xz";
	else if (has_suffix(src, ".ko.zst"))
		tool = "zstd", flags = "-qdc";
	else if (has_suffix(src, ".ko.gz"))
		tool = "gzip";
	if (!tool) {
		copy_file(src, dst, 0644);
		return;
	}
	{
		char *const argv[] = { (char *)tool, (char *)flags, "--", (char *)src,
				 NULL };

		if (!exit_ok(vspawn(argv, &sp)))
			die(EXIT_INTERNAL, "%s: %s -d failed", src, tool);
	}
}

/* *.*=*: a '.', and a '=' after it */
static bool is_param(const char *p)
{
	const char *d = strchr(p, '.');

	return d && strchr(d, '=');
}

/* *.*:?*: a '.', a ':' after it, and a byte after that ':' */
static bool is_window(const char *w)
{
	const char *d = strchr(w, '.'), *c;

	if (!d)
		return false;
	for (c = strchr(d, ':'); c; c = strchr(c + 1, ':'))
		if (c[1])
			return true;
	return false;
}

/* the guest's /modref/config for the families of one boot */
static long guest_config(struct strbuf *cfg, const char *st, const char *rel,
			 const char *v, const struct strvec *fams)
{
	long ft = 60 + V.ncycles / 2 + V.nrace_ms * 3 / 1000;
	struct fspec fs = { 0 };
	char *m, *d, *p, *q;
	int i, j;

	sb_addf(cfg, "cycles %ld\nrace_ms %ld\nthreads %s\nrace_mode %s\n",
		V.ncycles, V.nrace_ms, V.threads, V.race_mode);
	sb_addf(cfg, "family_timeout %ld\n", ft);
	for (i = 0; i < fams->n; i++) {
		const char *f = fams->v[i];

		if (family_spec(f, v, rel, &fs))
			die(EXIT_INTERNAL, "%s: cannot read module", fs.missing);
		sb_addf(cfg, "family %s\n", f);
		d = xasprintf("%s/modref/%s", st, f);
		if (mkdir_p(d, 0755))
			die(EXIT_INTERNAL, "%s: %s", d, strerror(errno));
		for (j = 0; j < fs.mods.n; j++) {
			m = module_name(fs.mods.v[j]);
			p = xasprintf("%s/%s.ko", d, m);
			put_ko(fs.mods.v[j], p);
			sb_addf(cfg, "module %s /modref/%s/%s.ko\n", m, f, m);
			free(p);
			free(m);
		}
		free(d);
		for (j = 0; j < fs.params.n; j++) {
			p = fs.params.v[j];
			if (!is_param(p))
				die(EXIT_INTERNAL, "%s: race param %s: not module.param=value",
				    f, p);
			q = xstrndup(p, strchr(p, '.') - p);
			m = module_name(q);
			sb_addf(cfg, "param %s %s\n", m, strchr(p, '.') + 1);
			free(m);
			free(q);
		}
		for (j = 0; j < fs.ex.n; j++)
			exercise_line(cfg, f, v, fs.ex.v[j]);
		if (fs.pins.n) {
			sb_adds(cfg, "pins ");
			for (j = 0; j < fs.pins.n; j++) {
				m = module_name(fs.pins.v[j]);
				sb_addf(cfg, "%s ", m);
				free(m);
			}
			sb_adds(cfg, "\n");
		}
		/* MODULE.PARAM:REMOVE[!],...  ("!": must be refused) */
		for (j = 0; j < fs.win.n; j++) {
			const char *w = fs.win.v[j], *c;
			char *mp, *dot;

			if (!is_window(w))
				die(EXIT_INTERNAL, "%s: rendezvous %s: not module.param:module[!][,module[!]...]",
				    f, w);
			c = strchr(w, ':');
			mp = xstrndup(w, c - w);
			dot = strchr(mp, '.');
			q = dot ? xstrndup(mp, dot - mp) : xstrdup(mp);
			m = module_name(q);
			free(q);
			q = dash_to_underscore(xstrdup(c + 1));
			sb_addf(cfg, "rendezvous %s %s %s\n", m,
				dot ? dot + 1 : mp, q);
			free(q);
			free(m);
			free(mp);
		}
	}
	fspec_free(&fs);
	return ft;
}

/* every path under ROOT as find(1) prints them: ".", "./a", "./a/b" */
static void tree_paths(const char *root, const char *rel, struct strvec *out)
{
	char *dir = xasprintf("%s/%s", root, rel);
	struct dirent *de;
	DIR *d = opendir(dir);
	char *r;

	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		r = xasprintf("%s/%s", rel, de->d_name);
		sv_push(out, r);
		if (de->d_type == DT_DIR)
			tree_paths(root, r, out);
	}
	if (d)
		closedir(d);
	free(dir);
}

static void newc_pad(FILE *o, unsigned long *off)
{
	while (*off % 4) {
		fputc(0, o);
		(*off)++;
	}
}

static void newc_entry(FILE *o, unsigned long *off, const char *name,
		       unsigned int ino, const struct stat *st,
		       const char *data, size_t len)
{
	size_t nlen = strlen(name) + 1;

	*off += fprintf(o, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			ino, st ? (unsigned int)st->st_mode : 0, 0, 0,
			st && S_ISDIR(st->st_mode) ? 2 : 1,
			st ? (unsigned int)st->st_mtime : 0,
			(unsigned int)len, 0, 0, 0, 0, (unsigned int)nlen, 0);
	fwrite(name, 1, nlen, o);
	*off += nlen;
	newc_pad(o, off);
	if (len) {
		fwrite(data, 1, len, o);
		*off += len;
		newc_pad(o, off);
	}
}

/* ROOT as a newc cpio archive in OUT (paths sorted as LC_ALL=C sort) */
static void newc_write(const char *root, const char *out)
{
	struct strvec paths = { 0 };
	unsigned long off = 0;
	struct stat st;
	FILE *o = fopen(out, "w");
	char *p, *data;
	size_t len;
	int i;

	if (!o)
		die(EXIT_INTERNAL, "%s: %s", out, strerror(errno));
	sv_push(&paths, xstrdup("."));
	tree_paths(root, ".", &paths);
	sv_sort(&paths);
	for (i = 0; i < paths.n; i++) {
		p = xasprintf("%s/%s", root, paths.v[i]);
		if (lstat(p, &st))
			die(EXIT_INTERNAL, "%s: %s", p, strerror(errno));
		data = NULL;
		len = 0;
		if (S_ISREG(st.st_mode)) {
			data = slurp_path(p, &len);
			if (!data)
				die(EXIT_INTERNAL, "%s: %s", p, strerror(errno));
		}
		newc_entry(o, &off, paths.v[i], i + 1, &st, data, len);
		free(data);
		free(p);
	}
	newc_entry(o, &off, "TRAILER!!!", 0, NULL, NULL, 0);
	if (fclose(o))
		die(EXIT_INTERNAL, "%s: %s", out, strerror(errno));
	sv_free(&paths);
}

/*
 * DIR/initrd.gz with the runner, the config and the modules of FAMS;
 * returns the guest's per-family time limit.
 */
static long make_initramfs(const char *dir, const char *rel, const char *v,
			   const struct strvec *fams)
{
	char *st = xasprintf("%s/root", dir), *p, *cpio, *gz, *tmp;
	struct strbuf cfg = { 0 };
	static const char *const sub[] = { "modref", "dev", "proc", "sys" };
	struct spawn sp = { 0 };
	unsigned int i;
	long ft;

	rm_rf(st);
	for (i = 0; i < ARRAY_SIZE(sub); i++) {
		p = xasprintf("%s/%s", st, sub[i]);
		if (mkdir_p(p, 0755))
			die(EXIT_INTERNAL, "%s: %s", p, strerror(errno));
		free(p);
	}
	p = xasprintf("%s/init", st);
	copy_file(V.guest, p, 0755);
	free(p);
	ft = guest_config(&cfg, st, rel, v, fams);
	p = xasprintf("%s/modref/config", st);
	if (write_file(p, cfg.buf, cfg.len))
		die(EXIT_INTERNAL, "%s: %s", p, strerror(errno));
	free(p);
	sb_free(&cfg);
	cpio = xasprintf("%s/initrd.cpio", dir);
	gz = xasprintf("%s/initrd.gz", dir);
	tmp = xasprintf("%s/initrd.gz.tmp", dir);
	newc_write(st, cpio);
	{
		char *const argv[] = { "gzip", "-1", "-n", "-c", "--", cpio, NULL };

		sp.out = tmp;
		if (!exit_ok(vspawn(argv, &sp)) || rename(tmp, gz))
			die(EXIT_INTERNAL, "%s: gzip failed", cpio);
	}
	unlink(cpio);
	free(cpio);
	free(gz);
	free(tmp);
	free(st);
	return ft;
}

/* ---- one boot, one unit ---- */

/* QEMU, killed at LIMIT s: "exit", "reboot", "hang" or "crash" */
static const char *boot(const char *img, const char *initrd, const char *con,
			const char *kt, long limit)
{
	const char *app = getenv("MODREF_QEMU_APPEND");
	char *append, *scon, *skt;
	struct spawn sp = { .out = "/dev/null", .err = "/dev/null" };
	int st;

	append = xasprintf("console=ttyS0 panic=-1 loglevel=5 printk.devkmsg=on rcupdate.rcu_expedited=1 %s %s",
			   STALL_APPEND, app ? app : "");
	scon = xasprintf("file:%s", con);
	skt = xasprintf("file:%s", kt);
	{
		char *const argv[] = {
			"qemu-system-x86_64", "-accel", "tcg", "-m", "1G",
			"-smp", (char *)V.smp, "-nographic", "-display", "none",
			"-monitor", "none", "-no-reboot", "-nic", "none",
			"-kernel", (char *)img, "-initrd", (char *)initrd,
			"-append", append,
			"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
			"-serial", scon, "-serial", skt, NULL
		};

		sp.timeout = limit;
		st = vspawn(argv, &sp);
	}
	free(append);
	free(scon);
	free(skt);
	if (sp.timed_out)
		return "hang";
	if (st >= 0 && WIFEXITED(st)) {
		/* isa-debug-exit: (code << 1) | 1 */
		if (WEXITSTATUS(st) == 1 || WEXITSTATUS(st) == 3)
			return "exit";
		/* the runner's own reboot on a kernel without ioperm(), or a panic */
		if (WEXITSTATUS(st) == 0)
			return "reboot";
	}
	return "crash";
}

/* does the reason show the race (not a build or load problem)? */
static bool right_reason(const char *r)
{
	static const char *const race[] = {
		"removal succeeded while a user", "kernel_log: ",
		"console_log: ", "did not return", "killed",
		"stuck in the kernel", "hang:", "crash:",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(race); i++)
		if (strstr(r, race[i]))
			return true;
	return false;
}

/*
 * Every window the run must catch was caught and every window it must pass
 * passed (the guest's "window M.P: caught|pass" lines); *why: what is
 * missing.  Nothing to check in race mode sleep.
 */
static bool windows_ok(const char *ktap, const struct fspec *fs, char **why)
{
	struct strbuf bad = { 0 };
	char *k, *a, *b, *key;
	int i;

	*why = NULL;
	if (!strcmp(V.race_mode, "sleep"))
		return true;
	k = slurp_path(ktap, NULL);
	if (!k)
		k = xstrdup("");
	for (i = 0; i < fs->caught.n; i++) {
		key = xstrndup(fs->caught.v[i], strcspn(fs->caught.v[i], ":"));
		a = xasprintf("# window %s: caught", key);
		b = xasprintf("# reason: window %s: caught", key);
		if (!strstr(k, a) && !strstr(k, b))
			sb_addf(&bad, " %s not caught;", key);
		free(a);
		free(b);
		free(key);
	}
	for (i = 0; i < fs->safe.n; i++) {
		key = xstrndup(fs->safe.v[i], strcspn(fs->safe.v[i], ":"));
		a = xasprintf("# window %s: pass", key);
		if (!strstr(k, a))
			sb_addf(&bad, " %s did not pass;", key);
		free(a);
		free(key);
	}
	free(k);
	if (!bad.len)
		return true;
	*why = xasprintf("rendezvous:%s", bad.buf);
	sb_free(&bad);
	return false;
}

/* "# boot_to_init: X s" of the guest's KTAP, NULL when absent */
static char *boot_seconds(const char *kt)
{
	char *k = slurp_path(kt, NULL), *l, *r = NULL;
	size_t n;

	for (l = k; l && *l; l += strcspn(l, "\n"), l += *l == '\n') {
		if (strncmp(l, "# boot_to_init: ", 16))
			continue;
		n = strspn(l + 16, "0123456789.");
		if (!strncmp(l + 16 + n, " s", 2) ||
		    !strncmp(l + 16 + n, "\r s", 3)) {
			r = xstrndup(l + 16, n);
			break;
		}
	}
	free(k);
	return r;
}

/* the verdicts of one boot's rows: as expected or not */
static void judge_rows(int n, const char *rel, const char *v,
		       const char *odir, const char *rows1,
		       const char *results)
{
	char *text = slurp_path(rows1, NULL), *l, *e, *f[7], *p, *why, *kp;
	struct fspec fs = { 0 };
	const char *word;
	char *wordbuf;
	bool ok;
	int i;

	for (l = text; l && *l; l = e) {
		e = l + strcspn(l, "\n");
		if (*e)
			*e++ = '\0';
		p = l;
		for (i = 0; i < 7; i++) {
			f[i] = p;
			if (i < 6) {
				p = strchr(p, '\t');
				if (!p)
					break;
				*p++ = '\0';
			}
		}
		if (i < 7)
			continue;
		family_spec(f[1], v, rel, &fs);
		ok = true;
		why = NULL;
		kp = xasprintf("%s/%s-%s.ktap", odir, f[1], v);
		if (strcmp(f[3], fs.expect))
			ok = false;
		else if (!strcmp(f[3], "fail") && !right_reason(f[6]))
			ok = false;
		else if (!windows_ok(kp, &fs, &why))
			ok = false;
		free(kp);
		wordbuf = xasprintf("UNEXPECTED (expected %s%s%s)", fs.expect,
				    why ? "; " : "", why ? why : "");
		word = ok ? "as expected" : wordbuf;
		msg("[%d/%d] %s %s %s: %s, %s, %s cycles, %s s%s%s", n,
		    V.total, rel, f[1], v, f[3], word, f[4], f[5],
		    *f[6] ? ": " : "", f[6]);
		append(results, "%s %s %s %s %s\n", rel, f[1], v, f[3],
		       ok ? "yes" : "no");
		free(wordbuf);
		free(why);
	}
	fspec_free(&fs);
	free(text);
}

/* the last line of S, tabs as blanks */
static char *last_line(const char *s)
{
	size_t n = strlen(s);
	const char *b;
	char *r, *p;

	while (n && s[n - 1] == '\n')
		n--;
	for (b = s + n; b > s && b[-1] != '\n'; b--)
		;
	r = xstrndup(b, s + n - b);
	for (p = r; *p; p++)
		if (*p == '\t')
			*p = ' ';
	return r;
}

/* build what is missing; the families that can boot are added to OK */
static void unit_build(int n, const char *rel, const char *kdir,
		       const char *v, const char *rows, const char *results,
		       const struct strvec *todo, struct strvec *ok)
{
	struct fspec fs = { 0 };
	char *env = xasprintf("MODREF_JOBS=%s", V.bjobs), *bmsg, *sh;
	int i, st;

	sh = xasprintf("%s/scripts/build.sh", V.top);
	for (i = 0; i < todo->n; i++) {
		const char *f = todo->v[i];
		struct strbuf err = { 0 };
		struct spawn sp = { .capture = &err, .capture_err = true,
				    .env = env };
		char *const argv[] = { sh, (char *)kdir, (char *)rel, (char *)v,
				 (char *)f, NULL };

		if (!V.custom && family_spec(f, v, rel, &fs)) {
			msg("[%d/%d] %s %s %s: building", n, V.total, rel, f, v);
			st = vspawn(argv, &sp);
			sb_adds(&err, "");
			if (!exit_ok(st) || family_spec(f, v, rel, &fs)) {
				bmsg = err.len ? last_line(err.buf) :
				       xasprintf("%s: missing after the build (MODULES in family.conf?)",
						 fs.missing);
				append(rows, "%s\t%s\t%s\tfail\t0\t0\tbuild: %s\n",
				       rel, f, v, bmsg);
				msg("[%d/%d] %s %s %s: fail, UNEXPECTED (expected %s): build: %s",
				    n, V.total, rel, f, v, fs.expect, bmsg);
				append(results, "%s %s %s fail no\n", rel, f, v);
				free(bmsg);
				sb_free(&err);
				continue;
			}
			sb_free(&err);
		}
		sv_push(ok, xstrdup(f));
	}
	fspec_free(&fs);
	free(sh);
	free(env);
}

/*
 * Every family of one (kernel, variant), in a child process: U/rows and
 * U/results ("rel family variant verdict yes|no" per run, "no" when the
 * verdict did not match its expectation), then U/done.
 */
static void run_unit(int n, const char *rel, const char *kdir,
		     const char *img, const char *v)
{
	char *u = xasprintf("%s/u%d", V.work, n), *rows, *results, *rows1;
	struct strvec todo = { 0 }, next = { 0 };
	char *odir, *p, *con, *kt, *initrd, *list, *bs;
	const char *st, *kst;
	int i, boots = 0;
	long ft, limit;
	time_t t0;

	if (mkdir_p(u, 0755))
		die(EXIT_INTERNAL, "%s: %s", u, strerror(errno));
	rows = xasprintf("%s/rows", u);
	results = xasprintf("%s/results", u);
	rows1 = xasprintf("%s/rows1", u);
	initrd = xasprintf("%s/initrd.gz", u);
	write_file(rows, "", 0);
	write_file(results, "", 0);
	odir = xasprintf("%s/%s", V.outroot, rel);
	if (mkdir_p(odir, 0755))
		die(EXIT_INTERNAL, "%s: %s", odir, strerror(errno));
	for (i = 0; i < V.families.n; i++) {
		p = xasprintf("%s/%s/%s", V.tree, V.families.v[i], v);
		if (V.custom || is_dir(p))
			sv_push(&next, xstrdup(V.families.v[i]));
		else
			msg("[%d/%d] %s %s %s: no %s variant, skipped", n,
			    V.total, rel, V.families.v[i], v, v);
		free(p);
	}
	/* build what is missing; a family that does not build fails here */
	unit_build(n, rel, kdir, v, rows, results, &next, &todo);
	sv_free(&next);
	while (todo.n) {
		struct boot_args a;

		boots++;
		list = sv_join(&todo, ",");
		msg("[%d/%d] %s %s %s: booting...", n, V.total, rel, list, v);
		free(list);
		ft = make_initramfs(u, rel, v, &todo);
		limit = 90 + todo.n * (ft + 30);
		con = xasprintf("%s/console-%s.%d.log", odir, v, boots);
		kt = xasprintf("%s/raw-%s.%d.ktap", odir, v, boots);
		unlink(con);
		unlink(kt);
		t0 = time(NULL);
		st = boot(img, initrd, con, kt, limit);
		write_file(rows1, "", 0);
		/*
		 * a reboot is judged like a crash: families without a KTAP
		 * result are blamed, those with one keep it
		 */
		kst = !strcmp(st, "reboot") ? "crash" : st;
		a = (struct boot_args){ rel, v, kst, kt, con, odir, rows1,
					(const char *const *)todo.v, todo.n };
		if (report_boot_judge(&a, &next)) {
			msg("[%d/%d] %s %s: modref report failed on boot %d",
			    n, V.total, rel, v, boots);
			append(results, "%s - %s fail no\n", rel, v);
			free(con);
			free(kt);
			break;
		}
		bs = boot_seconds(kt);
		msg("[%d/%d] %s %s: boot %s after %ld s (kernel to /init %s s)",
		    n, V.total, rel, v, st, (long)(time(NULL) - t0),
		    bs ? bs : "?");
		free(bs);
		p = slurp_path(rows1, NULL);
		if (p)
			append(rows, "%s", p);
		free(p);
		judge_rows(n, rel, v, odir, rows1, results);
		sv_free(&todo);
		todo = next;
		memset(&next, 0, sizeof(next));
		free(con);
		free(kt);
		if (boots > 8 && todo.n) {
			list = sv_join(&todo, " ");
			msg("[%d/%d] %s %s: giving up on %s after %d boots", n,
			    V.total, rel, v, list, boots);
			free(list);
			append(results, "%s - %s fail no\n", rel, v);
			break;
		}
	}
	p = xasprintf("%s/done", u);
	if (write_file(p, "", 0))
		die(EXIT_INTERNAL, "%s: %s", p, strerror(errno));
	free(p);
	sv_free(&todo);
	sv_free(&next);
	free(odir);
	free(rows);
	free(rows1);
	free(results);
	free(initrd);
	free(u);
}

/* ---- units side by side ---- */

/*
 * Wait for one unit to end (the debug kernel build's end is recorded).
 * Its pid is forgotten before it is reaped: on_signal() never signals a
 * pid that may have been reused.
 */
static void reap_one(void)
{
	siginfo_t si;
	pid_t pid;
	int st, i;

	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | WNOWAIT) < 0) {
			if (errno == EINTR) {
				check_sig();
				continue;
			}
			running = 0;
			return;
		}
		pid = si.si_pid;
		if (pid == dk_pid) {
			dk_pid = 0;
			while (waitpid(pid, &dk_status, 0) < 0 && errno == EINTR)
				;
			dk_reaped = true;
			continue;
		}
		for (i = 0; i < MAX_UNITS; i++)
			if (unit_pid[i] == pid)
				break;
		if (i < MAX_UNITS)
			unit_pid[i] = 0;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (i < MAX_UNITS) {
			running--;
			return;
		}
	}
}

static void start_unit(int n, const char *rel, const char *kdir,
		       const char *img, const char *v)
{
	sigset_t old;
	pid_t pid;

	if (n > MAX_UNITS)
		die(EXIT_INTERNAL, "more than %d units", MAX_UNITS);
	fflush(NULL);
	sig_block(&old);
	pid = fork();
	if (pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	if (pid == 0) {
		cur_kid = 0;
		dk_pid = 0;
		sigprocmask(SIG_SETMASK, &old, NULL);
		run_unit(n, rel, kdir, img, v);
		exit(0);
	}
	unit_pid[n - 1] = pid;
	running++;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* the units of every kernel of KLIST ("rel kdir image" lines) */
static void run_klist(const char *klist)
{
	char *text = xstrdup(klist), *l, *e, *vm = NULL, *cache;
	struct strvec w = { 0 };
	int i, st;

	cache = xasprintf("%s/build/verify/kernels", V.top);
	for (l = text; *l; l = e) {
		const char *rel, *kdir, *img;

		e = l + strcspn(l, "\n");
		if (*e)
			*e++ = '\0';
		sv_free(&w);
		split_words(l, " \t", &w);
		if (!w.n)
			continue;
		rel = w.v[0];
		kdir = w.n > 1 ? w.v[1] : "";
		img = w.n > 2 ? w.v[2] : "";
		if (!strcmp(img, "-"))
			die(EXIT_INTERNAL, "%s: no bootable kernel image (headers only)",
			    rel);
		if (access(img, R_OK))
			die(EXIT_INTERNAL, "%s: cannot read (run as root: Debian's /boot images are root-only)",
			    img);
		/* an uncompressed PVH vmlinux boots without in-guest decompression */
		{
			char *vl = xasprintf("%s/vmlinux", V.here);
			char *const argv[] = { vl, (char *)img, cache, NULL };

			free(vm);
			st = run_out(argv, &vm);
			free(vl);
			check_sig();
			if (!exit_ok(st))
				exit(exit_code(st));
		}
		for (i = 0; i < V.variants.n; i++) {
			V.n++;
			while (V.njobs > 1 && running >= V.njobs)
				reap_one();
			start_unit(V.n, rel, kdir, vm, V.variants.v[i]);
			while (V.njobs <= 1 && running > 0)
				reap_one();
		}
	}
	sv_free(&w);
	free(vm);
	free(cache);
	free(text);
}

/* ---- the command ---- */

static void verify_usage(FILE *o)
{
	fputs("usage: modref verify [--kernels K] [--families F] [--variants V] [--cycles N]\n"
	      "                     [--race-ms MS] [--threads N] [--smp N] [--jobs N] [--out DIR]\n"
	      "                     [--race-mode both|rendezvous|sleep]\n"
	      "       modref verify --modules a.ko,b.ko --exercise chrdev:foo [--params 'a.x=1']\n"
	      "                     [--pins a,b] [--rendezvous 'a.hold:a!'] [--name NAME]\n"
	      "                     [--expect pass|fail] [--kernels K]\n"
	      "       modref verify --config FILE   (NAME, MODULES, EXERCISE, RACE_PARAMS,\n"
	      "                     PINS, RENDEZVOUS as KEY=value lines)\n"
	      "Boots each kernel under QEMU and checks load/unload cycles and unload races.\n"
	      "Environment: KERNELS FAMILIES VARIANTS CYCLES RACE_MS THREADS SMP JOBS RACE_MODE\n"
	      "(the options win), MODREF_TREE, MODREF_VERIFY_OUT.  Exit 0 when at least one\n"
	      "run ran and every verdict matched its expectation; 2 bad settings.\n"
	      "See verify/README.md.\n", o);
}

static const char *env_or(const char *name, const char *dflt, bool empty_ok)
{
	const char *e = getenv(name);

	if (!e || (!*e && !empty_ok))
		return dflt;
	return e;
}

/* --config FILE: the custom modules, relative to the file */
static void read_config(const char *file)
{
	struct conf c = { 0 };
	char err[1024], *abs, *dir, *cwd;
	struct strvec mods = { 0 };
	int i;

	if (access(file, R_OK))
		die(EXIT_INTERNAL, "%s: cannot read config", file);
	if (conf_read(file, &c, err, sizeof(err)))
		die(EXIT_BAD_INPUT, "%s", err);
	if (!*conf_get(&c, "MODULES") || !*conf_get(&c, "EXERCISE"))
		die(EXIT_INTERNAL, "%s: %s is empty", file,
		    *conf_get(&c, "MODULES") ? "EXERCISE" : "MODULES");
	free(V.name);
	V.name = xstrdup(*conf_get(&c, "NAME") ? conf_get(&c, "NAME") :
			 "custom");
	sv_free(&V.exercise);
	split_words(conf_get(&c, "EXERCISE"), BLANKS, &V.exercise);
	free(V.params);
	V.params = xstrdup(conf_get(&c, "RACE_PARAMS"));
	sv_free(&V.pins);
	split_words(conf_get(&c, "PINS"), BLANKS, &V.pins);
	sv_free(&V.rvz);
	split_words(conf_get(&c, "RENDEZVOUS"), BLANKS, &V.rvz);
	cwd = getcwd(NULL, 0);
	abs = file[0] == '/' || !cwd ? xstrdup(file) :
	      xasprintf("%s/%s", cwd, file);
	dir = dir_of(abs);
	sv_free(&V.modules);
	split_words(conf_get(&c, "MODULES"), BLANKS, &mods);
	for (i = 0; i < mods.n; i++)
		sv_push(&V.modules, mods.v[i][0] == '/' ? xstrdup(mods.v[i]) :
			xasprintf("%s/%s", dir, mods.v[i]));
	sv_free(&mods);
	free(cwd);
	free(abs);
	free(dir);
	conf_free(&c);
}

static void options(int argc, char **argv)
{
	const char *o, *a;
	int i;

	for (i = 1; i < argc; i += 2) {
		o = argv[i];
		if (i + 1 >= argc)
			die(EXIT_INTERNAL, "%s: missing value", o);
		a = argv[i + 1];
		if (!strcmp(o, "--kernels")) {
			V.kernels = xstrdup(a);
		} else if (!strcmp(o, "--families")) {
			V.families_arg = xstrdup(a);
		} else if (!strcmp(o, "--variants")) {
			V.variants_arg = xstrdup(a);
		} else if (!strcmp(o, "--cycles")) {
			V.cycles = a;
		} else if (!strcmp(o, "--race-ms")) {
			V.race_ms = a;
		} else if (!strcmp(o, "--race-mode")) {
			V.race_mode = a;
		} else if (!strcmp(o, "--rendezvous")) {
			sv_free(&V.rvz);
			split_words(a, BLANKS, &V.rvz);
		} else if (!strcmp(o, "--threads")) {
			V.threads = a;
		} else if (!strcmp(o, "--smp")) {
			V.smp = a;
		} else if (!strcmp(o, "--jobs")) {
			V.jobs = a;
		} else if (!strcmp(o, "--out")) {
			V.outroot = xstrdup(a);
		} else if (!strcmp(o, "--modules")) {
			sv_free(&V.modules);
			split_words(a, ", \t\n", &V.modules);
		} else if (!strcmp(o, "--exercise")) {
			sv_free(&V.exercise);
			split_words(a, ", \t\n", &V.exercise);
		} else if (!strcmp(o, "--params")) {
			free(V.params);
			V.params = xstrdup(a);
		} else if (!strcmp(o, "--pins")) {
			sv_free(&V.pins);
			split_words(a, ", \t\n", &V.pins);
		} else if (!strcmp(o, "--name")) {
			free(V.name);
			V.name = xstrdup(a);
		} else if (!strcmp(o, "--expect")) {
			V.expect = xstrdup(a);
		} else if (!strcmp(o, "--config")) {
			read_config(a);
		} else {
			die(EXIT_INTERNAL, "%s: unknown option (see verify/README.md)",
			    o);
		}
	}
}

/* bad settings: scripts/check-params prints the line, exit 2 */
static void check_params(void)
{
	char *cp = xasprintf("%s/scripts/check-params", V.top);
	char *a[10] = { cp };
	struct spawn sp = { .env = "MODREF_ME=verify" };
	int i;

	a[1] = xasprintf("CYCLES=%s", V.cycles);
	a[2] = xasprintf("RACE_MS=%s", V.race_ms);
	a[3] = xasprintf("THREADS=%s", V.threads);
	a[4] = xasprintf("SMP=%s", V.smp);
	a[5] = xasprintf("JOBS=%s", V.jobs);
	a[6] = xasprintf("KERNELS=%s", V.kernels);
	if (!V.modules.n) {
		a[7] = xasprintf("VARIANTS=%s", V.variants_arg);
		a[8] = xasprintf("FAMILIES=%s", V.families_arg);
	}
	if (!exit_ok(vspawn(a, &sp))) {
		check_sig();
		exit(EXIT_BAD_INPUT);
	}
	for (i = 0; i < 9; i++)
		free(a[i]);
}

static bool newer_than(const char *path, const struct stat *ref)
{
	struct stat st;

	if (stat(path, &st))
		return false;
	return st.st_mtim.tv_sec > ref->st_mtim.tv_sec ||
	       (st.st_mtim.tv_sec == ref->st_mtim.tv_sec &&
		st.st_mtim.tv_nsec > ref->st_mtim.tv_nsec);
}

static struct stat guest_st;
static bool header_newer;

static int header_check(const char *p, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_F && has_suffix(p, ".h") && newer_than(p, &guest_st))
		header_newer = true;
	return 0;
}

/*
 * The guest runner, built once.  No family's include dir: the runner
 * knows no family (their ioctls and commands come evaluated in the
 * config, see uapi_value()).
 */
static void build_guest(void)
{
	char *gdir = xasprintf("%s/guest", V.outroot);
	char *src = xasprintf("%s/guest/modref-init.c", V.here);
	char *orc = xasprintf("%s/oracle-strings.h", V.here);
	char *inc = xasprintf("%s/include", V.here);
	char *iopt = xasprintf("-I%s", inc);
	char *tmp;
	bool stale;

	V.guest = xasprintf("%s/modref-init", gdir);
	if (mkdir_p(gdir, 0755))
		die(EXIT_INTERNAL, "%s: %s", gdir, strerror(errno));
	stale = access(V.guest, X_OK) || stat(V.guest, &guest_st);
	if (!stale) {
		header_newer = false;
		nftw(inc, header_check, 16, FTW_PHYS);
		stale = newer_than(src, &guest_st) ||
			newer_than(orc, &guest_st) || header_newer;
	}
	if (stale) {
		struct spawn sp = { 0 };
		int ok;

		tmp = xasprintf("%s.tmp", V.guest);
		{
			char *const argv[] = { "gcc", "-static", "-O2", "-Wall",
					       "-pthread", iopt, "-o", tmp, src,
					       NULL };

			ok = exit_ok(vspawn(argv, &sp));
		}
		if (!ok || rename(tmp, V.guest)) {
			check_sig();
			die(EXIT_INTERNAL, "%s: guest runner does not build", src);
		}
		free(tmp);
	}
	free(gdir);
	free(src);
	free(orc);
	free(inc);
	free(iopt);
}

/* custom modules: the kernel comes from their vermagic */
static void custom_modules(void)
{
	char *out = NULL;
	int i, st;

	if (!V.exercise.n)
		die(EXIT_INTERNAL, "--modules needs --exercise (chrdev:NAME, open:NAME, ioctl:NAME:NUM, netif:PREFIX)");
	for (i = 0; i < V.modules.n; i++)
		if (access(V.modules.v[i], R_OK))
			die(EXIT_INTERNAL, "%s: cannot read module",
			    V.modules.v[i]);
	if (!*V.kernels) {
		char *const argv[] = { "modinfo", "-F", "vermagic", V.modules.v[0],
				 NULL };
		struct spawn sp = { .err = "/dev/null" };
		struct strbuf sb = { 0 };
		struct strvec w = { 0 };

		sp.capture = &sb;
		st = vspawn(argv, &sp);
		check_sig();
		sb_adds(&sb, "");
		out = sb.buf;
		split_words(out, BLANKS, &w);
		if (!w.n || (!exit_ok(st) && !w.n))
			die(EXIT_INTERNAL, "%s: no vermagic; give --kernels",
			    V.modules.v[0]);
		free(V.kernels);
		V.kernels = xstrdup(w.v[0]);
		sv_free(&w);
		free(out);
	}
	V.custom = true;
	sv_free(&V.variants);
	sv_push(&V.variants, xstrdup("custom"));
	sv_free(&V.families);
	sv_push(&V.families, xstrdup(V.name));
}

static void default_families(void)
{
	char *cd = xasprintf("%s/converted-drivers", V.top), *p;
	struct strvec all = { 0 };
	struct dirent *de;
	DIR *d = opendir(cd);
	int i;

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		p = family_conf(de->d_name);
		if (!access(p, F_OK))
			sv_push(&all, xstrdup(de->d_name));
		free(p);
	}
	if (d)
		closedir(d);
	sv_sort(&all);
	for (i = 0; i < all.n; i++)
		sv_push(&V.families, xstrdup(all.v[i]));
	sv_free(&all);
	free(cd);
	if (!V.families.n)
		die(EXIT_INTERNAL, "no families in converted-drivers/");
}

/* every family known, its family.conf readable as KEY=value lines */
static void check_families(void)
{
	struct conf c = { 0 };
	char err[1024], *p;
	int i;

	for (i = 0; i < V.families.n; i++) {
		p = family_conf(V.families.v[i]);
		if (access(p, R_OK))
			die(EXIT_INTERNAL, "%s: unknown family (no converted-drivers/%s/family.conf)",
			    V.families.v[i], V.families.v[i]);
		if (conf_read(p, &c, err, sizeof(err)))
			die(EXIT_BAD_INPUT, "%s", err);
		conf_free(&c);
		free(p);
	}
}

/*
 * The debug kernel (once, cached) comes last: when it is not built yet,
 * it builds in the background (its own session, progress on stderr)
 * while the other kernels are verified.
 */
static void start_debug_kernel(const struct strvec *stock)
{
	char *dk = xasprintf("%s/debug-kernel.sh", V.here), *s;
	char *const pr[] = { dk, "--print", NULL };
	char *const cd[] = { dk, "--check-deps", NULL };
	char *const bu[] = { dk, NULL };
	struct spawn quiet = { .out = "/dev/null", .err = "/dev/null" };
	struct spawn plain = { 0 };
	struct spawn bg = { .out = "/dev/null", .session = true,
			    .nowait = true };
	sigset_t old;
	int st;

	st = vspawn(pr, &quiet);
	check_sig();
	if (!exit_ok(st)) {
		st = vspawn(cd, &plain);
		check_sig();
		if (!exit_ok(st))
			exit(EXIT_INTERNAL);
		s = sv_join(stock, " ");
		msg("the debug kernel is not built yet: building it now (once, cached)%s%s",
		    stock->n ? "; meanwhile verifying " : "", s);
		free(s);
		sig_block(&old);
		dk_pid = vspawn(bu, &bg);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	free(dk);
}

/* the debug kernel's units, after its build */
static void run_debug(void)
{
	char *ks = xasprintf("%s/scripts/kernels.sh", V.top), *dl;
	char *const argv[] = { ks, "debug", NULL };
	int st, i, rc;

	while (dk_pid > 0 && !dk_reaped) {
		pid_t p = dk_pid;
		siginfo_t si;

		/* forgotten before it is reaped, as in reap_one() */
		memset(&si, 0, sizeof(si));
		if (!waitid(P_PID, p, &si, WEXITED | WNOWAIT)) {
			dk_pid = 0;
			while (waitpid(p, &dk_status, 0) < 0 && errno == EINTR)
				;
			dk_reaped = true;
		} else if (errno != EINTR) {
			break;
		}
		check_sig();
	}
	if (dk_reaped) {
		rc = WIFEXITED(dk_status) ? WEXITSTATUS(dk_status) :
		     128 + WTERMSIG(dk_status);
		if (rc)
			msg("debug kernel build failed (exit %d)", rc);
		dk_reaped = false;
	}
	st = run_out(argv, &dl);
	check_sig();
	if (exit_ok(st)) {
		run_klist(dl);
	} else {
		for (i = 0; i < V.variants.n; i++) {
			char *u, *p;

			V.n++;
			msg("[%d/%d] debug %s: no debug kernel, UNEXPECTED",
			    V.n, V.total, V.variants.v[i]);
			u = xasprintf("%s/u%d", V.work, V.n);
			mkdir_p(u, 0755);
			p = xasprintf("%s/results", u);
			append(p, "debug - %s fail no\n", V.variants.v[i]);
			free(p);
			p = xasprintf("%s/done", u);
			write_file(p, "", 0);
			free(p);
			free(u);
		}
	}
	free(dl);
	free(ks);
}

/* every unit's rows and results; a unit without its done marker fails */
static int gather(const char *rows, const char *results, int *bad)
{
	int i, runs = 0;
	char *p, *t, *l;

	write_file(rows, "", 0);
	write_file(results, "", 0);
	for (i = 1; i <= V.n; i++) {
		p = xasprintf("%s/u%d/rows", V.work, i);
		t = slurp_path(p, NULL);
		if (t)
			append(rows, "%s", t);
		free(t);
		free(p);
		p = xasprintf("%s/u%d/results", V.work, i);
		t = slurp_path(p, NULL);
		if (t)
			append(results, "%s", t);
		free(t);
		free(p);
		/*
		 * a unit that ended half way has no verdict for some of its
		 * families: never a silent pass
		 */
		p = xasprintf("%s/u%d/done", V.work, i);
		if (access(p, F_OK)) {
			msg("[%d/%d] ended without finishing, UNEXPECTED (see its messages above)",
			    i, V.total);
			append(results, "unit%d - - fail no\n", i);
		}
		free(p);
	}
	t = slurp_path(results, NULL);
	*bad = 0;
	for (l = t; l && *l; l += strcspn(l, "\n"), l += *l == '\n') {
		size_t n = strcspn(l, "\n");

		runs++;
		if (n >= 3 && !strncmp(l + n - 3, " no", 3))
			(*bad)++;
	}
	free(t);
	return runs;
}

int cmd_verify(int argc, char **argv)
{
	struct strvec kw = { 0 }, stock = { 0 };
	struct sigaction sa;
	char *klist = xstrdup(""), *rows, *results, *s1, *s2, *s3;
	const char *e;
	bool want_debug = false;
	int i, nk, runs, bad, st;

	progname = "verify";
	main_pid = getpid();
	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h"))) {
		verify_usage(stdout);
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	V.top = exe_top();
	if (!V.top)
		die(EXIT_INTERNAL, "cannot find the program's directory");
	V.here = xasprintf("%s/verify", V.top);
	V.build_dflt = xasprintf("%s/build", V.top);
	V.kernels = xstrdup(env_or("KERNELS", "", true));
	V.families_arg = xstrdup(env_or("FAMILIES", "", true));
	V.variants_arg = xstrdup(env_or("VARIANTS", "converted legacy", false));
	/* set but empty is an error (check-params), unset is the default */
	V.cycles = env_or("CYCLES", "100", true);
	V.race_ms = env_or("RACE_MS", "5000", true);
	V.race_mode = env_or("RACE_MODE", "both", false);
	V.threads = env_or("THREADS", "2", true);
	V.smp = env_or("SMP", "1", true);
	V.jobs = env_or("JOBS", "1", true);
	e = getenv("MODREF_TREE");
	V.tree = e && *e ? xstrdup(e) :
		 xasprintf("%s/converted-drivers", V.top);
	e = getenv("MODREF_VERIFY_OUT");
	V.outroot = e && *e ? xstrdup(e) : xasprintf("%s/build/verify", V.top);
	V.name = xstrdup("custom");
	V.expect = xstrdup("pass");
	V.params = xstrdup("");
	options(argc, argv);

	/* everything is checked before anything builds or boots */
	check_params();
	if (strcmp(V.expect, "pass") && strcmp(V.expect, "fail"))
		die(EXIT_INTERNAL, "--expect %s: pass or fail", V.expect);
	if (strcmp(V.race_mode, "both") && strcmp(V.race_mode, "rendezvous") &&
	    strcmp(V.race_mode, "sleep"))
		die(EXIT_BAD_INPUT, "RACE_MODE=%s: not a race mode (both, rendezvous or sleep)",
		    V.race_mode);
	V.ncycles = atol(V.cycles);
	V.nrace_ms = atol(V.race_ms);
	V.njobs = atol(V.jobs);
	{
		static const char *const tools[] = {
			"qemu-system-x86_64", "gzip", "gcc"
		};
		unsigned int t;
		char *w;

		for (t = 0; t < ARRAY_SIZE(tools); t++) {
			w = which(tools[t]);
			if (!w)
				die(EXIT_INTERNAL, "%s not found; run 'make deps'",
				    tools[t]);
			free(w);
		}
	}
	split_words(V.variants_arg, BLANKS, &V.variants);
	split_words(V.families_arg, BLANKS, &V.families);
	if (V.modules.n)
		custom_modules();
	/* a family.conf that is not KEY=value data stops it here too */
	if (!V.families.n)
		default_families();
	if (!V.custom)
		check_families();
	build_guest();

	V.work = xstrdup("/tmp/modref-verify.XXXXXX");
	if (!mkdtemp(V.work))
		die(EXIT_INTERNAL, "mkdtemp: %s", strerror(errno));
	atexit(main_cleanup);

	split_words(V.kernels, BLANKS, &kw);
	for (i = 0; i < kw.n; i++) {
		if (!strcmp(kw.v[i], "debug"))
			want_debug = true;
		else
			sv_push(&stock, xstrdup(kw.v[i]));
	}
	if (want_debug)
		start_debug_kernel(&stock);
	if (stock.n || !want_debug) {
		char **a = xcalloc(stock.n + 2, sizeof(char *));

		a[0] = xasprintf("%s/scripts/kernels.sh", V.top);
		for (i = 0; i < stock.n; i++)
			a[i + 1] = stock.v[i];
		free(klist);
		st = run_out(a, &klist);
		check_sig();
		if (!exit_ok(st))
			exit(EXIT_INTERNAL);
		free(a[0]);
		free(a);
	}
	if (!is_dir(V.tree))
		die(EXIT_INTERNAL, "MODREF_TREE=%s: no such directory", V.tree);

	nk = want_debug;
	for (s1 = klist; *s1; s1 += strcspn(s1, "\n"), s1 += *s1 == '\n')
		nk += s1[strspn(s1, BLANKS)] != '\0' &&
		      s1[strspn(s1, BLANKS)] != '\n' ? 1 : 0;
	V.total = nk * V.variants.n;
	/* builds inside parallel units use make -j1 */
	V.bjobs = env_or("MODREF_JOBS", "2", false);
	if (V.njobs > 1)
		V.bjobs = "1";

	run_klist(klist);
	if (want_debug)
		run_debug();
	while (running > 0)
		reap_one();

	rows = xasprintf("%s/rows", V.work);
	results = xasprintf("%s/results", V.work);
	runs = gather(rows, results, &bad);
	{
		char *const rargv[] = { "report", "summary", V.outroot, rows, NULL };

		st = cmd_report(4, rargv);
		if (st)
			exit(st);
	}
	msg("%d runs, %d as expected, %d unexpected; %s/summary.tsv", runs,
	    runs - bad, bad, V.outroot);
	/* nothing verified is never a pass */
	if (!runs) {
		s1 = sv_join(&kw, " ");
		s2 = sv_join(&V.families, " ");
		s3 = sv_join(&V.variants, " ");
		die(EXIT_INTERNAL, "0 runs: nothing was verified (KERNELS=%s FAMILIES=%s VARIANTS=%s)",
		    s1, s2, s3);
	}
	free(rows);
	free(results);
	free(klist);
	sv_free(&kw);
	sv_free(&stock);
	return bad ? 1 : 0;
}
