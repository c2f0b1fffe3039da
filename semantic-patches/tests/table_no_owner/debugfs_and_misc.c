/* a file with a debugfs file and a misc device: the misc device's table
 * has no owner and must be reported (the file is not debugfs-only) */
#include <linux/debugfs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static int kp_open(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations kp_fops = {
	.open = kp_open,
};

static const struct file_operations kp_dbg_fops = {
	.open = kp_open,
};

static struct miscdevice kp_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kp",
	.fops = &kp_fops,
};

static int __init kp_init(void)
{
	debugfs_create_file("kp", 0400, NULL, NULL, &kp_dbg_fops);
	return misc_register(&kp_dev);
}
module_init(kp_init);
MODULE_LICENSE("GPL");
