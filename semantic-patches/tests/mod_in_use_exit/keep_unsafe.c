/* MOD_IN_USE that is not a harmless check in an exit function: left alone */
#include <linux/module.h>

static int foo_can_unload(void)
{
	return MOD_IN_USE || foo_busy;
}

static void __exit foo_exit(void)
{
	if (MOD_IN_USE)
		foo_force_close();
	foo_unregister();
}

module_exit(foo_exit);
