/*
 * 2.4 core code: obj-y of a directory whose O_TARGET no obj-m names, so
 * it is never a module (module_init here is only an initcall)
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/init.h>

static int pp_open(struct inode *inode, struct file *file)
{
	return 0;
}

static struct file_operations pp_fops = {
	.open = pp_open,
};

static int __init pp_init(void)
{
	return register_chrdev(PP_MAJOR, "pp", &pp_fops);
}
module_init(pp_init);
