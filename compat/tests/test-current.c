// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the current-kernel and MODREF_LEGACY_API branches of
 * compat/include/linux/module.h, compiled against the user-space MODEL of a
 * current <linux/module.h> in model-current/ (not kernel code), which counts
 * every call to a module-core primitive.  Variants (run-unit.sh) choose
 * -DMODEL_VERSION (5.10 or 6.1), -DMODREF_LEGACY_API, -DMODULE and
 * -DCONFIG_MODULE_UNLOAD.  Prints one TAP line per check.
 */
#include <stdio.h>
#include <string.h>
#include <linux/module.h>
#include "model-current/model.h"

#ifndef __MODREF_COMPAT_LINUX_MODULE_H
#error "the compat header was not used: put its -I first"
#endif

#ifndef VARIANT
#define VARIANT "current"
#endif

#ifndef MODEL_VERSION
#error "test-current.c must be built against model-current (-DMODEL_VERSION)"
#endif

static int failed;

static void check(int cond, const char *what)
{
	if (!cond)
		failed++;
	printf("%sok - %s: %s\n", cond ? "" : "not ", VARIANT, what);
}

#ifdef MODULE
struct module __this_module;
#endif

static struct model_calls snap;

/* refcnt of a module, or dflt for NULL (built-in THIS_MODULE) */
static int refs_or(struct module *mod, int dflt)
{
	return mod ? mod->refcnt : dflt;
}

static int total(const struct model_calls *c)
{
	return c->try_module_get + c->module_put + c->__module_get +
		c->module_refcount + c->put_and_exit + c->put_and_kthread_exit;
}

static void snapshot(void)
{
	snap = model_calls;
}

/* exactly one primitive call since snapshot(), and it was this one */
#define ONLY(field) (model_calls.field == snap.field + 1 && \
		     total(&model_calls) == total(&snap) + 1)
#define NONE() (total(&model_calls) == total(&snap))

/* file scope: survives the longjmp() out of the exit helpers */
static int returned;

static void test_renames(void)
{

#if !defined(module_put_and_exit) || !defined(module_put_and_kthread_exit)
	check(0, "both kthread exit names are defined");
	return;
#else
	check(1, "both kthread exit names are defined");
	check(try_module_get(THIS_MODULE), "kthread pins THIS_MODULE");
	snapshot();
	if (!setjmp(model_exit_jmp)) {
		module_put_and_exit(5);
		returned = 1;
	}
#if KERNEL_VERSION(5, 17, 0) <= MODEL_VERSION
	check(!returned && ONLY(put_and_kthread_exit),
	      ">= 5.17: module_put_and_exit() calls module_put_and_kthread_exit()");
#else
	check(!returned && ONLY(put_and_exit),
	      "< 5.17: module_put_and_exit() is the kernel's own");
#endif
	check(model_calls.exit_mod == THIS_MODULE && model_calls.exit_code == 5,
	      "module_put_and_exit(5) passes THIS_MODULE and 5");
	check(try_module_get(THIS_MODULE), "second kthread pins THIS_MODULE");
	snapshot();
	if (!setjmp(model_exit_jmp)) {
		module_put_and_kthread_exit(6);
		returned = 1;
	}
#if KERNEL_VERSION(5, 17, 0) <= MODEL_VERSION
	check(!returned && ONLY(put_and_kthread_exit),
	      ">= 5.17: module_put_and_kthread_exit() is the kernel's own");
#else
	check(!returned && ONLY(put_and_exit),
	      "< 5.17: module_put_and_kthread_exit() calls module_put_and_exit()");
#endif
	check(model_calls.exit_code == 6 &&
	      refs_or(THIS_MODULE, 1) == 1,
	      "module_put_and_kthread_exit(6): code passed, ref dropped");
#endif
}

#ifndef MODREF_LEGACY_API

static void test_no_legacy(void)
{
	int leaked = 0;

#if defined(MOD_INC_USE_COUNT) || defined(MOD_DEC_USE_COUNT) || \
	defined(__MOD_INC_USE_COUNT) || defined(__MOD_DEC_USE_COUNT)
	leaked = 1;
#endif
#if defined(try_inc_mod_count) || defined(GET_USE_COUNT) || \
	defined(MOD_IN_USE) || defined(SET_MODULE_OWNER) || \
	defined(EXPORT_NO_SYMBOLS)
	leaked = 1;
#endif
	check(!leaked, "no 2.4 name is defined without MODREF_LEGACY_API");
}

#else /* MODREF_LEGACY_API */

/* file scope, twice: it must be a repeatable declaration */
EXPORT_NO_SYMBOLS;
EXPORT_NO_SYMBOLS;

struct fake_net_device {
	int dummy;
};

#if defined(MODULE) && defined(CONFIG_MODULE_UNLOAD)
static int exit_in_use = -2, exit_refcount = -2;

static void legacy_exit(void)
{
	exit_in_use = MOD_IN_USE;
	exit_refcount = module_refcount(THIS_MODULE);
}
#endif

static void test_legacy(void)
{
	struct module m, gone;
	struct fake_net_device devs[2], *dev = devs;
	int flag, r;

	model_module_init(&m, "m");
	model_module_init(&gone, "gone");
	model_delete_module(&gone);

	snapshot();
	MOD_INC_USE_COUNT;
	check(ONLY(__module_get) &&
	      refs_or(THIS_MODULE, 2) == 2,
	      "MOD_INC_USE_COUNT is __module_get(THIS_MODULE)");
	snapshot();
	MOD_DEC_USE_COUNT;
	check(ONLY(module_put) && refs_or(THIS_MODULE, 1) == 1,
	      "MOD_DEC_USE_COUNT is module_put(THIS_MODULE)");

	snapshot();
	__MOD_INC_USE_COUNT(&m);
	check(ONLY(__module_get) && m.refcnt == 2,
	      "__MOD_INC_USE_COUNT(m) is __module_get(m)");
	snapshot();
	__MOD_DEC_USE_COUNT(&m);
	check(ONLY(module_put) && m.refcnt == 1,
	      "__MOD_DEC_USE_COUNT(m) is module_put(m)");

	snapshot();
	r = try_inc_mod_count(&m);
	check(r == 1 && ONLY(try_module_get) && m.refcnt == 2,
	      "try_inc_mod_count(live) is try_module_get, 1");
	check(__builtin_types_compatible_p(__typeof__(try_inc_mod_count(NULL)),
					  int),
	      "try_inc_mod_count() has type int");
	module_put(&m);
	snapshot();
	r = try_inc_mod_count(&gone);
	check(r == 0 && ONLY(try_module_get) && gone.refcnt == 0,
	      "try_inc_mod_count(going) is 0, count unchanged");

	snapshot();
	r = GET_USE_COUNT(&m);
#ifdef CONFIG_MODULE_UNLOAD
	check(r == 0 && ONLY(module_refcount),
	      "GET_USE_COUNT(m) is module_refcount(m)");
	__module_get(&m);
	check(GET_USE_COUNT(&m) == 1, "GET_USE_COUNT sees a ref");
	module_put(&m);
#else
	check(r == 0 && NONE(), "!MODULE_UNLOAD: GET_USE_COUNT is 0, no call");
#endif
	snapshot();
	check(GET_USE_COUNT(NULL) == 0 && NONE(),
	      "GET_USE_COUNT(NULL) is 0 without a call");

#if defined(MODULE) && defined(CONFIG_MODULE_UNLOAD)
	check(MOD_IN_USE == 0, "MOD_IN_USE is 0 with no ref held");
	__module_get(THIS_MODULE);
	check(MOD_IN_USE == 1, "MOD_IN_USE is 1 while a ref is held");
	module_put(THIS_MODULE);
#elif defined(MODULE)
	check(MOD_IN_USE == 0, "!MODULE_UNLOAD: MOD_IN_USE is 0");
#else
	check(MOD_IN_USE == 1, "built in: MOD_IN_USE is 1, as in 2.4");
#endif

	for (flag = 0; flag < 2; flag++) {
		snapshot();
		if (flag)
			MOD_INC_USE_COUNT;
		else
			MOD_DEC_USE_COUNT;
		check(flag ? ONLY(__module_get) : ONLY(module_put),
		      "MOD_INC/DEC_USE_COUNT work as if/else statements");
	}

	snapshot();
	SET_MODULE_OWNER(dev++);
	check(dev == devs + 1 && NONE(),
	      "SET_MODULE_OWNER evaluates its argument once, does nothing");
	check(1, "EXPORT_NO_SYMBOLS is usable (twice) at file scope");
}

static void test_legacy_exit(void)
{
#if defined(MODULE) && defined(CONFIG_MODULE_UNLOAD)
	THIS_MODULE->exit = legacy_exit;
	check(model_delete_module(THIS_MODULE) == 0, "model unload runs exit");
	check(exit_refcount == -1,
	      "model: module_refcount(THIS_MODULE) reads -1 in exit");
	check(exit_in_use == 0, "MOD_IN_USE is 0 in the exit function");
#endif
}

#endif /* MODREF_LEGACY_API */

int main(void)
{
#ifdef MODULE
	model_module_init(&__this_module, "this");
#endif
#ifdef MODREF_LEGACY_API
	test_legacy();
#else
	test_no_legacy();
#endif
	test_renames();
#ifdef MODREF_LEGACY_API
	test_legacy_exit();	/* last: unloads THIS_MODULE */
#endif
	return failed ? 1 : 0;
}
