/* Target 2.4 on a 2.4.10 tree: the block table has no owner before
 * 2.4.14, so the counting the aliases do there is live and stays. */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/fs.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(2,4,14)
#define BLK_INC_USE_COUNT MOD_INC_USE_COUNT
#define BLK_DEC_USE_COUNT MOD_DEC_USE_COUNT
#else
#define BLK_INC_USE_COUNT do {} while(0)
#define BLK_DEC_USE_COUNT do {} while(0)
#endif

static int xblk_users;

static int xblk_open(struct inode *inode, struct file *file)
{
	xblk_users++;
	BLK_INC_USE_COUNT;
	return 0;
}

static int xblk_release(struct inode *inode, struct file *file)
{
	xblk_users--;
	BLK_DEC_USE_COUNT;
	return 0;
}

static struct block_device_operations xblk_fops = {
	open:		xblk_open,
	release:	xblk_release,
};
