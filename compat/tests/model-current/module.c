// SPDX-License-Identifier: GPL-2.0
/*
 * MODEL of the current module core for modref's user-space tests (see
 * README.md beside this file).  NOT kernel code.  The kthread exit helpers
 * leave through longjmp(model_exit_jmp) instead of ending a task.
 */
#include <errno.h>
#include <setjmp.h>
#include <linux/module.h>
#include "model.h"

struct model_calls model_calls;
jmp_buf model_exit_jmp;

void model_module_init(struct module *mod, const char *name)
{
	mod->name = name;
	mod->refcnt = 1;
	mod->live = 1;
	mod->exit = NULL;
}

bool try_module_get(struct module *mod)
{
	model_calls.try_module_get++;
	if (!mod)
		return true;
	if (!mod->live)
		return false;
	mod->refcnt++;
	return true;
}

void module_put(struct module *mod)
{
	model_calls.module_put++;
	if (mod)
		mod->refcnt--;
}

void __module_get(struct module *mod)
{
	model_calls.__module_get++;
	if (mod)
		mod->refcnt++;
}

int module_refcount(struct module *mod)
{
	model_calls.module_refcount++;
	return mod->refcnt - 1;
}

int model_delete_module(struct module *mod)
{
	if (mod->refcnt != 1)
		return -EWOULDBLOCK;
	mod->refcnt = 0;
	mod->live = 0;
	if (mod->exit)
		mod->exit();
	return 0;
}

static _Noreturn void model_exit(struct module *mod, long code)
{
	model_calls.exit_mod = mod;
	model_calls.exit_code = code;
	if (mod)
		mod->refcnt--;
	longjmp(model_exit_jmp, 1);
}

#if KERNEL_VERSION(5, 17, 0) <= MODEL_VERSION
void __module_put_and_kthread_exit(struct module *mod, long code)
{
	model_calls.put_and_kthread_exit++;
	model_exit(mod, code);
}
#else
void __module_put_and_exit(struct module *mod, long code)
{
	model_calls.put_and_exit++;
	model_exit(mod, code);
}
#endif
