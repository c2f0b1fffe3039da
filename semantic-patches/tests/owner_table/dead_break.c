/*
 * 2.4 char driver: open counts the module after a switch whose default
 * case returns and then breaks (dead code after the return, as some 2.4
 * drivers wrote it); release drops the count.
 */
#include <linux/module.h>
#include <linux/fs.h>

static int cam_users;

static int cam_open(struct inode *inode, struct file *file)
{
	switch (MINOR(inode->i_rdev)) {
	case 0:
		if (cam_users > 0)
			return -EBUSY;
		cam_users++;
		break;
	default:
		return -EBUSY;
		break;
	}
	MOD_INC_USE_COUNT;
	return 0;
}

static int cam_close(struct inode *inode, struct file *file)
{
	cam_users--;
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations cam_fops = {
	.open = cam_open,
	.release = cam_close,
};
