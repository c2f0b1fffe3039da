/* already on the module-core API: nothing to do */
#include <linux/module.h>

static int fb_open(struct fb_info *info)
{
	if (!try_module_get(info->fbops->owner))
		return -ENODEV;
	return 0;
}

static void fb_release(struct fb_info *info)
{
	module_put(info->fbops->owner);
}

int fb_users(struct fb_info *info)
{
	return module_refcount(info->fbops->owner);
}
