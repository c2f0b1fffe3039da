/* 2.4 character driver method table, GNU initializer syntax */
#include <linux/fs.h>
#include <linux/module.h>

static int lp_open(struct inode *inode, struct file *file);
static int lp_release(struct inode *inode, struct file *file);
static ssize_t lp_write(struct file *file, const char *buf, size_t count,
			loff_t *ppos);

static struct file_operations lp_fops = {
	owner:		THIS_MODULE,
	write:		lp_write,
	open:		lp_open,
	release:	lp_release,
};

static const struct file_operations lp_ro_fops = { read: lp_read, llseek: no_llseek };
