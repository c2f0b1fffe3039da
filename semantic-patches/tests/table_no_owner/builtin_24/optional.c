/* obj-$(CONFIG_OPT_DEV): a dep_tristate of Config.in, so it can be a module */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/init.h>

static int po_open(struct inode *inode, struct file *file)
{
	return 0;
}

static struct file_operations po_fops = {
	.open = po_open,
};

static int __init po_init(void)
{
	return register_chrdev(PO_MAJOR, "po", &po_fops);
}
module_init(po_init);
MODULE_LICENSE("GPL");
