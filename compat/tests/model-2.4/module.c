// SPDX-License-Identifier: GPL-2.0
/*
 * MODEL of the Linux 2.4 module core (kernel/module.c, kernel/exit.c) for
 * modref's user-space tests.  NOT kernel code; written from the "2.4 model"
 * section of shared/REFERENCE.md (see README.md beside this file).
 */
#include <errno.h>
#include <setjmp.h>
#include <stddef.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include "model.h"

spinlock_t unload_lock = SPIN_LOCK_UNLOCKED;
void (*model_preempt_hook)(atomic_t *v, int delta);

jmp_buf model_exit_jmp;
long model_exit_code;
int model_exit_calls;
void (*model_exit_hook)(void);

#ifdef CONFIG_MODULES
int try_inc_mod_count(struct module *mod)
{
	int res = 1;

	if (mod) {
		spin_lock(&unload_lock);
		if (mod->flags & MOD_DELETED)
			res = 0;
		else
			__MOD_INC_USE_COUNT(mod);
		spin_unlock(&unload_lock);
	}
	return res;
}

static int model_delete_locked(struct module *mod)
{
	if (mod->flags & MOD_DELETED)
		return -ENOENT;
	if (__MOD_IN_USE(mod))
		return -EBUSY;
	__model_set_flags(mod, MOD_DELETED);
	return 0;
}

static void model_free_module(struct module *mod)
{
	if (mod->flags & MOD_RUNNING) {
		if (mod->cleanup)
			mod->cleanup();
		__atomic_and_fetch(&mod->flags, ~(unsigned long)MOD_RUNNING,
				   __ATOMIC_SEQ_CST);
	}
	__atomic_store_n(&mod->model_freed, 1, __ATOMIC_SEQ_CST);
}

int model_sys_delete_module(struct module *mod)
{
	int ret;

	spin_lock(&unload_lock);
	ret = model_delete_locked(mod);
	spin_unlock(&unload_lock);
	if (ret == 0)
		model_free_module(mod);
	return ret;
}

int model_sys_delete_module_trylock(struct module *mod)
{
	int ret;

	if (!spin_trylock(&unload_lock))
		return -EAGAIN;
	ret = model_delete_locked(mod);
	spin_unlock(&unload_lock);
	if (ret == 0)
		model_free_module(mod);
	return ret;
}
#else
int try_inc_mod_count(struct module *mod)
{
	return 1;
}
#endif

NORET_TYPE void do_exit(long code)
{
	model_exit_code = code;
	model_exit_calls++;
	if (model_exit_hook)
		model_exit_hook();
	longjmp(model_exit_jmp, 1);
}
