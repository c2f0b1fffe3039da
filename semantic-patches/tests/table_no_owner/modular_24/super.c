/* obj-y part of an O_TARGET that obj-m makes a module */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/init.h>

static int my_dir_open(struct inode *inode, struct file *file)
{
	return 0;
}

static struct file_operations my_misc_fops = {
	.open = my_dir_open,
};

static int __init my_init(void)
{
	return register_chrdev(MY_MAJOR, "my", &my_misc_fops);
}
module_init(my_init);
MODULE_LICENSE("GPL");
