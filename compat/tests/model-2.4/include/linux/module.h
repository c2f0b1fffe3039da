/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of Linux 2.4's <linux/module.h> use-count API, for modref's
 * user-space tests of compat/include/linux/module.h.  NOT kernel code:
 * written from the "2.4 model" section of shared/REFERENCE.md; see
 * model-2.4/README.md for exactly which semantics it models.
 *
 * One deliberate difference: flag updates are atomic here.  In 2.4 they
 * were plain read-modify-writes (and __MOD_DEC_USE_COUNT wrote flags after
 * the decrement, so a last put racing a delete could touch a freed module).
 * The model avoids that data race so the concurrency test is not flaky; the
 * race is 2.4's own and is documented in the compat header.
 */
#ifndef MODEL24_LINUX_MODULE_H
#define MODEL24_LINUX_MODULE_H

#include <linux/config.h>
#include <linux/spinlock.h>
#include <asm/atomic.h>

#define MOD_UNINITIALIZED	0
#define MOD_RUNNING		1
#define MOD_DELETED		2
#define MOD_AUTOCLEAN		4
#define MOD_VISITED		8
#define MOD_USED_ONCE		16

struct module {
	const char *name;
	union {
		atomic_t usecount;
		long pad;
	} uc;
	unsigned long flags;
	int (*can_unload)(void);
	void (*cleanup)(void);
	int model_freed;	/* model only: set once the module is gone */
};

#define __model_set_flags(mod, f) \
	__atomic_or_fetch(&(mod)->flags, (f), __ATOMIC_SEQ_CST)

#define __MOD_INC_USE_COUNT(mod) \
	(atomic_inc(&(mod)->uc.usecount), \
	 __model_set_flags(mod, MOD_VISITED | MOD_USED_ONCE))
#define __MOD_DEC_USE_COUNT(mod) \
	(atomic_dec(&(mod)->uc.usecount), __model_set_flags(mod, MOD_VISITED))
#define GET_USE_COUNT(mod) atomic_read(&(mod)->uc.usecount)
#define __MOD_IN_USE(mod) \
	((mod)->can_unload ? (mod)->can_unload() : \
	 atomic_read(&(mod)->uc.usecount))

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE		(&__this_module)
#define MOD_INC_USE_COUNT	__MOD_INC_USE_COUNT(THIS_MODULE)
#define MOD_DEC_USE_COUNT	__MOD_DEC_USE_COUNT(THIS_MODULE)
#define MOD_IN_USE		__MOD_IN_USE(THIS_MODULE)
#else
#define THIS_MODULE		NULL
#define MOD_INC_USE_COUNT	do { } while (0)
#define MOD_DEC_USE_COUNT	do { } while (0)
#define MOD_IN_USE		1
#endif

#define SET_MODULE_OWNER(some_struct) ((some_struct)->owner = THIS_MODULE)

extern spinlock_t unload_lock;
int try_inc_mod_count(struct module *mod);

#ifdef CONFIG_MODULES
/* the model's sys_delete_module(): 0, -EBUSY, -ENOENT; -EAGAIN from the
 * trylock variant when unload_lock is held (for the preemption hook)
 */
int model_sys_delete_module(struct module *mod);
int model_sys_delete_module_trylock(struct module *mod);
#endif

#endif /* MODEL24_LINUX_MODULE_H */
