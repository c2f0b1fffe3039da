/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODREF_GROUP_H
#define MODREF_GROUP_H

#include "modref.h"

struct group {
	int dir;		/* index into tree.dirs */
	bool module;		/* under conversion */
	int *files;		/* indexes into tree.f, in name order */
	int nfiles;
	long long bytes;
	int *extra;		/* audit: copied for the rules, never given */
	int nextra;
	int batch;
	bool failed;		/* timeout/crash: left out from there on */
	bool stopped;		/* a patch rule failed: no patch rule after it */
};

struct groups {
	struct group *v;
	int n, cap;
	int nbatches;
};

bool needs_line_hit(const struct kwline *l, const struct sfile *f);
bool file_needs(const struct rule *r, const struct sfile *f);
void groups_build(struct groups *gs, struct tree *t, const struct ruleset *rs,
		  bool audit);
void batches_build(struct groups *gs, long long target, int maxgroups);

#endif
