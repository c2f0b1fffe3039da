/*
 * A block driver that still builds on 2.2: its 2.2 file_operations copy
 * of the table has no owner (2.2 had none), its 2.4 block table has one.
 * Only the table a 2.4 or later kernel compiles can be a finding: the
 * char table of the live branch below.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/version.h>

static int xb_open(struct inode *inode, struct file *file)
{
	return 0;
}

static int xb_release(struct inode *inode, struct file *file)
{
	return 0;
}

#if LINUX_VERSION_CODE < 0x20326
static struct file_operations xb_fops = {
	.open = xb_open,
	.release = xb_release,
};
#else
static struct block_device_operations xb_fops = {
	.owner = THIS_MODULE,
	.open = xb_open,
	.release = xb_release,
};
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,4,0)
static struct file_operations xb_ctl_fops = {
	.open = xb_open,
};
#endif

static int __init xb_init(void)
{
	return register_blkdev(XB_MAJOR, "xb", &xb_fops) ||
	       register_chrdev(XB_CTL_MAJOR, "xbctl", &xb_ctl_fops);
}
module_init(xb_init);
MODULE_LICENSE("GPL");
