// SPDX-License-Identifier: GPL-2.0
/*
 * Build test for compat/include/linux/module.h on a current kernel, without
 * MODREF_LEGACY_API: the module-core API plus both spellings of the
 * kthread exit helper.  Must build with zero warnings.  Never loaded.
 */
#include <linux/module.h>
#include <linux/kthread.h>

#ifndef module_put_and_exit
#error "compat header did not provide module_put_and_exit"
#endif
#ifndef module_put_and_kthread_exit
#error "compat header did not provide module_put_and_kthread_exit"
#endif
#ifdef MOD_INC_USE_COUNT
#error "legacy names leaked without MODREF_LEGACY_API"
#endif

static int modref_compat_old_name(void *arg)
{
	module_put_and_exit(0);
}

static int modref_compat_new_name(void *arg)
{
	module_put_and_kthread_exit(0);
}

static int __init modref_compat_new_init(void)
{
	struct task_struct *t;

	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	__module_get(THIS_MODULE);
	pr_info("modref_compat_new: refcount %d\n",
		module_refcount(THIS_MODULE));
	module_put(THIS_MODULE);
	module_put(THIS_MODULE);
	/* never started; only the helpers' expansion is under test */
	t = kthread_create(modref_compat_old_name, NULL, "modref-old");
	if (!IS_ERR(t))
		kthread_stop(t);
	t = kthread_create(modref_compat_new_name, NULL, "modref-new");
	if (!IS_ERR(t))
		kthread_stop(t);
	return 0;
}

static void __exit modref_compat_new_exit(void)
{
}

module_init(modref_compat_new_init);
module_exit(modref_compat_new_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref compat header build test (current API)");
