/* A flash translation layer block driver: the counting is only for
 * kernels before the block table had its owner. */
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

struct xftl_dev {
	struct mtd_info *mtd;
	int opened;
};

static struct xftl_dev *xftl_devs[4];

static int xftl_open(struct inode *inode, struct file *file)
{
	struct xftl_dev *d = xftl_devs[MINOR(inode->i_rdev) >> 4];

	if (!d)
		return -ENODEV;
	BLK_INC_USE_COUNT;
	if (!get_mtd_device(d->mtd, -1)) {
		BLK_DEC_USE_COUNT;
		return -ENXIO;
	}
	if ((file->f_mode & 2) && !(d->mtd->flags & 1)) {
		put_mtd_device(d->mtd);
		BLK_DEC_USE_COUNT;
		return -EROFS;
	}
	d->opened++;
	return 0;
}

static int xftl_release(struct inode *inode, struct file *file)
{
	struct xftl_dev *d = xftl_devs[MINOR(inode->i_rdev) >> 4];

	if (!d) {
		BLK_DEC_USE_COUNT;
		return -ENODEV;
	}
	d->opened--;
	put_mtd_device(d->mtd);
	if (d->opened == 0)
		BLK_DEC_USE_COUNT;
	return 0;
}

static int xftl_ioctl(struct inode *inode, struct file *file,
		      unsigned int cmd, unsigned long arg)
{
	if (cmd != 1)
		return -EINVAL;
	if (arg)
		BLK_INC_USE_COUNT;
	else
		BLK_DEC_USE_COUNT;
	if (arg == 2)
		printk(KERN_DEBUG "xftl: pinned\n");
	else
		BLK_INC_USE_COUNT;
	return 0;
}

static struct block_device_operations xftl_fops = {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,4,14)
	.owner = THIS_MODULE,
#endif
	.open = xftl_open,
	.release = xftl_release,
	.ioctl = xftl_ioctl,
};
