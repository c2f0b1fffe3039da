// SPDX-License-Identifier: GPL-2.0
/*
 * pool.c - child processes.
 *
 * Every child runs in its own process group, so a deadline or a signal
 * kills spatch together with anything it started.  SIGINT, SIGTERM and
 * SIGHUP kill every child group, remove the run's temporary directory
 * (spatch's --tmp-dir and TMPDIR live inside it) and exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "modref.h"

#define MAXPROC 64

static struct proc procs[MAXPROC];
static sig_atomic_t interrupted;	/* set by on_signal() */
static char *cleanup_dir;

double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	int i;

	interrupted = sig;
	for (i = 0; i < MAXPROC; i++)
		if (procs[i].pid > 0)
			kill(-procs[i].pid, SIGKILL);
}

static void on_child(int sig)
{
	(void)sig;
}

void pool_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void pool_cleanup_dir(const char *dir)
{
	free(cleanup_dir);
	cleanup_dir = dir ? xstrdup(dir) : NULL;
}

bool pool_interrupted(void)
{
	if (!interrupted)
		return false;
	pool_kill_all();
	fprintf(stderr, "%s: interrupted; temporary files removed\n",
		progname);
	exit(EXIT_INTERRUPTED);
}

void pool_kill_all(void)
{
	int i, st;

	for (i = 0; i < MAXPROC; i++) {
		if (procs[i].pid > 0) {
			kill(-procs[i].pid, SIGKILL);
			waitpid(procs[i].pid, &st, 0);
			procs[i].pid = 0;
		}
	}
	if (cleanup_dir && !getenv("MODREF_KEEP"))
		rm_rf(cleanup_dir);
	else if (cleanup_dir)
		fprintf(stderr, "%s: kept %s\n", progname, cleanup_dir);
	free(cleanup_dir);
	cleanup_dir = NULL;
}

int pool_running(void)
{
	int i, n = 0;

	for (i = 0; i < MAXPROC; i++)
		n += procs[i].pid > 0;
	return n;
}

static void child_redirect(const char *path, int fd)
{
	int f;

	if (!path)
		return;
	f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (f < 0)
		_exit(127);
	dup2(f, fd);
	close(f);
}

static unsigned long mem_limit_mib;

/*
 * Every child from now on gets at most mib MiB of data (RLIMIT_DATA: the
 * heap and private mappings, what spatch's OCaml heap and Python grow);
 * 0: no limit.  A spatch over it fails with Out_of_memory instead of
 * taking the machine's memory.
 */
void pool_set_mem_limit(unsigned long mib)
{
	mem_limit_mib = mib;
}

pid_t pool_spawn(char *const argv[], char *const envp[], const char *cwd,
		 const char *out, const char *err, double timeout, void *data)
{
	struct sigaction sa;
	pid_t pid;
	int i, nul;

	for (i = 0; i < MAXPROC && procs[i].pid > 0; i++)
		;
	if (i == MAXPROC)
		die(EXIT_INTERNAL, "too many child processes");
	pid = fork();
	if (pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	if (pid == 0) {
		setpgid(0, 0);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGCHLD, &sa, NULL);
		signal(SIGPIPE, SIG_DFL);
		nul = open("/dev/null", O_RDONLY);
		if (nul >= 0) {
			dup2(nul, 0);
			close(nul);
		}
		child_redirect(out, 1);
		if (err && out && !strcmp(err, out))
			dup2(1, 2);
		else
			child_redirect(err, 2);
		if (cwd && chdir(cwd))
			_exit(127);
		if (mem_limit_mib) {
			struct rlimit rl;

			rl.rlim_cur = rl.rlim_max = (rlim_t)mem_limit_mib << 20;
			setrlimit(RLIMIT_DATA, &rl);
		}
		if (envp)
			execve(argv[0], argv, envp);
		else
			execv(argv[0], argv);
		_exit(127);
	}
	setpgid(pid, pid);
	procs[i].pid = pid;
	procs[i].status = 0;
	procs[i].timed_out = false;
	procs[i].deadline = timeout > 0 ? now_mono() + timeout : 0;
	procs[i].data = data;
	procs[i].started = now_mono();
	return pid;
}

/* wait for any child; NULL when none is running */
struct proc *pool_wait(void)
{
	static struct proc done;
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	struct rusage ru;
	int i, st;
	pid_t pid;

	for (;;) {
		pool_interrupted();
		if (!pool_running())
			return NULL;
		pid = wait4(-1, &st, WNOHANG, &ru);
		if (pid > 0) {
			for (i = 0; i < MAXPROC; i++)
				if (procs[i].pid == pid)
					break;
			if (i == MAXPROC)
				continue;
			/* whatever the child left running goes with it */
			kill(-pid, SIGKILL);
			done = procs[i];
			done.status = st;
			done.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
				   ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
			done.maxrss = ru.ru_maxrss;
			procs[i].pid = 0;
			return &done;
		}
		for (i = 0; i < MAXPROC; i++) {
			if (procs[i].pid > 0 && procs[i].deadline &&
			    !procs[i].timed_out &&
			    now_mono() > procs[i].deadline) {
				procs[i].timed_out = true;
				kill(-procs[i].pid, SIGKILL);
			}
		}
		nanosleep(&ts, NULL);
	}
}

/*
 * Run argv (argv[0] an absolute path) to completion with input on stdin,
 * collecting stdout.  Returns the exit status, -1 when it did not exit.
 */
static bool capture_stderr;

int run_capture(char *const argv[], const char *cwd, const char *input,
		size_t inlen, char **out, size_t *outlen)
{
	capture_stderr = false;
	return run_capture_err(argv, cwd, input, inlen, out, outlen);
}

int run_capture_merged(char *const argv[], const char *cwd, char **out,
		       size_t *outlen)
{
	int rc;

	capture_stderr = true;
	rc = run_capture_err(argv, cwd, NULL, 0, out, outlen);
	capture_stderr = false;
	return rc;
}

int run_capture_err(char *const argv[], const char *cwd, const char *input,
		    size_t inlen, char **out, size_t *outlen)
{
	int in[2], o[2], st;
	struct strbuf sb = { 0 };
	size_t off = 0;
	pid_t pid;
	char buf[65536];

	if (pipe(in) || pipe(o))
		die(EXIT_INTERNAL, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		dup2(in[0], 0);
		dup2(o[1], 1);
		if (capture_stderr)
			dup2(o[1], 2);
		close(in[0]);
		close(in[1]);
		close(o[0]);
		close(o[1]);
		if (cwd && chdir(cwd))
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	if (!input || !inlen) {
		close(in[1]);
		in[1] = -1;
	}
	for (;;) {
		struct pollfd p[2] = { { o[0], POLLIN, 0 }, { in[1], POLLOUT, 0 } };
		ssize_t n;

		if (poll(p, in[1] >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR) {
				pool_interrupted();
				continue;
			}
			break;
		}
		if (in[1] >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			n = write(in[1], input + off, inlen - off);
			if (n > 0)
				off += n;
			if (n < 0 || off == inlen) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = read(o[0], buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			sb_add(&sb, buf, n);
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	close(o[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (out) {
		*out = sb.buf ? sb.buf : xstrdup("");
		*outlen = sb.len;
	} else {
		sb_free(&sb);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
