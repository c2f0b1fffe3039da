/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref_rendezvous.h: hold a caller inside a race window until the
 * verifier has tried to remove a module (verify/README.md, "Rendezvous").
 *
 * A driver declares an unsigned int module parameter, mode 0644, and
 * calls modref_rendezvous() on it at the racy point.  Its states:
 *
 *   0  off (the default): callers pass straight through;
 *   1  armed by user space (echo 1 > /sys/module/M/parameters/P): the
 *      next caller to reach the point sets 2 and waits there;
 *   2  a caller is held: it waits as long as the parameter reads 2, and
 *      goes on when user space writes 0 (or after 10 s, a safety net).
 *
 * The wait is a usleep_range() loop in the caller's module text: if the module
 * is removed meanwhile, the held caller wakes up in freed memory, as a
 * 2.4 caller in the window would.  Only one caller is held at a time.
 */
#ifndef _MODREF_RENDEZVOUS_H
#define _MODREF_RENDEZVOUS_H

/* the parameter's states, shared with the verifier's guest runner */
#define MODREF_RENDEZVOUS_OFF		0
#define MODREF_RENDEZVOUS_ARMED		1
#define MODREF_RENDEZVOUS_HELD		2

#ifdef __KERNEL__
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/jiffies.h>

#define MODREF_RENDEZVOUS_MAX_SECS	10

static inline void modref_rendezvous(unsigned int *hold)
{
	unsigned long end;

	if (likely(READ_ONCE(*hold) != MODREF_RENDEZVOUS_ARMED) ||
	    cmpxchg(hold, MODREF_RENDEZVOUS_ARMED,
		    MODREF_RENDEZVOUS_HELD) != MODREF_RENDEZVOUS_ARMED)
		return;
	end = jiffies + MODREF_RENDEZVOUS_MAX_SECS * HZ;
	while (READ_ONCE(*hold) == MODREF_RENDEZVOUS_HELD &&
	       time_before(jiffies, end))
		usleep_range(1000, 2000);
	cmpxchg(hold, MODREF_RENDEZVOUS_HELD, MODREF_RENDEZVOUS_OFF);
}
#endif /* __KERNEL__ */

#endif /* _MODREF_RENDEZVOUS_H */
