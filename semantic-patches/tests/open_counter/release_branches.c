/*
 * 2.4 misc driver: release drops the count and tests MOD_IN_USE in both
 * branches of an if.  Each drop and its test become one
 * atomic_dec_and_test(), in the else branch too: an extra atomic_dec()
 * there would count the last close twice.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <asm/io.h>

#define LED_MINOR	200

static int keep_state;
static unsigned long led_base;

static int led_open(struct inode *inode, struct file *file)
{
	if (MINOR(inode->i_rdev) != LED_MINOR)
		return -ENODEV;
	MOD_INC_USE_COUNT;
	return 0;
}

static int led_release(struct inode *inode, struct file *file)
{
	if (file->f_flags & O_NONBLOCK) {
		MOD_DEC_USE_COUNT;
		if (!MOD_IN_USE)
			writeb(0, led_base);
	} else {
		MOD_DEC_USE_COUNT;
		/* the last user gone: back to the power-on pattern */
		if (!MOD_IN_USE && !keep_state)
			writeb(0xff, led_base);
	}
	return 0;
}

static struct file_operations led_fops = {
	.owner = THIS_MODULE,
	.open = led_open,
	.release = led_release,
};

static struct miscdevice led_dev = { LED_MINOR, "led", &led_fops };

static int __init led_init(void)
{
	return misc_register(&led_dev);
}

static void __exit led_exit(void)
{
	misc_deregister(&led_dev);
}

module_init(led_init);
module_exit(led_exit);
