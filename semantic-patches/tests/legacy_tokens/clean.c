/* fully converted: no report */
#include <linux/module.h>

static int foo_open(struct inode *inode, struct file *file)
{
	if (!try_module_get(THIS_MODULE))
		return -ENODEV;
	module_put(THIS_MODULE);
	return module_refcount(THIS_MODULE);
}
