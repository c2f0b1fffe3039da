/* a positional table cannot take .owner: its methods keep their counting */
#include <linux/module.h>
#include <linux/fs.h>

static int zr_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int zr_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations zr_fops = {
	NULL,			/* owner */
	NULL,			/* llseek */
	NULL,			/* read */
	NULL,			/* write */
	NULL,			/* readdir */
	NULL,			/* poll */
	NULL,			/* ioctl */
	NULL,			/* mmap */
	zr_open,
	NULL,			/* flush */
	zr_release,
};
