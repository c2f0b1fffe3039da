// SPDX-License-Identifier: GPL-2.0
/*
 * workdir.c - paths, safe names, the work copy, the OUT lock.
 *
 * The rules never see SRC: every file they get is copied (regular files
 * only, opened with O_NOFOLLOW) into a work tree under OUT's temporary
 * sibling.  A name spatch or its report lines could misread (control
 * bytes, non-ASCII bytes, ':', '\\') gets a safe work name; the program
 * maps it back.  Nothing from a name is ever given to a shell.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modref.h"

/* safe as a work name: printable ASCII but ' ', ':' and '\\', no leading '-' */
bool name_is_safe(const char *rel)
{
	const unsigned char *p = (const unsigned char *)rel;
	bool start = true;

	for (; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == ':' || *p == '\\')
			return false;
		if (start && *p == '-')
			return false;
		start = *p == '/';
	}
	return true;
}

/* can be written as a name in a unified diff header */
bool name_is_patchable(const char *rel)
{
	const unsigned char *p = (const unsigned char *)rel;

	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* a name for messages and the report: C escapes for what is not printable */
char *escape_name(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct strbuf sb = { 0 };

	for (; *p; p++) {
		if (*p == '\n')
			sb_adds(&sb, "\\n");
		else if (*p == '\t')
			sb_adds(&sb, "\\t");
		else if (*p == '\\')
			sb_adds(&sb, "\\\\");
		else if (*p < 0x20 || *p >= 0x7f)
			sb_addf(&sb, "\\x%02x", *p);
		else
			sb_addc(&sb, *p);
	}
	if (!sb.buf)
		return xstrdup("");
	return sb.buf;
}

/*
 * The real path OUT will have: the longest existing prefix resolved with
 * realpath(3) (symbolic links and ".." included), the rest appended with
 * "." and ".." applied to it.
 */
char *real_out_path(const char *out, char *err, size_t errlen)
{
	char cwd[PATH_MAX], *abs, *cur, *tok, *save = NULL, res[PATH_MAX];
	struct strbuf sb = { 0 };

	if (out[0] == '/') {
		abs = xstrdup(out);
	} else {
		if (!getcwd(cwd, sizeof(cwd))) {
			snprintf(err, errlen, "cannot get the current directory");
			return NULL;
		}
		abs = xasprintf("%s/%s", cwd, out);
	}
	cur = xstrdup("/");
	for (tok = strtok_r(abs, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		char *next;

		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			next = xasprintf("%s/..", cur);
		} else {
			next = !strcmp(cur, "/") ? xasprintf("/%s", tok) :
						   xasprintf("%s/%s", cur, tok);
		}
		if (realpath(next, res)) {
			free(next);
			free(cur);
			cur = xstrdup(res);
			continue;
		}
		/* does not exist: lexical from here */
		if (!strcmp(tok, "..")) {
			char *s = strrchr(cur, '/');

			free(next);
			if (s && s != cur)
				*s = '\0';
			else
				strcpy(cur, "/");
			continue;
		}
		free(cur);
		cur = next;
	}
	free(abs);
	sb_adds(&sb, cur);
	free(cur);
	return sb.buf;
}

bool path_inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "/"))
		return true;
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/*
 * Copy SRC/rel to WORK/work.  Only a regular file is copied (O_NOFOLLOW,
 * checked with fstat); with strip_cr, "\r\n" becomes "\n".
 */
int copy_in(const char *src_root, const char *rel, const char *work_root,
	    const char *work, bool strip_cr)
{
	char *from = path_join(src_root, rel), *to = path_join(work_root, work);
	char *d = dir_of(to), *buf = NULL;
	struct stat st;
	size_t len, i, o;
	int fd, rc = -1;

	fd = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode))
		goto out;
	close(fd);
	fd = -1;
	if (read_file(from, &buf, &len))
		goto out;
	if (strip_cr) {
		for (i = o = 0; i < len; i++)
			if (!(buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n'))
				buf[o++] = buf[i];
		len = o;
	}
	if (mkdir_p(d, 0755))
		goto out;
	rc = write_file(to, buf, len);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(from);
	free(to);
	free(d);
	return rc;
}

/*
 * Lock OUT for this run: flock(2) on "<parent>/.<name>.lock", kept open
 * until exit.  A second run into the same OUT fails at once.
 */
int out_lock(const char *out, char *err, size_t errlen)
{
	char *d = dir_of(out);
	char *lock = xasprintf("%s/.%s.lock", d, base_of(out));
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);

	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create the lock file: %s",
			 lock, strerror(errno));
		free(d);
		free(lock);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		snprintf(err, errlen,
			 "%s: another modref run is writing it (lock %s)", out,
			 lock);
		close(fd);
		free(d);
		free(lock);
		return -1;
	}
	free(d);
	free(lock);
	return fd;
}
