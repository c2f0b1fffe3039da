/* 2.4 watchdog: once opened with nowayout set the module must stay */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/watchdog.h>

#ifdef CONFIG_WATCHDOG_NOWAYOUT
static int nowayout = 1;
#else
static int nowayout = 0;
#endif
MODULE_PARM(nowayout, "i");

static unsigned long kdog_busy;
static char kdog_expect_close;

static int kdog_open(struct inode *inode, struct file *file)
{
	if (test_and_set_bit(0, &kdog_busy))
		return -EBUSY;
	if (nowayout) {
		MOD_INC_USE_COUNT;
	}
	kdog_start();
	return 0;
}

static int kdog_release(struct inode *inode, struct file *file)
{
	if (kdog_expect_close == 42)
		kdog_stop();
	else
		printk(KERN_CRIT "kdog: closed unexpectedly, not stopping\n");
	clear_bit(0, &kdog_busy);
	kdog_expect_close = 0;
	return 0;
}

static ssize_t kdog_write(struct file *file, const char *buf, size_t count,
			  loff_t *ppos)
{
	size_t i;
	char c;

	if (!count)
		return 0;
	if (!nowayout) {
		kdog_expect_close = 0;
		for (i = 0; i != count; i++) {
			if (get_user(c, buf + i))
				return -EFAULT;
			if (c == 'V')
				kdog_expect_close = 42;
		}
	}
	kdog_ping();
	return count;
}

static int kdog_ioctl(struct inode *inode, struct file *file,
		      unsigned int cmd, unsigned long arg)
{
	int options;

	switch (cmd) {
	case WDIOC_SETOPTIONS:
		if (get_user(options, (int *)arg))
			return -EFAULT;
		if (options & WDIOS_ENABLECARD) {
			kdog_start();
			if (nowayout)
				MOD_INC_USE_COUNT;
		}
		return 0;
	case WDIOC_KEEPALIVE:
		kdog_ping();
		return 0;
	default:
		return -ENOTTY;
	}
}

static struct file_operations kdog_fops = {
	.owner		= THIS_MODULE,
	.write		= kdog_write,
	.ioctl		= kdog_ioctl,
	.open		= kdog_open,
	.release	= kdog_release,
};
