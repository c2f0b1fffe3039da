/* SPDX-License-Identifier: GPL-2.0 */
/*
 * oracle-strings.h - the one list of kernel log failure strings.
 *
 * Included by the guest runner (verify/guest/modref-init.c, built static,
 * which scans /dev/kmsg after each family) and by the host oracle
 * (src/oracle.c, which scans the console log of the boot): a line that
 * contains any of these is a failure.  Kernel CI systems match the first
 * eleven in console logs (see HACKING.md); the rest are reports the same
 * debug options print without one of the first eleven in the line.
 * Keep it plain C89 with no dependency: the guest links it statically.
 */
#ifndef MODREF_ORACLE_STRINGS_H
#define MODREF_ORACLE_STRINGS_H

#include <string.h>

static const char * const modref_fail_strings[] = {
	"BUG:",				/* BUG: KASAN/unable to handle/sleeping */
	"Oops",
	"WARNING:",			/* WARN_ON(), lockdep, refcount */
	"general protection fault",
	"Unable to handle kernel",
	"KASAN:",
	"kernel BUG at",		/* BUG_ON() */
	"possible circular locking",	/* lockdep */
	"unreferenced object",		/* kmemleak, after "scan" */
	"refcount_t:",
	"list_add corruption",		/* DEBUG_LIST */
	"list_del corruption",		/* DEBUG_LIST, the other half */
	"possible recursive locking",	/* lockdep, self-deadlock */
	"UBSAN:",
	"Kernel panic",			/* panic() without an oops first */
	"Call Trace:",			/* any dump_stack(): hung task, stall */
	NULL
};

/* The failure string S contains, or NULL. */
static inline const char *modref_fail_match(const char *s)
{
	int i;

	for (i = 0; modref_fail_strings[i]; i++)
		if (strstr(s, modref_fail_strings[i]))
			return modref_fail_strings[i];
	return NULL;
}

#endif
