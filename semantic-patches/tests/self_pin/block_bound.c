/* 2.4 block driver: the module stays while a backing file is bound */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/blkdev.h>

struct rd_dev {
	struct file *backing;
	int users;
};

static struct rd_dev rd_devs[4];

static int rd_bind(struct rd_dev *rd, unsigned int fd)
{
	struct file *file;
	int error;

	MOD_INC_USE_COUNT;

	error = -EBUSY;
	if (rd->backing)
		goto out;
	error = -EBADF;
	file = fget(fd);
	if (!file)
		goto out;
	rd->backing = file;
	return 0;

out:
	MOD_DEC_USE_COUNT;
	return error;
}

static int rd_unbind(struct rd_dev *rd)
{
	if (!rd->backing)
		return -ENXIO;
	if (rd->users > 1)
		return -EBUSY;
	fput(rd->backing);
	rd->backing = NULL;
	MOD_DEC_USE_COUNT;
	return 0;
}

static int rd_ioctl(struct inode *inode, struct file *file,
		    unsigned int cmd, unsigned long arg)
{
	struct rd_dev *rd = &rd_devs[MINOR(inode->i_rdev) & 3];

	switch (cmd) {
	case 0x4c00:
		return rd_bind(rd, arg);
	case 0x4c01:
		return rd_unbind(rd);
	default:
		return -EINVAL;
	}
}

static int rd_open(struct inode *inode, struct file *file)
{
	rd_devs[MINOR(inode->i_rdev) & 3].users++;
	MOD_INC_USE_COUNT;
	return 0;
}

static int rd_release(struct inode *inode, struct file *file)
{
	rd_devs[MINOR(inode->i_rdev) & 3].users--;
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct block_device_operations rd_bdops = {
	.open		= rd_open,
	.release	= rd_release,
	.ioctl		= rd_ioctl,
};
