/* a driver kept building on 2.2 and 2.4: the 2.2 table is a copy */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/fs.h>

static int qcam_users;

static int qcam_open(struct inode *inode, struct file *file)
{
	if (qcam_users)
		return -EBUSY;
	qcam_users++;
	MOD_INC_USE_COUNT;
	return 0;
}

static int qcam_release(struct inode *inode, struct file *file)
{
	qcam_users--;
	MOD_DEC_USE_COUNT;
	return 0;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,4,0)
static struct file_operations qcam_fops = {
	.open		= qcam_open,
	.release	= qcam_release,
};
#else
static struct file_operations qcam_fops = {
	.open		= qcam_open,
	.release	= qcam_release,
};
#endif
