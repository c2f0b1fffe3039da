/* init and exit that do work, the new API, and a field named can_unload
 * in a driver's own structure assigned from an expression: nothing to say */
#include <linux/module.h>

struct drv_state {
	int can_unload;
};

static struct drv_state st;

static int __init drv_init(void)
{
	st.can_unload = 1;
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	return drv_register();
}

static void __exit drv_exit(void)
{
	drv_unregister();
	module_put(THIS_MODULE);
}

module_init(drv_init);
module_exit(drv_exit);
