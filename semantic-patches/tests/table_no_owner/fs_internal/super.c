/* a filesystem module: its file_system_type has an owner */
#include <linux/fs.h>
#include <linux/module.h>

static struct dentry *tfs_mount(struct file_system_type *t, int flags,
				const char *dev, void *data)
{
	return NULL;
}

static struct file_system_type tfs_type = {
	.owner = THIS_MODULE,
	.name = "tfs",
	.mount = tfs_mount,
};

static int __init tfs_init(void)
{
	return register_filesystem(&tfs_type);
}
module_init(tfs_init);
MODULE_LICENSE("GPL");
