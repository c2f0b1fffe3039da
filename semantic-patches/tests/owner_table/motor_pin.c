/* 2.4 floppy-style driver: open pins the module while the motor runs,
 * the motor-off timer drops the pin; release does not count */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/timer.h>

static struct timer_list motor_off_timer;
static int motor_on;

static void xfd_motor_off(unsigned long unused)
{
	xfd_stop_motor();
	if (motor_on) {
		motor_on = 0;
		MOD_DEC_USE_COUNT;
	}
}

static int xfd_open(struct inode *inode, struct file *filp)
{
	if (!motor_on)
		MOD_INC_USE_COUNT;
	motor_on = 1;
	xfd_start_motor();
	mod_timer(&motor_off_timer, jiffies + 3 * HZ);
	return 0;
}

static int xfd_release(struct inode *inode, struct file *filp)
{
	xfd_flush();
	return 0;
}

static struct block_device_operations xfd_fops = {
	.owner		= THIS_MODULE,
	.open		= xfd_open,
	.release	= xfd_release,
};

static int __init xfd_init(void)
{
	init_timer(&motor_off_timer);
	motor_off_timer.function = xfd_motor_off;
	return register_blkdev(62, "xfd", &xfd_fops);
}
module_init(xfd_init);
