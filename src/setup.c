// SPDX-License-Identifier: GPL-2.0
/*
 * setup.c - what a convert/audit run needs before it starts.
 *
 * The run's state (g, run.h); the helpers of main.c's checks, which all
 * pass before anything is created: the programs on PATH, the program's
 * top directory (build/bin/modref), OUT missing or empty, the
 * Signed-off-by identity (MODREF_SIGNOFF or git config); and the rule
 * directory's legacy-names.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modref.h"
#include "run.h"

struct run_state g;

char *which(const char *name)
{
	const char *path = getenv("PATH");
	char *p, *s, *save = NULL, *res = NULL;

	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : xstrdup(name);
	if (!path)
		path = "/usr/bin:/bin";
	p = xstrdup(path);
	for (s = strtok_r(p, ":", &save); s; s = strtok_r(NULL, ":", &save)) {
		char *c = xasprintf("%s/%s", *s ? s : ".", name);

		if (!access(c, X_OK)) {
			res = c;
			break;
		}
		free(c);
	}
	free(p);
	return res;
}

char *exe_top(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *d1, *d2, *d3;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	d1 = dir_of(buf);	/* build/bin */
	d2 = dir_of(d1);	/* build */
	d3 = dir_of(d2);	/* top */
	free(d1);
	free(d2);
	return d3;
}

void load_legacy_names(void)
{
	char *p = path_join(g.rules_dir, "legacy-names"), *buf, *s, *save = NULL;
	size_t len;

	if (read_file(p, &buf, &len)) {
		free(p);
		return;
	}
	g.legacy_file = p;
	for (s = strtok_r(buf, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
		size_t n = strcspn(s, " \t\r#");

		if (n)
			kw_mark_legacy(kw_intern(s, n));
	}
	free(buf);
}

bool signoff_ok(const char *s)
{
	const char *lt = strchr(s, '<'), *gt, *at;

	/* ^[^<>]*[^<> ] <[^<> ]+@[^<> ]+>$ */
	if (!lt || lt - s < 2 || lt[-1] != ' ' || lt[-2] == ' ' ||
	    lt[-2] == '>')
		return false;
	if (strcspn(s, "<>") != (size_t)(lt - s))
		return false;
	gt = strchr(lt + 1, '>');
	if (!gt || gt[1])
		return false;
	at = strchr(lt + 1, '@');
	if (!at || at > gt || at == lt + 1 || at + 1 == gt)
		return false;
	for (s = lt + 1; s < gt; s++)
		if (*s == ' ' || *s == '<')
			return false;
	return true;
}

char *git_config(const char *key)
{
	char *git = which("git"), *out;
	size_t len;
	int rc;

	if (!git)
		return NULL;
	out = run_outv(NULL, 0, &rc, git, "config", key, NULL);
	len = strlen(out);
	free(git);
	if (rc || !len) {
		free(out);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	return out;
}

static bool dir_empty(const char *d)
{
	char *argvless = NULL;
	bool empty = true;
	struct dirent *de;
	DIR *dp = opendir(d);

	(void)argvless;
	if (!dp)
		return false;
	while ((de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = false;
	closedir(dp);
	return empty;
}

void check_out(const char *out)
{
	struct stat st;

	if (!lstat(out, &st)) {
		if (!S_ISDIR(st.st_mode))
			die(EXIT_BAD_INPUT, "%s: exists and is not a directory",
			    out);
		if (!dir_empty(out))
			die(EXIT_BAD_INPUT, "%s: exists and is not empty", out);
	}
}
