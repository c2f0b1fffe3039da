/* obj-$(CONFIG_CORE_EXTRA): a bool of Config.in, never a module */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/init.h>

static int px_open(struct inode *inode, struct file *file)
{
	return 0;
}

static struct file_operations px_fops = {
	.open = px_open,
};

static int __init px_init(void)
{
	return register_chrdev(PX_MAJOR, "px", &px_fops);
}
module_init(px_init);
