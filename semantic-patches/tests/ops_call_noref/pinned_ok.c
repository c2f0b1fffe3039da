/* every call runs with the reference held; release() drops a reference
 * taken in open() and is not examined */
#include <linux/module.h>

static int mouse_open(struct mouse *mse)
{
	int ret = 0;

	if (mse->active)
		__module_get(mse->ops->owner);
	else if (!try_module_get(mse->ops->owner))
		return -ENODEV;
	if (mse->ops->open) {
		ret = mse->ops->open(mse);
		if (ret)
			module_put(mse->ops->owner);
	}
	return ret;
}

static int mouse_release(struct mouse *mse)
{
	if (mse->ops->release)
		mse->ops->release(mse);
	module_put(mse->ops->owner);
	return 0;
}
