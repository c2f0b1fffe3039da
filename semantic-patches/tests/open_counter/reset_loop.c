/*
 * 2.4 char driver: release tests the count for its last user, and an
 * ioctl forces the count back to zero with a loop.  A loop on the count is
 * no user's take or drop: the shape is not clear, the rule leaves the file
 * (owner_table and legacy_tokens report the loop, this rule the read).
 */
#include <linux/module.h>
#include <linux/fs.h>

#define TAPE_CLRCOUNT 0x7401

static int tape_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int tape_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	if (MOD_IN_USE == 0)
		tape_rewind();
	return 0;
}

static int tape_ioctl(struct inode *inode, struct file *file,
		      unsigned int cmd, unsigned long arg)
{
	if (cmd != TAPE_CLRCOUNT)
		return -EINVAL;
	while (MOD_IN_USE)
		MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations tape_fops = {
	.owner = THIS_MODULE,
	.open = tape_open,
	.release = tape_release,
	.ioctl = tape_ioctl,
};
