// SPDX-License-Identifier: GPL-2.0
/*
 * vmtd_block: the 2.4 drivers/mtd/mtdblock.c model for modref, as a char
 * device: minor N gives access to vmtd_core's device N.
 *
 * The file_operations have an owner, so the VFS pins this module before
 * open runs; open pins the flash driver with get_vmtd_device() (then sleeps
 * open_delay_ms, the race-widening sleep) and release drops that pin.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "vmtd.h"
#include "modref_rendezvous.h"

static unsigned int open_delay_ms;
module_param(open_delay_ms, uint, 0644);
MODULE_PARM_DESC(open_delay_ms,
		 "race widening: ms to sleep in open after pinning the flash driver (default 0)");

static unsigned int open_hold;
module_param(open_hold, uint, 0644);
MODULE_PARM_DESC(open_hold,
		 "race rendezvous: 1 holds the next open after pinning the flash driver, until set to 0");

static int vmtdblk_major;

/* per minor: the pinned device and the number of opens that hold it */
static DEFINE_MUTEX(mtdblks_lock);
static struct mtdblk_dev {
	struct vmtd_info *mtd;
	int count;
} mtdblks[VMTD_MAX_DEVICES];

/* drop one open's reference on minor @dev's flash device */
static void mtdblock_put(unsigned int dev)
{
	struct mtdblk_dev *mtdblk = &mtdblks[dev];

	mutex_lock(&mtdblks_lock);
	put_vmtd_device(mtdblk->mtd);
	if (!--mtdblk->count)
		mtdblk->mtd = NULL;
	mutex_unlock(&mtdblks_lock);
}

static int mtdblock_open(struct inode *inode, struct file *file)
{
	unsigned int dev = iminor(inode);
	struct mtdblk_dev *mtdblk;
	struct vmtd_info *mtd;

	if (dev >= VMTD_MAX_DEVICES)
		return -ENODEV;

	mutex_lock(&mtdblks_lock);
	mtdblk = &mtdblks[dev];
	if (mtdblk->count) {
		/* the first opener pinned it: take one more reference */
		mtd = mtdblk->mtd;
		__module_get(mtd->module);
	} else {
		mtd = get_vmtd_device(NULL, dev);
		if (!mtd) {
			mutex_unlock(&mtdblks_lock);
			return -ENODEV;
		}
		mtdblk->mtd = mtd;
	}
	mtdblk->count++;
	mutex_unlock(&mtdblks_lock);

	if (open_delay_ms)
		msleep(open_delay_ms);
	modref_rendezvous(&open_hold);

	if ((file->f_mode & FMODE_WRITE) && !(mtd->flags & MODREF_MTD_SET_BITS)) {
		mtdblock_put(dev);
		return -EROFS;
	}

	file->private_data = mtd;
	pr_debug("vmtd_block: open mtd%u, use count %d\n",
		 dev, module_refcount(THIS_MODULE));
	return 0;
}

static int mtdblock_release(struct inode *inode, struct file *file)
{
	mtdblock_put(iminor(inode));

	return 0;
}

static ssize_t mtdblock_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct vmtd_info *mtd = file->private_data;
	size_t retlen = 0;
	u8 *kbuf;
	int ret;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= mtd->size)
		return 0;
	count = min_t(size_t, count, mtd->size - *ppos);
	count = min_t(size_t, count, PAGE_SIZE);

	kbuf = kmalloc(count, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	ret = mtd->read(mtd, *ppos, count, &retlen, kbuf);
	if (!ret && copy_to_user(buf, kbuf, retlen))
		ret = -EFAULT;
	kfree(kbuf);
	if (ret)
		return ret;
	*ppos += retlen;
	return retlen;
}

static ssize_t mtdblock_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct vmtd_info *mtd = file->private_data;
	size_t retlen = 0;
	u8 *kbuf;
	int ret;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= mtd->size)
		return count ? -ENOSPC : 0;
	count = min_t(size_t, count, mtd->size - *ppos);
	count = min_t(size_t, count, PAGE_SIZE);

	kbuf = memdup_user(buf, count);
	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	ret = mtd->write(mtd, *ppos, count, &retlen, kbuf);
	kfree(kbuf);
	if (ret)
		return ret;
	*ppos += retlen;
	return retlen;
}

static long mtdblock_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct vmtd_info *mtd = file->private_data;
	void __user *argp = (void __user *)arg;
	struct modref_mtd_info_user info;
	struct modref_mtd_erase_user erase;

	switch (cmd) {
	case MODREF_MTD_IOCTL_GETINFO:
		memset(&info, 0, sizeof(info));
		info.type = mtd->type;
		info.flags = mtd->flags;
		info.size = mtd->size;
		info.erasesize = mtd->erasesize;
		info.index = mtd->index;
		strscpy(info.name, mtd->name, sizeof(info.name));
		return copy_to_user(argp, &info, sizeof(info)) ? -EFAULT : 0;
	case MODREF_MTD_IOCTL_ERASE:
		if (!(file->f_mode & FMODE_WRITE))
			return -EBADF;
		if (copy_from_user(&erase, argp, sizeof(erase)))
			return -EFAULT;
		return mtd->erase(mtd, erase.start, erase.length);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations mtdblock_fops = {
	.owner = THIS_MODULE,
	.llseek = default_llseek,
	.read = mtdblock_read,
	.write = mtdblock_write,
	.unlocked_ioctl = mtdblock_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.open = mtdblock_open,
	.release = mtdblock_release,
};

static int __init init_vmtdblock(void)
{
	vmtdblk_major = register_chrdev(0, MODREF_MTD_CHRDEV, &mtdblock_fops);
	if (vmtdblk_major < 0) {
		pr_warn("vmtd_block: cannot register char device: %d\n",
			vmtdblk_major);
		return vmtdblk_major;
	}
	return 0;
}

static void __exit cleanup_vmtdblock(void)
{
	unregister_chrdev(vmtdblk_major, MODREF_MTD_CHRDEV);
}

module_init(init_vmtdblock);
module_exit(cleanup_vmtdblock);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref: 2.4-style mtdblock-like char device over vmtd_core");
