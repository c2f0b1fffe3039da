/*
 * 2.4 char driver whose module count is not only its users: a timer that
 * runs after the last close holds the module too.  A counter of the opens
 * alone would not be what release tests, so the rule leaves the file (and
 * reports the read).
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/timer.h>

static struct timer_list lamp_timer;

static void lamp_off(unsigned long data)
{
	MOD_DEC_USE_COUNT;
}

static int lamp_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int lamp_release(struct inode *inode, struct file *file)
{
	if (MOD_IN_USE == 1) {
		MOD_INC_USE_COUNT;
		lamp_timer.function = lamp_off;
		mod_timer(&lamp_timer, jiffies + HZ);
	}
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations lamp_fops = {
	.owner = THIS_MODULE,
	.open = lamp_open,
	.release = lamp_release,
};
