/* 2.4-only hooks: module_hooks.cocci reports them; nothing in them is
 * renamed into the new API */
#include <linux/module.h>

static int zft_can_unload(void)
{
	return keep_module_locked || GET_USE_COUNT(zft_module) > 1;
}

static int zft_busy(void)
{
	return GET_USE_COUNT(&__this_module) != 0;
}

int init_module(void)
{
	if (!mod_member_present(&__this_module, can_unload))
		return -EBUSY;
	__this_module.can_unload = zft_can_unload;
	return zft_busy();
}
