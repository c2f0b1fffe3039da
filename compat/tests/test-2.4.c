// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the 2.4 branch of compat/include/linux/module.h, compiled
 * against the user-space MODEL of the 2.4 module core in model-2.4/ (not
 * kernel code; see model-2.4/README.md).  Build variants (run-unit.sh):
 *   -DCONFIG_MODULES -DMODULE   a module
 *   -DCONFIG_MODULES            built-in code (THIS_MODULE is NULL)
 *   (neither)                   a kernel without module support
 * Prints one TAP line per check, prefixed with VARIANT.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/module.h>
#include "model-2.4/model.h"

#ifndef __MODREF_COMPAT_LINUX_MODULE_H
#error "the compat header was not used: put its -I first"
#endif

#ifndef VARIANT
#define VARIANT "2.4"
#endif

#ifndef MOD_DELETED
#error "test-2.4.c must be built against model-2.4"
#endif

static int failed;

static void check(int cond, const char *what)
{
	if (!cond)
		failed++;
	printf("%sok - %s: %s\n", cond ? "" : "not ", VARIANT, what);
}

#ifdef MODULE
struct module __this_module = { .name = "this", .flags = MOD_RUNNING };
#endif

static int cleanups;

static void model_cleanup(void)
{
	cleanups++;
}

static void mod_init(struct module *m, const char *name)
{
	memset(m, 0, sizeof(*m));
	m->name = name;
	m->flags = MOD_RUNNING;
	m->cleanup = model_cleanup;
}

static int refs(struct module *m)
{
	return atomic_read(&m->uc.usecount);
}

static void test_null(void)
{
	check(try_module_get(NULL) == 1, "try_module_get(NULL) is 1");
	module_put(NULL);
	__module_get(NULL);
	check(1, "module_put(NULL) and __module_get(NULL) are no-ops");
	check(module_refcount(NULL) == 0, "module_refcount(NULL) is 0");
}

/* module_put_and_exit(): runs do_exit() and never returns */
static int exit_refs, exit_delete, exit_delete_ret;
static struct module *exit_mod;

static void exit_hook(void)
{
	exit_refs = exit_mod ? refs(exit_mod) : -1;
#ifdef CONFIG_MODULES
	if (exit_mod && exit_delete)
		exit_delete_ret = model_sys_delete_module(exit_mod);
#endif
}

/* file scope: survives the longjmp() out of do_exit() */
static int returned;

static void test_put_and_exit(void)
{
	int calls = model_exit_calls;

	exit_mod = THIS_MODULE;
	exit_delete = 0;
	exit_delete_ret = 1;
	model_exit_hook = exit_hook;
	check(try_module_get(THIS_MODULE) == 1, "kthread pins THIS_MODULE");
	if (!setjmp(model_exit_jmp)) {
		module_put_and_exit(7);
		returned = 1;
	}
	check(!returned && model_exit_calls == calls + 1 && model_exit_code == 7,
	      "module_put_and_exit(7) calls do_exit(7) and does not return");
#if defined(CONFIG_MODULES) && defined(MODULE)
	check(exit_refs == 0,
	      "module_put_and_exit drops THIS_MODULE's ref before do_exit");
#else
	check(exit_refs == -1,
	      "module_put_and_exit with THIS_MODULE NULL touches no module");
#endif
	exit_delete = 1;
	check(try_module_get(THIS_MODULE) == 1, "second kthread pins THIS_MODULE");
	if (!setjmp(model_exit_jmp)) {
		module_put_and_kthread_exit(8);
		returned = 1;
	}
	check(!returned && model_exit_calls == calls + 2 && model_exit_code == 8,
	      "module_put_and_kthread_exit(8) is the same helper");
	model_exit_hook = NULL;
#if defined(CONFIG_MODULES) && defined(MODULE)
	/*
	 * The documented 2.4 limitation, reproduced: at do_exit() entry the
	 * module is already unpinned, so a delete in that window succeeds.
	 */
	check(exit_refs == 0 && exit_delete_ret == 0 && THIS_MODULE->model_freed,
	      "documented window: a delete at do_exit entry succeeds");
#endif
}

#ifdef CONFIG_MODULES

static void test_live(void)
{
	struct module m;

	mod_init(&m, "live");
	check(try_module_get(&m) == 1 && refs(&m) == 1,
	      "try_module_get(live) is 1 and takes a ref");
	check((m.flags & (MOD_VISITED | MOD_USED_ONCE)) ==
	      (MOD_VISITED | MOD_USED_ONCE),
	      "try_module_get goes through __MOD_INC_USE_COUNT (flags)");
	__module_get(&m);
	check(refs(&m) == 2 && module_refcount(&m) == 2,
	      "__module_get takes a ref, module_refcount reads it");
	check(model_sys_delete_module(&m) == -EBUSY && !(m.flags & MOD_DELETED),
	      "delete refused while refs are held");
	module_put(&m);
	module_put(&m);
	check(refs(&m) == 0 && module_refcount(&m) == 0,
	      "module_put balances try_module_get and __module_get");
	check(model_sys_delete_module(&m) == 0 && (m.flags & MOD_DELETED) &&
	      m.model_freed, "delete succeeds once the count is 0");
	check(try_module_get(&m) == 0 && refs(&m) == 0,
	      "try_module_get(deleted) is 0 and the count is unchanged");
	check(module_refcount(&m) == 0, "module_refcount(deleted) is 0");
}

static void test_this_module(void)
{
#ifdef MODULE
	int before = refs(THIS_MODULE);

	check(try_module_get(THIS_MODULE) == 1 &&
	      refs(THIS_MODULE) == before + 1,
	      "try_module_get(THIS_MODULE) pins __this_module");
	module_put(THIS_MODULE);
	check(refs(THIS_MODULE) == before, "module_put(THIS_MODULE) unpins it");
#else
	check(!THIS_MODULE && try_module_get(THIS_MODULE) == 1 &&
	      module_refcount(THIS_MODULE) == 0,
	      "built in: THIS_MODULE is NULL, get is 1, refcount 0");
	module_put(THIS_MODULE);
	__module_get(THIS_MODULE);
	check(1, "built in: put/__module_get(THIS_MODULE) are no-ops");
#endif
}

/*
 * A delete attempt injected in the middle of try_module_get()'s increment
 * (via the model's preemption hook) must not succeed: get and delete are
 * serialised by unload_lock.  Catches a check-then-increment header.
 */
static struct module *hook_mod;
static int hook_armed, hook_ret;

static void delete_hook(atomic_t *v, int delta)
{
	if (hook_armed && delta > 0 && v == &hook_mod->uc.usecount) {
		hook_armed = 0;
		hook_ret = model_sys_delete_module_trylock(hook_mod);
	}
}

static void test_interleaving(void)
{
	struct module m;
	int got;

	mod_init(&m, "interleave");
	hook_mod = &m;
	hook_armed = 1;
	hook_ret = 1;
	model_preempt_hook = delete_hook;
	got = try_module_get(&m);
	model_preempt_hook = NULL;
	check(hook_armed == 0, "interleaving: the hook ran inside the increment");
	check(!(got && (m.flags & MOD_DELETED)),
	      "interleaving: no get succeeds on a module deleted under it");
	if (got)
		module_put(&m);
}

/*
 * Threads get/put while another deletes.  Workers run until they have seen
 * the delete (plus POST_ITERS more tries), bounded by MAX_ITERS.
 */
#define WORKERS 3
#define MAX_ITERS 200000
#define POST_ITERS 1000

static struct module race_mod;
static int race_deleted, race_holders, race_violations, race_busy;
static int race_late_gets, race_refused;

static void *worker(void *arg)
{
	int i, j, deleted, post = 0;

	for (i = 0; i < MAX_ITERS; i++) {
		deleted = __atomic_load_n(&race_deleted, __ATOMIC_SEQ_CST);
		if (deleted && ++post > POST_ITERS)
			break;
		if (!try_module_get(&race_mod)) {
			__atomic_add_fetch(&race_refused, 1, __ATOMIC_SEQ_CST);
			continue;
		}
		if (deleted)
			__atomic_add_fetch(&race_late_gets, 1, __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&race_holders, 1, __ATOMIC_SEQ_CST);
		for (j = 0; j < 50; j++)
			if (race_mod.model_freed || (race_mod.flags & MOD_DELETED))
				__atomic_add_fetch(&race_violations, 1,
						   __ATOMIC_SEQ_CST);
		sched_yield();
		__atomic_sub_fetch(&race_holders, 1, __ATOMIC_SEQ_CST);
		module_put(&race_mod);
		if (!(i % 4))
			usleep(10);
	}
	return NULL;
}

static void *deleter(void *arg)
{
	int ret, tries = 0, attempts = 0;

	usleep(2000);
	do {
		/* most tries aimed at a moment when a worker holds a ref */
		while (++attempts % 8 &&
		       !__atomic_load_n(&race_holders, __ATOMIC_SEQ_CST))
			sched_yield();
		ret = model_sys_delete_module(&race_mod);
		if (ret == -EBUSY) {
			race_busy++;
			if (!(++tries % 64))
				usleep(10);
		}
	} while (ret == -EBUSY);
	if (ret == 0 && __atomic_load_n(&race_holders, __ATOMIC_SEQ_CST))
		__atomic_add_fetch(&race_violations, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&race_deleted, 1, __ATOMIC_SEQ_CST);
	return (void *)(long)ret;
}

static void test_concurrency(void)
{
	pthread_t w[WORKERS], d;
	void *dret;
	int i;

	mod_init(&race_mod, "race");
	for (i = 0; i < WORKERS; i++)
		pthread_create(&w[i], NULL, worker, NULL);
	pthread_create(&d, NULL, deleter, NULL);
	pthread_join(d, &dret);
	for (i = 0; i < WORKERS; i++)
		pthread_join(w[i], NULL);
	printf("# %s: concurrency: delete refused %d times, %d gets refused\n",
	       VARIANT, race_busy, race_refused);
	check((long)dret == 0, "concurrency: the delete eventually succeeds");
	check(race_violations == 0,
	      "concurrency: never deleted while a ref is held");
	check(race_late_gets == 0 && race_refused > 0,
	      "concurrency: gets after the delete are refused, none succeeds");
	check(refs(&race_mod) == 0, "concurrency: count back to 0");
}

#else /* !CONFIG_MODULES */

static void test_no_modules(void)
{
	struct module m;

	mod_init(&m, "nomod");
	check(try_module_get(&m) == 1 && refs(&m) == 0,
	      "!CONFIG_MODULES: try_module_get is 1, no accounting");
	__module_get(&m);
	module_put(&m);
	check(refs(&m) == 0 && m.flags == MOD_RUNNING,
	      "!CONFIG_MODULES: put and __module_get touch nothing");
	atomic_set(&m.uc.usecount, 5);
	check(module_refcount(&m) == 0, "!CONFIG_MODULES: module_refcount is 0");
	m.flags |= MOD_DELETED;
	check(try_module_get(&m) == 1, "!CONFIG_MODULES: nothing is ever deleted");
	check(!THIS_MODULE, "!CONFIG_MODULES: THIS_MODULE is NULL");
}

#endif

int main(void)
{
	test_null();
#ifdef CONFIG_MODULES
	test_live();
	test_this_module();
	test_interleaving();
	test_concurrency();
#else
	test_no_modules();
#endif
	test_put_and_exit();	/* last: may delete THIS_MODULE */
	return failed ? 1 : 0;
}
