/* every kind of place a legacy token can hide; the comment mentions
 * MOD_INC_USE_COUNT */
#include <linux/module.h>

#define HOLD() __MOD_INC_USE_COUNT(THIS_MODULE)

EXPORT_NO_SYMBOLS;

static int busy(void)
{
#ifdef MODULE
	if (MOD_IN_USE)
		return GET_USE_COUNT(THIS_MODULE);
#endif
	printk(KERN_INFO "no MOD_DEC_USE_COUNT here\n");
	return 0;
}

void probe(struct net_device *dev)
{
	SET_MODULE_OWNER(dev);
	if (!try_inc_mod_count(dev->owner))
		return;
	__MOD_DEC_USE_COUNT(dev->owner);
	MOD_INC_USE_COUNT; MOD_DEC_USE_COUNT;
}
