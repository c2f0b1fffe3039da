/*
 * Gets on another module's owner in both branches of an if: the helper
 * was found, or it is loaded first and then found.  Every site is a
 * checked get, the one in the nested branch too (each site is classified
 * on its own, not only the first one along the function).
 */
#include <linux/module.h>
#include <linux/kmod.h>

int nat_helper_register(struct nat_helper *me)
{
	struct ct_helper *ct;

	if ((ct = ct_find_helper(&me->tuple)) && ct->me) {
		__MOD_INC_USE_COUNT(ct->me);
	} else {
		if (!request_module(me->ct_name)
		    && (ct = ct_find_helper(&me->tuple)) && ct->me) {
			__MOD_INC_USE_COUNT(ct->me);
		} else {
			printk("unable to load module %s\n", me->ct_name);
			return -EBUSY;
		}
	}
	list_prepend(&nat_helpers, me);
	return 0;
}

struct codec_ops *codec_lookup(int id)
{
	struct codec_ops *ops = codec_table[id];

	if (ops) {
		__MOD_INC_USE_COUNT(ops->owner);
	} else {
		ops = codec_default();
		if (!ops)
			return NULL;
		__MOD_INC_USE_COUNT(ops->owner);
	}
	return ops;
}

/* a 2.4 can_unload callback: nothing in it is renamed, in either branch */
static int tape_can_unload(void)
{
	if (tape_locked)
		return GET_USE_COUNT(tape_module) > 1;
	else
		return GET_USE_COUNT(tape_module) != 0;
}

int init_module(void)
{
	__this_module.can_unload = tape_can_unload;
	return 0;
}
