/* gets whose result is used: nothing to do */
#include <linux/module.h>

static int drv_get(struct drv *d)
{
	if (!try_module_get(d->owner))
		return -ENODEV;
	return 0;
}

static int drv_get_old(struct drv *d)
{
	int ok = try_inc_mod_count(d->owner);

	return ok ? 0 : -EBUSY;
}
