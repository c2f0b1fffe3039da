/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of a current kernel's <linux/module.h> module-core API for modref's
 * user-space tests (see model-current/README.md).  NOT kernel code.
 */
#ifndef MODELCUR_LINUX_MODULE_H
#define MODELCUR_LINUX_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/version.h>

struct module {
	const char *name;
	int refcnt;		/* includes the loader's base reference */
	int live;
	void (*exit)(void);
};

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#else
#define THIS_MODULE ((struct module *)0)
#endif

struct model_calls {
	int try_module_get, module_put, __module_get, module_refcount;
	int put_and_exit, put_and_kthread_exit;
	struct module *exit_mod;
	long exit_code;
};
extern struct model_calls model_calls;

bool try_module_get(struct module *mod);
void module_put(struct module *mod);
void __module_get(struct module *mod);
#ifdef CONFIG_MODULE_UNLOAD
int module_refcount(struct module *mod);
#endif

#if KERNEL_VERSION(5, 17, 0) <= MODEL_VERSION
_Noreturn void __module_put_and_kthread_exit(struct module *mod, long code);
#define module_put_and_kthread_exit(code) \
	__module_put_and_kthread_exit(THIS_MODULE, code)
#else
_Noreturn void __module_put_and_exit(struct module *mod, long code);
#define module_put_and_exit(code) __module_put_and_exit(THIS_MODULE, code)
#endif

/* model only */
void model_module_init(struct module *mod, const char *name);
int model_delete_module(struct module *mod);

#endif /* MODELCUR_LINUX_MODULE_H */
