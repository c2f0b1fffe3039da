/* a 2.4 protocol module that decides itself when it may be unloaded */
#include <linux/module.h>

static int inet6_busy(void)
{
	/* the protocol holds three references of its own */
	return atomic_read(&(__this_module.uc.usecount)) - 3;
}

static int __init inet6_init(void)
{
#ifdef MODULE
	if (!mod_member_present(&__this_module, can_unload))
		return -EINVAL;
	__this_module.can_unload = &inet6_busy;
#endif
	return proto_register_all();
}

static int fpe_unload(void)
{
	return fpe_users ? 1 : 0;
}

int init_module(void)
{
	if (!mod_member_present(&__this_module, can_unload))
		return -EINVAL;
	__this_module.can_unload = fpe_unload;
	tms_module = &__this_module;
	printk(KERN_DEBUG "fpe: %d users\n", GET_USE_COUNT(&__this_module));
	return 0;
}

module_init(inet6_init);
