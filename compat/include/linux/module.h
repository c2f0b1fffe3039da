/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref compat <linux/module.h>, backports style.
 *
 * Use: put "-I<abs>/compat/include" in kbuild's NOSTDINC_FLAGS (not
 * ccflags-y: kbuild puts ccflags-y after LINUXINCLUDE, so an -I there can
 * never shadow <linux/module.h>).  This file then pulls in the kernel's own
 * <linux/module.h> with #include_next and adds what is missing.
 *
 * What it guarantees, by kernel version:
 *
 * 1. LINUX_VERSION_CODE < 2.5.48 (Linux 2.4): the module-core API, as static
 *    inlines over the 2.4 use-count API, with the 2.5.48+ semantics:
 *
 *    int try_module_get(struct module *mod)   (bool-like: 1 or 0)
 *	NULL -> 1.  Live module -> takes a reference, 1.  Module being
 *	deleted (MOD_DELETED) -> 0 and the count is left alone.  Implemented
 *	with try_inc_mod_count(), which tests MOD_DELETED and increments
 *	under the global unload_lock; 2.4's sys_delete_module() tests the
 *	count and sets MOD_DELETED under the same lock, so once a delete has
 *	succeeded no try_module_get() can succeed, and a delete can never
 *	succeed while a reference taken here is held.  The result must be
 *	checked, exactly as on current kernels.
 *    void module_put(struct module *mod)      NULL-safe __MOD_DEC_USE_COUNT.
 *	Inherited from 2.4: __MOD_DEC_USE_COUNT writes mod->flags after the
 *	decrement, so a put of the last reference racing a delete can touch
 *	the module after it was freed.  2.4's race; not fixable here.
 *    void __module_get(struct module *mod)    NULL-safe __MOD_INC_USE_COUNT;
 *	unconditional, only for a caller that already holds a reference.
 *    int module_refcount(struct module *mod)  GET_USE_COUNT; 0 for NULL.
 *	Current kernels dereference NULL here; returning 0 for the kernel
 *	itself is our choice, do not rely on it in code meant for 6.x.
 *    module_put_and_exit(code), module_put_and_kthread_exit(code)
 *	module_put(THIS_MODULE) then do_exit(code); never returns.
 *	LIMITATION: 2.4 has no core-kernel helper that drops the last
 *	reference and leaves the module's text in one step (2.6 put
 *	__module_put_and_exit() in kernel/module.c for exactly this).  Here
 *	the decrement runs in the caller's text, so between it and the call
 *	into do_exit() the module is unpinned while its code still runs, and
 *	sys_delete_module() may free it in that window.  It is small but
 *	real; the header cannot close it.
 *    With CONFIG_MODULES off there is no accounting: try_module_get() is 1,
 *    module_put() and __module_get() do nothing, module_refcount() is 0.
 *    Built-in code (no -DMODULE) has THIS_MODULE == NULL and gets the NULL
 *    behaviour above.  Defining MODREF_LEGACY_API changes nothing on 2.4:
 *    the 2.4 names are the kernel's own there.
 *
 * 2. LINUX_VERSION_CODE >= 2.5.48: the kernel's header unchanged, plus the
 *    names that moved, each only where the kernel lacks it:
 *    module_put_and_kthread_exit(code) -> module_put_and_exit(code)
 *	(kernels before 5.17),
 *    module_put_and_exit(code) -> module_put_and_kthread_exit(code)
 *	(5.17 and later, where the old name is gone).
 *
 * 3. LINUX_VERSION_CODE >= 2.5.48 with -DMODREF_LEGACY_API: see the block
 *    comment in front of that section below.  Negative controls and
 *    half-converted trees only; never a substitute for conversion.
 *
 * What it does NOT do: make 2.4-style counting safe anywhere; give any
 * 2.4 name its 2.4 meaning on a current kernel; provide the rest of the
 * module API of either era.
 *
 * How it is verified:
 * - branch 1 against the real Linux 2.4.31 headers (tests/t-compat24.sh):
 *   a module written against the new API (compat/tests/linux-2.4/
 *   modref_compat_24.c, using every name above) passes gcc 12
 *   -fsyntax-only -std=gnu89 -m32 -Werror=implicit-function-declaration
 *   against the real <linux/module.h>, as a module and built in, with
 *   CONFIG_MODULES on and off, with no warning from it or this file; so
 *   every name the 2.4 bodies use (try_inc_mod_count, __MOD_INC_USE_COUNT,
 *   __MOD_DEC_USE_COUNT, GET_USE_COUNT, do_exit, NORET_TYPE, ATTRIB_NORET)
 *   is 2.4.31's own.  make check-2.4 converts the whole 2.4.31 tree with
 *   --target 2.4 and runs the same check on its 3233 module .c files with
 *   this directory first: every one of the 2509 that passed unconverted
 *   passes converted (regressions 0).  The tree's own <linux/module.h> and
 *   kernel/module.c are left unconverted; this file is built on them.
 *   A syntax check only: nothing was built into a .ko or run on 2.4 (no
 *   2.4-era compiler or kernel here).
 * - branch 1's semantics only in user space, against a model of the 2.4
 *   module core (compat/tests/model-2.4).  The model assumes what 1.
 *   relies on, and 2.4.31's kernel/module.c does it: sys_delete_module()
 *   tests the count and sets MOD_DELETED under unload_lock, the lock
 *   try_inc_mod_count() takes.
 * - branches 2 and 3 against a model of the current API and by building
 *   modules against the Debian 6.1 and 6.12 headers.
 */
#ifndef __MODREF_COMPAT_LINUX_MODULE_H
#define __MODREF_COMPAT_LINUX_MODULE_H

#include <linux/version.h>
#include_next <linux/module.h>

#ifndef KERNEL_VERSION
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#endif

/* the one version test; everything else is feature tests */
#if KERNEL_VERSION(2, 5, 48) > LINUX_VERSION_CODE
/* ---------------------------------------------------------------- 2.4 */

#include <linux/kernel.h>	/* do_exit(), NORET_TYPE, ATTRIB_NORET */

#ifdef CONFIG_MODULES

static inline int try_module_get(struct module *mod)
{
	/* 1 for NULL; 0 under unload_lock when MOD_DELETED is set */
	return try_inc_mod_count(mod) ? 1 : 0;
}

static inline void module_put(struct module *mod)
{
	if (mod)
		__MOD_DEC_USE_COUNT(mod);
}

static inline void __module_get(struct module *mod)
{
	if (mod)
		__MOD_INC_USE_COUNT(mod);
}

static inline int module_refcount(struct module *mod)
{
	return mod ? (int)GET_USE_COUNT(mod) : 0;
}

#else /* !CONFIG_MODULES: no struct module accounting at all */

static inline int try_module_get(struct module *mod)
{
	return 1;
}

static inline void module_put(struct module *mod)
{
}

static inline void __module_get(struct module *mod)
{
}

static inline int module_refcount(struct module *mod)
{
	return 0;
}

#endif /* CONFIG_MODULES */

static inline NORET_TYPE void ATTRIB_NORET
__modref_module_put_and_exit(struct module *mod, long code)
{
	module_put(mod);
	/* window: mod is unpinned, this is still module text (see above) */
	do_exit(code);
}

#define module_put_and_exit(code) \
	__modref_module_put_and_exit(THIS_MODULE, (code))

#else /* LINUX_VERSION_CODE >= KERNEL_VERSION(2, 5, 48) */
/* -------------------------------------------------------- current API */

#ifdef MODREF_LEGACY_API
/*
 * ======================================================================
 * MODREF_LEGACY_API: the 2.4 names on a current kernel.
 *
 * THIS EXISTS FOR NEGATIVE CONTROLS (building the unconverted driver so a
 * test can show it fails) AND FOR BUILDING A HALF-CONVERTED TREE.  IT IS
 * NEVER A SUBSTITUTE FOR CONVERSION.  THE MAPPING IS NOT THE 2.4
 * SEMANTICS: e.g. MOD_INC_USE_COUNT inside an open method is still too
 * late, exactly as it was in 2.4; only .owner = THIS_MODULE (the caller
 * pins the module before it calls in) closes that race.
 * ======================================================================
 *
 * Every name is a deprecated static inline (or a use of a deprecated
 * typedef), so each remaining legacy use prints one
 * -Wdeprecated-declarations warning naming the legacy API.  The kernel's
 * own __deprecated expands to nothing since 4.19, hence the attribute is
 * spelled out.  Debian's 6.1 and 6.12 kbuild flags carry no
 * -Wno-deprecated-declarations; modref's legacy build still adds
 * -Wdeprecated-declarations to ccflags-y, which kbuild places after the
 * kernel's KBUILD_CFLAGS, so it wins over any -Wno- there.  Checked on
 * both: one warning per legacy use, no other warning
 * (tests/t-compat.sh).
 *
 *   MOD_INC_USE_COUNT       __module_get(THIS_MODULE)
 *   MOD_DEC_USE_COUNT       module_put(THIS_MODULE)
 *   __MOD_INC_USE_COUNT(m)  __module_get(m)
 *   __MOD_DEC_USE_COUNT(m)  module_put(m)
 *   try_inc_mod_count(m)    try_module_get(m), as int
 *   GET_USE_COUNT(m)        module_refcount(m); 0 for NULL, and 0 where
 *                           the kernel has no module_refcount()
 *                           (!CONFIG_MODULE_UNLOAD)
 *   MOD_IN_USE              module_refcount(THIS_MODULE) > 0; 1 built in
 *   SET_MODULE_OWNER(s)     evaluates s, does nothing
 *   EXPORT_NO_SYMBOLS       a file-scope declaration, does nothing
 *
 * MOD_IN_USE: on a current kernel "in use" means someone holds a
 * reference right now.  The module exit function only runs after
 * delete_module() found the count unused and removed the loader's base
 * reference, so module_refcount(THIS_MODULE) reads -1 (not 0) in exit on
 * 3.19+ kernels; hence "> 0" and not "!= 0": MOD_IN_USE is always 0 in an
 * exit function, and a 2.4-style "if (MOD_IN_USE) complain" in cleanup is
 * dead code.  Inside a method reached through .owner it is 1 (the core's
 * pin), whatever the driver counted.  2.4's can_unload() hook is gone.
 * Built-in code (THIS_MODULE == NULL) gets 1, as 2.4 built-in code did.
 *
 * SET_MODULE_OWNER: net_device has no owner on current kernels and the
 * core no longer pins network drivers (unregister_netdev() in exit does
 * the job).  For method tables write .owner = THIS_MODULE instead.
 */

#define __modref_legacy(msg) \
	__attribute__((__deprecated__("2.4 module API: " msg)))

static inline void __modref_legacy("MOD_INC_USE_COUNT; use .owner = THIS_MODULE or __module_get()")
modref_legacy_mod_inc_use_count(struct module *mod)
{
	__module_get(mod);
}

static inline void __modref_legacy("MOD_DEC_USE_COUNT; use .owner = THIS_MODULE or module_put()")
modref_legacy_mod_dec_use_count(struct module *mod)
{
	module_put(mod);
}

static inline void __modref_legacy("__MOD_INC_USE_COUNT(); use __module_get()")
modref_legacy_inc_use_count(struct module *mod)
{
	__module_get(mod);
}

static inline void __modref_legacy("__MOD_DEC_USE_COUNT(); use module_put()")
modref_legacy_dec_use_count(struct module *mod)
{
	module_put(mod);
}

static inline int __modref_legacy("try_inc_mod_count(); use try_module_get()")
modref_legacy_try_inc_mod_count(struct module *mod)
{
	return try_module_get(mod) ? 1 : 0;
}

static inline int __modref_refcount(struct module *mod)
{
#if defined(CONFIG_MODULES) && defined(CONFIG_MODULE_UNLOAD)
	return mod ? (int)module_refcount(mod) : 0;
#else
	return 0;
#endif
}

static inline int __modref_legacy("GET_USE_COUNT(); use module_refcount()")
modref_legacy_get_use_count(struct module *mod)
{
	return __modref_refcount(mod);
}

static inline int __modref_legacy("MOD_IN_USE; exit runs only when unused, drop the test")
modref_legacy_mod_in_use(struct module *mod)
{
	return mod ? __modref_refcount(mod) > 0 : 1;
}

static inline void __modref_legacy("SET_MODULE_OWNER(); no-op now, use .owner = THIS_MODULE")
modref_legacy_set_module_owner(const void *obj)
{
}

typedef int __modref_legacy("EXPORT_NO_SYMBOLS; delete it")
	modref_legacy_export_no_symbols_t;

#ifndef MOD_INC_USE_COUNT
#define MOD_INC_USE_COUNT	modref_legacy_mod_inc_use_count(THIS_MODULE)
#endif
#ifndef MOD_DEC_USE_COUNT
#define MOD_DEC_USE_COUNT	modref_legacy_mod_dec_use_count(THIS_MODULE)
#endif
#ifndef __MOD_INC_USE_COUNT
#define __MOD_INC_USE_COUNT(mod)	modref_legacy_inc_use_count(mod)
#endif
#ifndef __MOD_DEC_USE_COUNT
#define __MOD_DEC_USE_COUNT(mod)	modref_legacy_dec_use_count(mod)
#endif
#ifndef try_inc_mod_count
#define try_inc_mod_count(mod)	modref_legacy_try_inc_mod_count(mod)
#endif
#ifndef GET_USE_COUNT
#define GET_USE_COUNT(mod)	modref_legacy_get_use_count(mod)
#endif
#ifndef MOD_IN_USE
#define MOD_IN_USE		modref_legacy_mod_in_use(THIS_MODULE)
#endif
#ifndef SET_MODULE_OWNER
#define SET_MODULE_OWNER(obj)	modref_legacy_set_module_owner(obj)
#endif
#ifndef EXPORT_NO_SYMBOLS
#define EXPORT_NO_SYMBOLS \
	extern modref_legacy_export_no_symbols_t modref_legacy_export_no_symbols
#endif

#endif /* MODREF_LEGACY_API */

#endif /* LINUX_VERSION_CODE */

/* ------------------------------------------- names that moved, any era */

#if !defined(module_put_and_kthread_exit) && defined(module_put_and_exit)
/* before 5.17 (and our 2.4 branch) */
#define module_put_and_kthread_exit(code) module_put_and_exit(code)
#endif

#if !defined(module_put_and_exit) && defined(module_put_and_kthread_exit)
/* 5.17 and later renamed it */
#define module_put_and_exit(code) module_put_and_kthread_exit(code)
#endif

#endif /* __MODREF_COMPAT_LINUX_MODULE_H */
