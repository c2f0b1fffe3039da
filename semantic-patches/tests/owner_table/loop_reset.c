/*
 * 2.4 char driver: open and release count the module; an ioctl resets the
 * count to one (the open file) with loops on GET_USE_COUNT.  The loops'
 * counting is no method's take or drop and must stay (an empty loop on a
 * count that no longer changes would spin); the rest goes with .owner.
 */
#include <linux/module.h>
#include <linux/fs.h>

#define VOL_RESET 0x5601

static int vol_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int vol_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

static int vol_ioctl(struct inode *inode, struct file *file,
		     unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case VOL_RESET:
#ifdef MODULE
		while (GET_USE_COUNT(&__this_module) < 1)
			MOD_INC_USE_COUNT;
		while (GET_USE_COUNT(&__this_module) > 1) {
			MOD_DEC_USE_COUNT;
		}
#endif
		return 0;
	default:
		return -EINVAL;
	}
}

static struct file_operations vol_fops = {
	.open = vol_open,
	.release = vol_release,
	.ioctl = vol_ioctl,
};
