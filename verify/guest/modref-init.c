// SPDX-License-Identifier: GPL-2.0
/*
 * modref-init: PID 1 of the modref verification initramfs.
 *
 * Reads /modref/config (written by verify/run), then for every family:
 * load/unload cycles, a busy check (removal refused while a user holds the
 * device), a race (user threads against a remover thread), a refcount check,
 * an idle removal and reload, a kernel log check and a time check.  Results
 * go out as KTAP on /dev/ttyS1 (fallback /dev/console); the verdict leaves
 * through QEMU's isa-debug-exit port.
 *
 * The main thread only prints and waits: each family runs in its own thread
 * and the main thread gives up on it at its deadline, so a kernel oops inside
 * a user thread's syscall cannot hang the run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/ioctl.h>
#include <linux/types.h>

/* the hold parameter's states (verify/include) */
#include "modref_rendezvous.h"

/* the failure strings, shared with the host oracle (src/oracle.c) */
#include "../oracle-strings.h"

/*
 * An ioctl number: verify/run evaluates a family's uapi macro on the host,
 * so the config has numbers only.  0 (bad) when it is not a number or its
 * argument would not fit the exerciser's buffer.
 */
static unsigned long ioctl_number(const char *s, size_t bufsize)
{
	unsigned long nr;
	char *end;

	errno = 0;
	nr = strtoul(s, &end, 0);
	if (errno || end == s || *end || _IOC_SIZE(nr) > bufsize)
		return 0;
	return nr;
}

#define MAX_FAM 8
#define MAX_MOD 8
#define MAX_EX 8
#define MAX_CMD 4	/* ioctls of one cmd exerciser */
#define MAX_THR 16
#define MAX_TEST 10
#define MAX_DIAG 10
#define MAX_WIN 4
#define LINE 256
#define EX_BUF 256	/* an exerciser's read and ioctl buffer */

enum ex_kind { EX_CHRDEV, EX_OPEN, EX_IOCTL, EX_CMD, EX_NETIF };

/* the argument of each ioctl of a cmd exerciser */
struct ex_cmd {
	__s32 index;		/* always 0: the first device, card, ... */
	__s32 command;
	__u64 arg;		/* always 0 */
};

struct exercise {
	enum ex_kind kind;
	char name[64];
	unsigned int minor;
	unsigned long ioc;
	long cmd[MAX_CMD];
	int ncmd;
	char node[128];
	unsigned long tries, oks;	/* during the race */
};

struct mod {
	char name[64];
	char path[192];
	char params[LINE];
	long idle_refcnt;
};

struct result {
	char name[32];
	int status;		/* -1 not run, 0 ok, 1 not ok, 2 skip */
	char diag[MAX_DIAG][LINE];
	int ndiag;
};

/*
 * A rendezvous window: the driver's hold parameter (modref_rendezvous.h)
 * stops one user inside the window; the runner then removes modules in
 * order, and releases the user.  A removal marked must_refuse has to fail
 * with EWOULDBLOCK/EBUSY while the user is held.
 */
struct window {
	char mod[64];		/* the module whose parameter holds the user */
	char param[64];
	int remove[MAX_MOD];	/* module indexes, in removal order */
	bool must_refuse[MAX_MOD];
	int nremove;
};

struct family {
	char name[64];
	struct mod mods[MAX_MOD];
	int nmods;
	struct exercise ex[MAX_EX];
	int nex;
	struct window win[MAX_WIN];
	int nwin;
	unsigned int pins;	/* modules an open fd must pin */
	bool pins_set;
	struct result res[MAX_TEST];
	int nres;
	pthread_mutex_t lock;
	int done;
	double seconds;
	long cycles_done;
};

struct worker {
	struct family *fam;
	int id;
	pthread_t tid;
	unsigned long active;	/* gen + 1 of the op in flight, 0 idle */
	unsigned long ops, ok_ops;
	int err[4];	/* errno of the first failures */
	int nerr;
	int sock;
	int exited;
	int dead;	/* killed inside a syscall (oops), already joined */
};

/* Race state of the family under test; one family races at a time. */
static struct {
	unsigned long gen;	/* bumped on removal and on reload */
	unsigned long pgen;	/* bumped on removal of a pinned module */
	int stop;
	struct worker w[MAX_THR];
	int nw;
	pthread_mutex_t lock;
	long violations, stuck, removals, refusals, reloads, load_fail;
	char first[LINE];
} race;

static struct family fams[MAX_FAM];
static int nfams;
static long cycles = 10;
static long race_ms = 3000;
static int nthreads = 2;
static long family_timeout = 300;
static long total_timeout = 1500;
static long stuck_ms = 8000;
static long pace_ms = 10;
static int stop_on_failure = 1;
/* which race tests run: the rendezvous, the sleep-widened race, or both */
enum { RACE_BOTH, RACE_RENDEZVOUS, RACE_SLEEP } race_mode = RACE_BOTH;
static long hold_wait_ms = 10000;	/* for a user to reach the hold */
static long removal_block_ms = 1000;	/* a removal blocked on the held user */
static int bench;
static int out_fd = -1;
static double boot_s;
static int kmsg_fd = -1;


static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void out(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (write(out_fd, buf, n) < 0)
		return;
}

static void progress(const char *fmt, ...)
{
	static int fd = -1;
	char buf[512];
	va_list ap;
	int n;

	if (fd < 0)
		fd = open("/dev/kmsg", O_WRONLY | O_NOCTTY);
	if (fd < 0)
		fd = open("/dev/console", O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "<4>modref-init: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(fd, buf, n) < 0)
		return;
}

static unsigned long ld(unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void st(unsigned long *p, unsigned long v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* ---- results ---- */

static struct result *test_begin(struct family *f, const char *name)
{
	struct result *r;

	pthread_mutex_lock(&f->lock);
	r = &f->res[f->nres++];
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->status = -1;
	pthread_mutex_unlock(&f->lock);
	progress("%s: %s", f->name, name);
	return r;
}

static void diag(struct family *f, struct result *r, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&f->lock);
	if (r->ndiag < MAX_DIAG) {
		va_start(ap, fmt);
		vsnprintf(r->diag[r->ndiag++], LINE, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&f->lock);
}

static void test_end(struct family *f, struct result *r, int status)
{
	pthread_mutex_lock(&f->lock);
	r->status = status;
	pthread_mutex_unlock(&f->lock);
}

/* ---- modules ---- */

static int load_mod(struct mod *m, bool with_params)
{
	int fd, ret;

	fd = open(m->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, with_params ? m->params : "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

static int unload_mod(struct mod *m)
{
	if (syscall(SYS_delete_module, m->name, O_NONBLOCK))
		return -errno;
	return 0;
}

static bool mod_loaded(struct mod *m)
{
	char p[128];

	snprintf(p, sizeof(p), "/sys/module/%s/initstate", m->name);
	return access(p, F_OK) == 0;
}

static long mod_refcnt(struct mod *m)
{
	char p[128], buf[32];
	long v = -1;
	int fd, n;

	snprintf(p, sizeof(p), "/sys/module/%s/refcnt", m->name);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		v = strtol(buf, NULL, 10);
	}
	close(fd);
	return v;
}

/* ---- device nodes ---- */

static int chr_major(const char *name)
{
	char line[LINE], dev[LINE];
	bool chr = false;
	int major = -1, maj;
	FILE *fp;

	fp = fopen("/proc/devices", "r");
	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp)) {
		if (!strncmp(line, "Character", 9)) {
			chr = true;
			continue;
		}
		if (!strncmp(line, "Block", 5))
			chr = false;
		if (chr && sscanf(line, "%d %255s", &maj, dev) == 2 &&
		    !strcmp(dev, name)) {
			major = maj;
			break;
		}
	}
	fclose(fp);
	return major;
}

/* Point ex->node at the device's current major (it may move on reload). */
static void refresh_nodes(struct family *f)
{
	char tmp[160];
	int i, major;

	for (i = 0; i < f->nex; i++) {
		struct exercise *e = &f->ex[i];

		if (e->kind == EX_NETIF)
			continue;
		major = chr_major(e->name);
		if (major < 0)
			continue;
		snprintf(tmp, sizeof(tmp), "%s.tmp", e->node);
		unlink(tmp);
		if (mknod(tmp, S_IFCHR | 0600, makedev(major, e->minor)) ||
		    rename(tmp, e->node))
			progress("mknod %s: %s", e->node, strerror(errno));
	}
}

static int load_all(struct family *f, bool with_params, char *err, size_t len)
{
	int i, ret;

	for (i = 0; i < f->nmods; i++) {
		if (mod_loaded(&f->mods[i]))
			continue;
		ret = load_mod(&f->mods[i], with_params);
		if (ret) {
			snprintf(err, len, "load of %s failed: %s",
				 f->mods[i].name, strerror(-ret));
			return ret;
		}
	}
	refresh_nodes(f);
	return 0;
}

static int unload_all(struct family *f, char *err, size_t len)
{
	int i, ret;

	for (i = f->nmods - 1; i >= 0; i--) {
		if (!mod_loaded(&f->mods[i]))
			continue;
		ret = unload_mod(&f->mods[i]);
		if (ret) {
			snprintf(err, len, "removal of idle %s failed: %s",
				 f->mods[i].name, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/* ---- exercisers ---- */

static int netif_sock(void)
{
	int s;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		s = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	return s;
}

static int netif_toggle(int s, const char *prefix, bool up, bool down)
{
	struct dirent *de;
	struct ifreq ifr;
	int n = 0;
	DIR *d;

	d = opendir("/sys/class/net");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, IFNAMSIZ, "%.15s", de->d_name);
		if (ioctl(s, SIOCGIFFLAGS, &ifr))
			continue;
		if (up) {
			ifr.ifr_flags |= IFF_UP;
			if (!ioctl(s, SIOCSIFFLAGS, &ifr))
				n++;
		}
		if (down) {
			ifr.ifr_flags &= ~IFF_UP;
			ioctl(s, SIOCSIFFLAGS, &ifr);
		}
	}
	closedir(d);
	return n;
}

static int netif_count(const char *prefix)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir("/sys/class/net");
	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

static void violation(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&race.lock);
	if (!race.violations++) {
		va_start(ap, fmt);
		vsnprintf(race.first, sizeof(race.first), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&race.lock);
}

/* Start an op: publish the generation it started in (Dekker with remover). */
static unsigned long op_begin(struct worker *w, unsigned long *p0)
{
	unsigned long g;

	for (;;) {
		g = ld(&race.gen);
		st(&w->active, g + 1);
		*p0 = ld(&race.pgen);
		if (ld(&race.gen) == g)
			return g;
	}
}

static void op_end(struct worker *w)
{
	st(&w->active, 0);
}

static const char *ex_kind_name(enum ex_kind k)
{
	static const char * const names[] = {
		"chrdev", "open", "ioctl", "cmd", "netif"
	};

	return names[k];
}

/* One iteration of exercise e by worker w; returns true when it succeeded. */
static bool exercise(struct worker *w, struct exercise *e)
{
	struct ex_cmd cmd;
	unsigned long p0, p1;
	char buf[EX_BUF];
	bool ok = false;
	int fd, i;

	if (e->kind == EX_NETIF) {
		op_begin(w, &p0);
		ok = netif_toggle(w->sock, e->name, true, true) > 0;
		op_end(w);
		return ok;
	}
	op_begin(w, &p0);
	fd = open(e->node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && w->nerr < 4)
		w->err[w->nerr++] = errno;
	if (fd >= 0) {
		ok = true;
		switch (e->kind) {
		case EX_CHRDEV:
			if (read(fd, buf, sizeof(buf)) < 0 && errno != EAGAIN)
				ok = false;
			break;
		case EX_IOCTL:
			memset(buf, 0, sizeof(buf));
			if (ioctl(fd, e->ioc, buf))
				ok = false;
			break;
		case EX_CMD:
			for (i = 0; i < e->ncmd; i++) {
				memset(&cmd, 0, sizeof(cmd));
				cmd.command = e->cmd[i];
				if (ioctl(fd, e->ioc, &cmd))
					ok = false;
			}
			break;
		default:
			break;
		}
		/* The fd pins its modules until close(): no removal before. */
		p1 = ld(&race.pgen);
		if (p1 != p0)
			violation("removal succeeded while a user was inside open() or held an fd of %s (thread %d, %s)",
				  e->name, w->id, ex_kind_name(e->kind));
		close(fd);
	}
	op_end(w);
	return ok;
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	struct family *f = w->fam;
	unsigned int seed = 777 + w->id;
	int i = w->id;

	w->sock = netif_sock();
	while (!__atomic_load_n(&race.stop, __ATOMIC_SEQ_CST)) {
		struct exercise *e = &f->ex[i++ % f->nex];

		if (exercise(w, e)) {
			w->ok_ops++;
			__atomic_add_fetch(&e->oks, 1, __ATOMIC_RELAXED);
		}
		__atomic_add_fetch(&e->tries, 1, __ATOMIC_RELAXED);
		w->ops++;
		/* Leave idle gaps, or a busy device never lets removal in. */
		if (pace_ms)
			sleep_ms(rand_r(&seed) % (pace_ms + 1));
	}
	if (w->sock >= 0)
		close(w->sock);
	__atomic_store_n(&w->exited, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* After a removal: no reload while an op begun before it is in flight. */
static bool wait_old_ops(unsigned long g)
{
	double end = now() + stuck_ms / 1000.0;
	unsigned long a;
	int i;

	/* Every op begun in generation g or earlier (active = gen + 1). */
	for (i = 0; i < race.nw; i++) {
		while ((a = ld(&race.w[i].active)) && a <= g + 1) {
			/* A thread the kernel killed (oops) never clears it. */
			if (!race.w[i].exited &&
			    !pthread_tryjoin_np(race.w[i].tid, NULL)) {
				race.w[i].dead = 1;
				race.stuck++;
				violation("user thread %d was killed inside its syscall after a module removal (oops)",
					  i);
				return false;
			}
			if (now() > end) {
				race.stuck++;
				violation("user thread %d did not return from its syscall within %ld ms of a module removal (oops?)",
					  i, stuck_ms);
				return false;
			}
			sleep_ms(1);
		}
	}
	return true;
}

static void *remover_fn(void *arg)
{
	struct family *f = arg;
	unsigned int seed = 12345;
	char err[LINE];
	int i, from, to, ret;

	double phase_end = now() + 0.2;
	bool quiet = false;

	while (!__atomic_load_n(&race.stop, __ATOMIC_SEQ_CST)) {
		unsigned long g = ld(&race.gen);
		int removed = 0, pinned = 0;

		/*
		 * Alternate removal storms with quiet spells (100-1000 ms), so
		 * that slow opens (race-widening sleeps) also complete and
		 * hold the device while removal is tried.
		 */
		if (now() > phase_end) {
			quiet = !quiet;
			phase_end = now() + (100 + rand_r(&seed) % 901) / 1000.0;
		}
		if (quiet) {
			sleep_ms(10);
			continue;
		}

		/* A single module, or the stack from the top down to one. */
		from = f->nmods - 1;
		to = rand_r(&seed) % f->nmods;
		if (rand_r(&seed) & 1)
			from = to;
		for (i = from; i >= to; i--) {
			ret = unload_mod(&f->mods[i]);
			if (ret) {
				if (ret == -EWOULDBLOCK || ret == -EBUSY ||
				    ret == -ENOENT)
					race.refusals++;
				else
					violation("removal of %s failed: %s",
						  f->mods[i].name,
						  strerror(-ret));
				break;
			}
			race.removals++;
			removed++;
			if (f->pins & (1u << i))
				pinned++;
		}
		/*
		 * Publish the whole batch, pgen before gen: an op that sees
		 * the new gen must see every removal of it.
		 */
		if (pinned)
			__atomic_add_fetch(&race.pgen, pinned, __ATOMIC_SEQ_CST);
		if (removed)
			st(&race.gen, g + 1);
		if (removed) {
			if (!wait_old_ops(g))
				break;
			for (i = 0; i < f->nex; i++)
				if (f->ex[i].kind == EX_NETIF &&
				    !mod_loaded(&f->mods[f->nmods - 1]) &&
				    netif_count(f->ex[i].name))
					violation("interface %s* still registered after its driver was removed",
						  f->ex[i].name);
			if (load_all(f, true, err, sizeof(err))) {
				race.load_fail++;
				violation("reload during race: %s", err);
				break;
			}
			race.reloads++;
			st(&race.gen, g + 2);
		}
		sleep_ms(rand_r(&seed) % 6);
	}
	return NULL;
}

static bool timed_join(pthread_t t, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return pthread_timedjoin_np(t, NULL, &ts) == 0;
}

/* ---- the tests of one family ---- */

static bool t_cycles(struct family *f)
{
	struct result *r = test_begin(f, "load_unload_cycles");
	char err[LINE];
	double t0 = now();
	long c;
	int i;

	for (c = 0; c < cycles; c++) {
		if (load_all(f, false, err, sizeof(err)) ||
		    unload_all(f, err, sizeof(err))) {
			diag(f, r, "reason: cycle %ld: %s", c + 1, err);
			test_end(f, r, 1);
			unload_all(f, err, sizeof(err));
			return false;
		}
		f->cycles_done = c + 1;
	}
	diag(f, r, "cycles: %ld in %.2f s (%.1f/s)", cycles, now() - t0,
	     cycles / (now() - t0 + 1e-9));
	if (load_all(f, false, err, sizeof(err))) {
		diag(f, r, "reason: %s", err);
		test_end(f, r, 1);
		return false;
	}
	for (i = 0; i < f->nmods; i++)
		f->mods[i].idle_refcnt = mod_refcnt(&f->mods[i]);
	test_end(f, r, 0);
	return true;
}

static bool fd_exercise(struct exercise *e)
{
	return e->kind != EX_NETIF;
}

/* With the modules loaded: every pinned module refuses removal while held. */
static void t_busy(struct family *f)
{
	struct result *r = test_begin(f, "busy_refuses_removal");
	char err[LINE];
	int i, j, fd, ret, bad = 0, checked = 0;

	for (j = 0; j < f->nex; j++) {
		struct exercise *e = &f->ex[j];

		if (!fd_exercise(e))
			continue;
		fd = open(e->node, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			diag(f, r, "reason: open %s (%s): %s", e->node,
			     e->name, strerror(errno));
			bad++;
			continue;
		}
		for (i = f->nmods - 1; i >= 0; i--) {
			if (!(f->pins & (1u << i)))
				continue;
			checked++;
			ret = unload_mod(&f->mods[i]);
			if (!ret) {
				diag(f, r, "reason: removal of %s succeeded while a user held %s open",
				     f->mods[i].name, e->name);
				bad++;
				break;
			}
			if (ret != -EWOULDBLOCK && ret != -EBUSY) {
				diag(f, r, "reason: removal of busy %s failed with %s, not EWOULDBLOCK/EBUSY",
				     f->mods[i].name, strerror(-ret));
				bad++;
			}
		}
		close(fd);
		if (load_all(f, false, err, sizeof(err))) {
			diag(f, r, "reason: %s", err);
			bad++;
		}
	}
	if (!checked && !bad) {
		diag(f, r, "no fd exerciser");
		test_end(f, r, 2);
		return;
	}
	diag(f, r, "busy removals refused: %d", checked);
	test_end(f, r, bad ? 1 : 0);
}

static void t_race(struct family *f)
{
	struct result *r = test_begin(f, "race");
	char err[LINE];
	pthread_t rem;
	int i, n = nthreads;
	long stuck = 0;
	unsigned long ops = 0, ok_ops = 0;
	bool rem_done;

	if (n > MAX_THR)
		n = MAX_THR;
	memset(&race.w, 0, sizeof(race.w));
	race.gen = race.pgen = 0;
	race.stop = 0;
	race.violations = race.stuck = race.removals = race.refusals = 0;
	race.reloads = race.load_fail = 0;
	race.first[0] = 0;
	race.nw = n;

	/* Reload with the race-widening parameters. */
	if (unload_all(f, err, sizeof(err)) ||
	    load_all(f, true, err, sizeof(err))) {
		diag(f, r, "reason: %s", err);
		test_end(f, r, 1);
		return;
	}
	for (i = 0; i < n; i++) {
		race.w[i].fam = f;
		race.w[i].id = i;
		pthread_create(&race.w[i].tid, NULL, worker_fn, &race.w[i]);
	}
	pthread_create(&rem, NULL, remover_fn, f);
	sleep_ms(race_ms);
	__atomic_store_n(&race.stop, 1, __ATOMIC_SEQ_CST);
	rem_done = timed_join(rem, stuck_ms + 2000);
	for (i = 0; i < n; i++) {
		if (race.w[i].dead) {
			stuck++;
			continue;
		}
		if (!timed_join(race.w[i].tid, stuck_ms)) {
			stuck++;
			continue;
		}
		if (!race.w[i].exited) {
			/* joined, yet it never got to the end of its loop */
			diag(f, r, "reason: user thread %d was killed inside a syscall (oops)",
			     i);
			stuck++;
		}
		ops += race.w[i].ops;
		ok_ops += race.w[i].ok_ops;
	}
	if (race.w[0].nerr)
		diag(f, r, "first user op failures: %s %s", strerror(race.w[0].err[0]),
		     race.w[0].nerr > 1 ? strerror(race.w[0].err[race.w[0].nerr - 1]) : "");
	diag(f, r, "threads: %d, user ops: %lu (%lu succeeded), removals: %ld, refused: %ld, reloads: %ld",
	     n, ops, ok_ops, race.removals, race.refusals, race.reloads);
	for (i = 0; i < f->nex; i++)
		diag(f, r, "exercise %s %s: %lu of %lu succeeded",
		     ex_kind_name(f->ex[i].kind), f->ex[i].name, f->ex[i].oks,
		     f->ex[i].tries);
	if (race.violations)
		diag(f, r, "reason: %s (%ld times)", race.first,
		     race.violations);
	if (stuck || !rem_done)
		diag(f, r, "reason: %ld user thread(s)%s killed or stuck in the kernel during the race (oops or deadlock?)",
		     stuck, rem_done ? "" : " and the remover");
	if (!ok_ops && !race.violations && !stuck)
		diag(f, r, "reason: no user op succeeded: the exercise did not reach the driver");
	test_end(f, r, race.violations || stuck || !rem_done || !ok_ops ? 1 : 0);
}

/* ---- the rendezvous: deterministic races ---- */

static int param_path(char *p, size_t len, const struct window *w)
{
	return snprintf(p, len, "/sys/module/%s/parameters/%s", w->mod,
			w->param) >= (int)len ? -ENAMETOOLONG : 0;
}

static int param_write(const struct window *w, const char *val)
{
	char p[192];
	int fd, ret = 0;

	if (param_path(p, sizeof(p), w))
		return -ENAMETOOLONG;
	fd = open(p, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static long param_read(const struct window *w)
{
	char p[192], buf[32];
	long v = -ENOENT;
	int fd, n;

	if (param_path(p, sizeof(p), w))
		return -ENAMETOOLONG;
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		v = strtol(buf, NULL, 10);
	}
	close(fd);
	return v;
}

/* Remove what can be removed, top down, then load the family again. */
static int reload_family(struct family *f, char *err, size_t len)
{
	int i;

	for (i = f->nmods - 1; i >= 0; i--)
		if (mod_loaded(&f->mods[i]))
			unload_mod(&f->mods[i]);
	return load_all(f, false, err, len);
}

struct removal {
	struct mod *m;
	int ret;
	int done;
};

static void *removal_fn(void *arg)
{
	struct removal *rm = arg;

	rm->ret = unload_mod(rm->m);
	__atomic_store_n(&rm->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/*
 * The text of the next /dev/kmsg record on fd (read into rec), without its
 * "prefix;" and its end of line; NULL when there is none yet.
 */
static char *kmsg_next(int fd, char *rec, size_t len)
{
	char *msg, *nl;
	int n;

	for (;;) {
		n = read(fd, rec, len - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			return NULL;
		rec[n] = 0;
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = 0;
		return msg;
	}
}

/* Failure records /dev/kmsg got since *fd was opened; first one in buf. */
static int kmsg_fails(int fd, char *buf, size_t len)
{
	char rec[2048], *msg;
	int bad = 0;

	while ((msg = kmsg_next(fd, rec, sizeof(rec))))
		if (modref_fail_match(msg) && !bad++)
			snprintf(buf, len, "%s", msg);
	return bad;
}

enum { WIN_PASS, WIN_CAUGHT, WIN_ERROR, WIN_STUCK };

/*
 * One window: arm the hold, let one user run the family's exercisers until
 * it is held, try the removals while it is, release it, wait for it.
 * Caught: a must_refuse removal succeeded, the user got the device after a
 * pinned module went, the user was killed or did not return (oops), or the
 * kernel logged a failure.  The verdict does not depend on timing: the
 * user is inside the window for every removal.
 */
static int rendezvous_one(struct family *f, struct result *r,
			  struct window *w)
{
	char err[LINE], what[LINE], klog[LINE];
	struct worker *u = &race.w[0];
	/* static: a removal that never returns still owns it */
	static struct removal rm;
	pthread_t rt;
	unsigned long g;
	int i, ret, n = 0, kfd, verdict = WIN_PASS;
	bool blocked = false, joined;
	double end;
	long v;

	what[0] = 0;
	if (reload_family(f, err, sizeof(err))) {
		diag(f, r, "reason: window %s.%s: %s", w->mod, w->param, err);
		return WIN_ERROR;
	}
	memset(&race.w, 0, sizeof(race.w));
	race.gen = race.pgen = 0;
	race.stop = 0;
	race.violations = race.stuck = race.removals = race.refusals = 0;
	race.first[0] = 0;
	race.nw = 1;
	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kfd >= 0)
		lseek(kfd, 0, SEEK_END);
	ret = param_write(w, "1");
	if (ret) {
		diag(f, r, "reason: window %s.%s: cannot arm the hold: %s",
		     w->mod, w->param, strerror(-ret));
		verdict = WIN_ERROR;
		goto out_kfd;
	}
	progress("%s: rendezvous %s.%s", f->name, w->mod, w->param);
	u->fam = f;
	u->id = 0;
	pthread_create(&u->tid, NULL, worker_fn, u);

	/* the user is held when the parameter reads 2 */
	end = now() + hold_wait_ms / 1000.0;
	while ((v = param_read(w)) != MODREF_RENDEZVOUS_HELD && now() < end)
		sleep_ms(1);
	/* the held op is the user's last one */
	__atomic_store_n(&race.stop, 1, __ATOMIC_SEQ_CST);
	if (v != MODREF_RENDEZVOUS_HELD) {
		param_write(w, "0");
		diag(f, r, "reason: window %s.%s: no user reached the hold within %ld ms (%lu ops)",
		     w->mod, w->param, hold_wait_ms, u->ops);
		verdict = WIN_ERROR;
		goto out_join;
	}

	g = ld(&race.gen);
	for (i = 0; i < w->nremove; i++) {
		struct mod *m = &f->mods[w->remove[i]];

		rm.m = m;
		rm.ret = 0;
		rm.done = 0;
		pthread_create(&rt, NULL, removal_fn, &rm);
		/* A removal may wait on a lock the held user holds. */
		if (!timed_join(rt, removal_block_ms)) {
			blocked = true;
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
				 "%s%s blocked until the user was released",
				 n++ ? ", " : "", m->name);
			break;
		}
		ret = rm.ret;
		if (!ret) {
			race.removals++;
			if (f->pins & (1u << w->remove[i]))
				__atomic_add_fetch(&race.pgen, 1, __ATOMIC_SEQ_CST);
			if (w->must_refuse[i]) {
				violation("removal succeeded while a user was held inside the window (%s removed, %s.%s held)",
					  m->name, w->mod, w->param);
				break;
			}
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
				 "%s%s removed", n++ ? ", " : "", m->name);
			continue;
		}
		if (ret != -EWOULDBLOCK && ret != -EBUSY) {
			diag(f, r, "reason: window %s.%s: removal of %s failed: %s",
			     w->mod, w->param, m->name, strerror(-ret));
			verdict = WIN_ERROR;
			break;
		}
		race.refusals++;
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
			 "%s%s refused (%s)", n++ ? ", " : "", m->name,
			 strerror(-ret));
		if (!w->must_refuse[i]) {
			/* the next removals would be refused for a dependency */
			diag(f, r, "reason: window %s.%s: removal of %s refused, so the window's removals were not all tried",
			     w->mod, w->param, m->name);
			verdict = WIN_ERROR;
			break;
		}
	}
	/* pgen before gen, as the remover of the race does */
	st(&race.gen, g + 1);

	/* release the user (its module may be gone: nothing to write then) */
	param_write(w, "0");
	if (blocked) {
		if (!timed_join(rt, stuck_ms)) {
			race.stuck++;
			violation("removal of %s did not return within %ld ms of the user's release (deadlock?)",
				  rm.m->name, stuck_ms);
		} else if (!rm.ret) {
			race.removals++;
			if (f->pins & (1u << w->remove[i]))
				__atomic_add_fetch(&race.pgen, 1, __ATOMIC_SEQ_CST);
			if (w->must_refuse[i])
				violation("removal succeeded while a user was held inside the window (%s removed, %s.%s held)",
					  rm.m->name, w->mod, w->param);
		} else if (rm.ret != -EWOULDBLOCK && rm.ret != -EBUSY) {
			diag(f, r, "reason: window %s.%s: removal of %s failed: %s",
			     w->mod, w->param, rm.m->name, strerror(-rm.ret));
			verdict = WIN_ERROR;
		}
	}
out_join:
	/* The user returns, or the kernel killed it in the window (oops). */
	joined = timed_join(u->tid, stuck_ms);
	if (!joined) {
		race.stuck++;
		violation("the held user did not return within %ld ms of its release (oops or deadlock?)",
			  stuck_ms);
	} else if (!u->exited) {
		violation("the held user was killed inside its syscall after its release (oops)");
	}
out_kfd:
	if (kfd >= 0) {
		klog[0] = 0;
		if (kmsg_fails(kfd, klog, sizeof(klog)))
			violation("kernel log: %s", klog);
		close(kfd);
	}
	if (race.violations) {
		diag(f, r, "reason: window %s.%s: caught: %s", w->mod, w->param,
		     race.first);
		return race.stuck ? WIN_STUCK : WIN_CAUGHT;
	}
	if (verdict == WIN_PASS)
		diag(f, r, "window %s.%s: pass: user held, %s", w->mod,
		     w->param, what[0] ? what : "nothing removed");
	return verdict;
}

/* Returns true when a race was caught: the kernel may be damaged. */
static bool t_rendezvous(struct family *f)
{
	struct result *r = test_begin(f, "rendezvous");
	char err[LINE];
	int i, v, caught = 0, bad = 0;

	if (!f->nwin) {
		diag(f, r, "no rendezvous windows (RENDEZVOUS in family.conf)");
		test_end(f, r, 2);
		return false;
	}
	for (i = 0; i < f->nwin; i++) {
		v = rendezvous_one(f, r, &f->win[i]);
		caught += v == WIN_CAUGHT || v == WIN_STUCK;
		bad += v == WIN_ERROR;
		if (v == WIN_STUCK) {
			for (i++; i < f->nwin; i++)
				diag(f, r, "window %s.%s: not run: a user is stuck in the kernel",
				     f->win[i].mod, f->win[i].param);
			race.stuck++;
			break;
		}
	}
	if (!caught && reload_family(f, err, sizeof(err))) {
		diag(f, r, "reason: after the windows: %s", err);
		bad++;
	}
	test_end(f, r, caught || bad ? 1 : 0);
	return caught;
}

static void t_refcnt(struct family *f)
{
	struct result *r = test_begin(f, "refcnt_idle");
	int i, bad = 0;
	long v;

	for (i = 0; i < f->nmods; i++) {
		v = mod_refcnt(&f->mods[i]);
		if (v < 0) {
			diag(f, r, "reason: %s not loaded after the race",
			     f->mods[i].name);
			bad++;
		} else if (v != f->mods[i].idle_refcnt) {
			diag(f, r, "reason: %s refcnt %ld after the race, %ld when idle",
			     f->mods[i].name, v, f->mods[i].idle_refcnt);
			bad++;
		}
	}
	test_end(f, r, bad ? 1 : 0);
}

static void t_reload(struct family *f)
{
	struct result *r = test_begin(f, "idle_removal_and_reload");
	char err[LINE];

	if (unload_all(f, err, sizeof(err)) ||
	    load_all(f, false, err, sizeof(err)) ||
	    unload_all(f, err, sizeof(err))) {
		diag(f, r, "reason: %s", err);
		test_end(f, r, 1);
		return;
	}
	test_end(f, r, 0);
}

static void skip(struct family *f, const char *name, const char *why)
{
	struct result *r = test_begin(f, name);

	diag(f, r, "%s", why);
	test_end(f, r, 2);
}

static void *family_fn(void *arg)
{
	struct family *f = arg;
	double t0 = now();

	if (t_cycles(f)) {
		t_busy(f);
		if (race_mode != RACE_SLEEP && t_rendezvous(f)) {
			/* A removal under a user: leave the modules alone. */
			skip(f, "race", "not run: the rendezvous caught a race");
			skip(f, "refcnt_idle", "not run: the rendezvous caught a race");
			skip(f, "idle_removal_and_reload", "not run: the rendezvous caught a race");
			goto out;
		}
		if (race_mode == RACE_SLEEP)
			skip(f, "rendezvous", "not run: race mode sleep");
		if (race_mode != RACE_RENDEZVOUS)
			t_race(f);
		else
			skip(f, "race", "not run: race mode rendezvous");
		if (race.stuck || race.load_fail) {
			/* Leave the wedged modules alone. */
			skip(f, "refcnt_idle", "not run: the race left the kernel stuck");
			skip(f, "idle_removal_and_reload", "not run: the race left the kernel stuck");
		} else {
			t_refcnt(f);
			t_reload(f);
		}
	} else {
		skip(f, "busy_refuses_removal", "not run: load/unload failed");
		skip(f, "rendezvous", "not run: load/unload failed");
		skip(f, "race", "not run: load/unload failed");
		skip(f, "refcnt_idle", "not run: load/unload failed");
		skip(f, "idle_removal_and_reload", "not run: load/unload failed");
	}
out:
	f->seconds = now() - t0;
	__atomic_store_n(&f->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* ---- kernel log ---- */

/* Scan new /dev/kmsg records; returns the number of failure lines. */
static int kmsg_scan(struct family *f, struct result *r)
{
	char rec[2048], *msg;
	int bad = 0;

	if (kmsg_fd < 0)
		return 0;
	while ((msg = kmsg_next(kmsg_fd, rec, sizeof(rec)))) {
		if (modref_fail_match(msg)) {
			if (bad < 4)
				diag(f, r, "%s%s", bad ? "log: " : "reason: kernel log: ",
				     msg);
			bad++;
		}
	}
	return bad;
}

static int kmemleak_scan(struct family *f, struct result *r)
{
	char buf[4096];
	int fd, n, bad = 0;

	fd = open("/sys/kernel/debug/kmemleak", O_RDWR);
	if (fd < 0)
		return 0;
	if (write(fd, "scan", 4) < 0)
		progress("kmemleak scan: %s", strerror(errno));
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		if (strstr(buf, "unreferenced object")) {
			char *nl = strchr(strstr(buf, "unreferenced object"),
					  '\n');
			if (nl)
				*nl = 0;
			diag(f, r, "reason: kmemleak: %s",
			     strstr(buf, "unreferenced object"));
			bad++;
			break;
		}
	}
	if (write(fd, "clear", 5) < 0)
		progress("kmemleak clear: %s", strerror(errno));
	close(fd);
	return bad;
}

/* ---- configuration ---- */

static struct family *cur_fam(const char *file, int ln)
{
	if (!nfams) {
		progress("%s:%d: no 'family' line before this one", file, ln);
		return NULL;
	}
	return &fams[nfams - 1];
}

static int parse_config(const char *file)
{
	char line[1024], a[LINE], b[LINE], c[LINE];
	struct family *f;
	FILE *fp;
	int ln = 0, n, i;

	fp = fopen(file, "r");
	if (!fp) {
		progress("%s: %s", file, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		ln++;
		a[0] = b[0] = c[0] = 0;
		n = sscanf(line, "%255s %255s %255[^\n]", a, b, c);
		if (n <= 0 || a[0] == '#')
			continue;
		if (!strcmp(a, "cycles")) {
			cycles = atol(b);
		} else if (!strcmp(a, "race_ms")) {
			race_ms = atol(b);
		} else if (!strcmp(a, "threads")) {
			nthreads = atoi(b);
		} else if (!strcmp(a, "family_timeout")) {
			family_timeout = atol(b);
		} else if (!strcmp(a, "total_timeout")) {
			total_timeout = atol(b);
		} else if (!strcmp(a, "pace_ms")) {
			pace_ms = atol(b);
		} else if (!strcmp(a, "stuck_ms")) {
			stuck_ms = atol(b);
		} else if (!strcmp(a, "stop_on_failure")) {
			stop_on_failure = atoi(b);
		} else if (!strcmp(a, "race_mode")) {
			if (!strcmp(b, "both"))
				race_mode = RACE_BOTH;
			else if (!strcmp(b, "rendezvous"))
				race_mode = RACE_RENDEZVOUS;
			else if (!strcmp(b, "sleep"))
				race_mode = RACE_SLEEP;
			else
				goto bad;
		} else if (!strcmp(a, "hold_wait_ms")) {
			hold_wait_ms = atol(b);
		} else if (!strcmp(a, "removal_block_ms")) {
			removal_block_ms = atol(b);
		} else if (!strcmp(a, "rendezvous")) {
			/* rendezvous MODULE PARAM REMOVE[!][,REMOVE[!]...] */
			char *tok, *save, *p, list[LINE];
			struct window *w;

			f = cur_fam(file, ln);
			if (!f || f->nwin == MAX_WIN || !c[0])
				goto bad;
			w = &f->win[f->nwin];
			memset(w, 0, sizeof(*w));
			snprintf(w->mod, sizeof(w->mod), "%s", b);
			if (sscanf(c, "%63s %255s", w->param, list) != 2)
				goto bad;
			for (tok = strtok_r(list, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				p = tok + strlen(tok) - 1;
				if (p >= tok && *p == '!') {
					w->must_refuse[w->nremove] = true;
					*p = 0;
				}
				for (i = 0; i < f->nmods; i++)
					if (!strcmp(f->mods[i].name, tok))
						break;
				if (i == f->nmods || w->nremove == MAX_MOD)
					goto bad;
				w->remove[w->nremove++] = i;
			}
			if (!w->nremove)
				goto bad;
			f->nwin++;
		} else if (!strcmp(a, "bench")) {
			bench = atoi(b);
		} else if (!strcmp(a, "family")) {
			if (nfams == MAX_FAM)
				goto bad;
			f = &fams[nfams++];
			snprintf(f->name, sizeof(f->name), "%s", b);
			pthread_mutex_init(&f->lock, NULL);
		} else if (!strcmp(a, "module")) {
			f = cur_fam(file, ln);
			if (!f || f->nmods == MAX_MOD || !c[0])
				goto bad;
			snprintf(f->mods[f->nmods].name, 64, "%s", b);
			snprintf(f->mods[f->nmods].path, 192, "%s", c);
			f->nmods++;
		} else if (!strcmp(a, "param")) {
			f = cur_fam(file, ln);
			if (!f)
				goto bad;
			for (i = 0; i < f->nmods; i++) {
				struct mod *m = &f->mods[i];

				if (strcmp(m->name, b))
					continue;
				n = strlen(m->params);
				snprintf(m->params + n, LINE - n, "%s%s",
					 n ? " " : "", c);
			}
		} else if (!strcmp(a, "pins")) {
			f = cur_fam(file, ln);
			if (!f)
				goto bad;
			f->pins_set = true;
			snprintf(line, sizeof(line), " %s %s ", b, c);
			for (i = 0; i < f->nmods; i++) {
				char w[80];

				snprintf(w, sizeof(w), " %s ", f->mods[i].name);
				if (strstr(line, w))
					f->pins |= 1u << i;
			}
		} else if (!strcmp(a, "exercise")) {
			struct exercise *e;
			char *tok, *save;

			f = cur_fam(file, ln);
			if (!f || f->nex == MAX_EX || !c[0])
				goto bad;
			e = &f->ex[f->nex++];
			tok = strtok_r(c, " \t", &save);
			snprintf(e->name, sizeof(e->name), "%s", tok);
			if (!strcmp(b, "chrdev")) {
				e->kind = EX_CHRDEV;
			} else if (!strcmp(b, "open")) {
				e->kind = EX_OPEN;
			} else if (!strcmp(b, "netif")) {
				e->kind = EX_NETIF;
			} else if (!strcmp(b, "ioctl")) {
				e->kind = EX_IOCTL;
				tok = strtok_r(NULL, " \t", &save);
				if (!tok)
					goto bad;
				e->ioc = ioctl_number(tok, EX_BUF);
				if (!e->ioc)
					goto bad;
			} else if (!strcmp(b, "cmd")) {
				char *end;

				e->kind = EX_CMD;
				tok = strtok_r(NULL, " \t", &save);
				if (!tok)
					goto bad;
				e->ioc = ioctl_number(tok, sizeof(struct ex_cmd));
				if (!e->ioc)
					goto bad;
				while ((tok = strtok_r(NULL, " \t", &save))) {
					if (e->ncmd == MAX_CMD)
						goto bad;
					e->cmd[e->ncmd++] = strtol(tok, &end, 0);
					if (end == tok || *end)
						goto bad;
				}
				if (!e->ncmd)
					goto bad;
			} else {
				goto bad;
			}
			tok = strtok_r(NULL, " \t", &save);
			if (tok && e->kind != EX_CMD && e->kind != EX_IOCTL)
				e->minor = atoi(tok);
			snprintf(a, sizeof(a), "%s", e->name);
			snprintf(e->node, sizeof(e->node), "/dev/modref-%.60s-%u",
				 a, e->minor);
		} else {
			goto bad;
		}
	}
	fclose(fp);
	for (i = 0; i < nfams; i++)
		if (!fams[i].pins_set)
			fams[i].pins = (1u << fams[i].nmods) - 1;
	return 0;
bad:
	progress("%s:%d: bad line: %s", file, ln, line);
	fclose(fp);
	return -1;
}

/* write_file: write S to the file PATH (sysfs); 0 on success */
static int write_file(const char *path, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, s, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/*
 * Bench mode: load/unload cycles of the first family with the raw syscalls
 * (expedited RCU, as booted), the same with normal RCU grace periods, then
 * the same with busybox insmod/rmmod (/modref/bench.sh) in this boot.
 */
static void run_bench(void)
{
	struct family *f = &fams[0];
	char err[LINE];
	double t0 = now();
	int status = -1;
	long c;
	pid_t pid;

	for (c = 0; c < cycles; c++)
		if (load_all(f, false, err, sizeof(err)) ||
		    unload_all(f, err, sizeof(err))) {
			out("# bench: %s\n", err);
			break;
		}
	out("# bench: runner cycles %ld seconds %.3f\n", c, now() - t0);
	/*
	 * The same cycles with normal (not expedited) RCU grace periods, the
	 * kernel's default: every unload waits for one.
	 */
	if (!write_file("/sys/kernel/rcu_expedited", "0")) {
		t0 = now();
		for (c = 0; c < cycles; c++)
			if (load_all(f, false, err, sizeof(err)) ||
			    unload_all(f, err, sizeof(err))) {
				out("# bench: %s\n", err);
				break;
			}
		out("# bench: runner-rcu-normal cycles %ld seconds %.3f\n", c,
		    now() - t0);
		write_file("/sys/kernel/rcu_expedited", "1");
	}
	if (access("/bin/busybox", X_OK))
		return;
	t0 = now();
	pid = fork();
	if (pid == 0) {
		execl("/bin/busybox", "sh", "/modref/bench.sh", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	out("# bench: busybox cycles %ld seconds %.3f status %d\n",
	    status == 0 ? cycles : 0L, now() - t0, status);
}

/* ---- main ---- */

static void print_family(int idx, struct family *f, bool timed_out)
{
	int i, j, fails = 0, status;

	out("    # Subtest: %s\n    KTAP version 1\n    1..%d\n", f->name,
	    f->nres);
	for (i = 0; i < f->nres; i++) {
		struct result *r = &f->res[i];

		status = r->status;
		if (status < 0) {
			status = 1;
			out("    # reason: %s did not finish within %ld s (kernel stuck?)\n",
			    r->name, timed_out ? family_timeout : 0L);
		}
		for (j = 0; j < r->ndiag; j++)
			out("    # %s\n", r->diag[j]);
		if (status == 2)
			out("    ok %d %s # SKIP\n", i + 1, r->name);
		else
			out("    %sok %d %s\n", status ? "not " : "", i + 1,
			    r->name);
		fails += status == 1;
	}
	out("# %s: cycles=%ld seconds=%.2f\n", f->name, f->cycles_done,
	    f->seconds);
	out("%sok %d %s\n", fails ? "not " : "", idx + 1, f->name);
}

static void power_off(int fail)
{
	if (out_fd >= 0)
		tcdrain(out_fd);
	sync();
	if (!ioperm(0xf4, 4, 1))
		outl(fail ? 1 : 0, 0xf4);
	/*
	 * No ioperm() (a tinyconfig kernel without X86_IOPL_IOPERM) and no
	 * ACPI: a power-off would only halt, a reboot ends QEMU under
	 * -no-reboot.  The KTAP on the console carries the verdict then.
	 */
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

/*
 * the first line of the kernel setting at @path (a sysfs or procfs file)
 * into @buf, "-" when the kernel has none
 */
static const char *ksetting(const char *path, char *buf, int size)
{
	FILE *fp = fopen(path, "r");

	strcpy(buf, "-");
	if (fp) {
		if (!fgets(buf, size, fp))
			strcpy(buf, "-");
		buf[strcspn(buf, "\n")] = '\0';
		fclose(fp);
	}
	return buf;
}

/*
 * The stall and lockup thresholds the kernel runs with (verify/run sets
 * them on the command line): a KTAP comment each, for the host's tests.
 */
static void print_stall_settings(void)
{
	char b[32];

	out("# rcu_cpu_stall_timeout: %s\n",
	    ksetting("/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout",
		     b, sizeof(b)));
	out("# watchdog_thresh: %s\n",
	    ksetting("/proc/sys/kernel/watchdog_thresh", b, sizeof(b)));
	out("# hung_task_timeout_secs: %s\n",
	    ksetting("/proc/sys/kernel/hung_task_timeout_secs", b, sizeof(b)));
}

int main(void)
{
	double start;
	int i, fail = 0;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	start = now();

	out_fd = open("/dev/ttyS1", O_WRONLY | O_NOCTTY);
	if (out_fd < 0)
		out_fd = open("/dev/console", O_WRONLY | O_NOCTTY);
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	progress("started");
	{
		double up = 0;
		FILE *fp = fopen("/proc/uptime", "r");

		if (fp) {
			if (fscanf(fp, "%lf", &up) != 1)
				up = 0;
			fclose(fp);
		}
		boot_s = up;
	}

	/* kmemleak (debug kernel): forget what boot left before we start. */
	{
		int fd = open("/sys/kernel/debug/kmemleak", O_WRONLY);

		if (fd >= 0) {
			if (write(fd, "scan", 4) < 0 || write(fd, "clear", 5) < 0)
				progress("kmemleak: %s", strerror(errno));
			close(fd);
		}
	}
	if (parse_config("/modref/config")) {
		out("KTAP version 1\n1..1\n# reason: bad /modref/config\nnot ok 1 config\n");
		power_off(1);
	}
	if (bench) {
		out("KTAP version 1\n1..0\n# boot_to_init: %.2f s\n", boot_s);
		run_bench();
		power_off(0);
	}
	out("KTAP version 1\n1..%d\n# boot_to_init: %.2f s\n", nfams, boot_s);
	print_stall_settings();
	for (i = 0; i < nfams; i++) {
		struct family *f = &fams[i];
		struct result *klog, *tl;
		pthread_t t;
		bool finished;
		int bad;

		if (kmsg_fd >= 0)
			lseek(kmsg_fd, 0, SEEK_END);
		if (now() - start > total_timeout) {
			out("# reason: total time limit %ld s reached\n",
			    total_timeout);
			fail = 1;
			break;
		}
		pthread_create(&t, NULL, family_fn, f);
		finished = timed_join(t, family_timeout * 1000);
		klog = test_begin(f, "kernel_log");
		bad = kmsg_scan(f, klog);
		bad += kmemleak_scan(f, klog);
		test_end(f, klog, bad ? 1 : 0);
		tl = test_begin(f, "time_limit");
		if (!finished)
			diag(f, tl, "reason: family did not finish within %ld s (hang)",
			     family_timeout);
		test_end(f, tl, finished ? 0 : 1);
		pthread_mutex_lock(&f->lock);
		print_family(i, f, !finished);
		pthread_mutex_unlock(&f->lock);
		for (bad = 0; bad < f->nres; bad++)
			if (f->res[bad].status == 1 || f->res[bad].status < 0)
				fail = 1;
		if ((!finished || klog->status) && stop_on_failure &&
		    i + 1 < nfams) {
			out("# stopped: kernel log or hang after %s; the remaining families need a fresh boot\n",
			    f->name);
			break;
		}
	}
	out("# modref-init: done in %.1f s\n", now() - start);
	progress("done");
	power_off(fail);
	return 0;
}
