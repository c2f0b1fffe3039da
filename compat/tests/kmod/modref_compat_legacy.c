// SPDX-License-Identifier: GPL-2.0
/*
 * Build test for compat/include/linux/module.h with MODREF_LEGACY_API:
 * every 2.4 name is used exactly once, so the build log must show exactly
 * one deprecation warning per name (nine) and no other warning.  Never
 * loaded.  The counting here is the 2.4 anti-pattern on purpose.
 */
#include <linux/module.h>
#include <linux/netdevice.h>

EXPORT_NO_SYMBOLS;

static int modref_compat_flag;
module_param(modref_compat_flag, int, 0444);

static int __init modref_compat_legacy_init(void)
{
	struct net_device *dev = NULL;

	if (!try_inc_mod_count(THIS_MODULE))
		return -ENODEV;
	if (modref_compat_flag)
		MOD_INC_USE_COUNT;
	else
		__MOD_INC_USE_COUNT(THIS_MODULE);
	pr_info("modref_compat_legacy: count %d\n", GET_USE_COUNT(THIS_MODULE));
	MOD_DEC_USE_COUNT;
	__MOD_DEC_USE_COUNT(THIS_MODULE);
	SET_MODULE_OWNER(dev);
	return 0;
}

static void __exit modref_compat_legacy_exit(void)
{
	if (MOD_IN_USE)
		pr_err("modref_compat_legacy: in use at exit\n");
}

module_init(modref_compat_legacy_init);
module_exit(modref_compat_legacy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref compat header build test (legacy API)");
