/*
 * One module, two files: open counts in this one, release drops the count
 * and tests it in the other.  A static counter cannot serve both, so the
 * rule leaves them (and reports the read).
 */
#include <linux/module.h>
#include <linux/fs.h>

extern int scan_release(struct inode *inode, struct file *file);

static int scan_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

struct file_operations scan_fops = {
	.owner = THIS_MODULE,
	.open = scan_open,
	.release = scan_release,
};
