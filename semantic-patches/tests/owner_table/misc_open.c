/* 2.4 misc driver: open/release count the module, table has no owner */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static int wdt_is_open;

static int wdt_open(struct inode *inode, struct file *file)
{
	int err;

#ifdef MODULE
	MOD_INC_USE_COUNT;
#endif
	if (wdt_is_open) {
		MOD_DEC_USE_COUNT;
		return -EBUSY;
	}
	err = wdt_start();
	if (err)
		goto fail;
	wdt_is_open = 1;
	return 0;
fail:
	MOD_DEC_USE_COUNT;
	return err;
}

static int wdt_release(struct inode *inode, struct file *file)
{
	wdt_stop();
	wdt_is_open = 0;
	MOD_DEC_USE_COUNT;
	return 0;
}

static int wdt_ioctl(struct inode *inode, struct file *file,
		     unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case WDIOC_KEEPALIVE:
		wdt_ping();
		return 0;
	default:
		return -ENOTTY;
	}
}

static struct file_operations wdt_fops = {
	.ioctl = wdt_ioctl,
	.open = wdt_open,
	.release = wdt_release,
};
