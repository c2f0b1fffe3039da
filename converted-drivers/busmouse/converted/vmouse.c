// SPDX-License-Identifier: GPL-2.0
/*
 * vmouse: a virtual bus mouse for the busmouse core, 2.4 style.
 *
 * While the mouse is open a timer walks it around a square and presses
 * the left button on every corner.  The core pins this module (ops->owner)
 * before it calls vmouse_open(), so the driver does not count itself.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/timer.h>

#include "busmouse.h"

#define VMOUSE_PERIOD_MS	10
#define VMOUSE_SIDE		8	/* steps per side of the square */

static unsigned int open_delay_ms;
module_param(open_delay_ms, uint, 0644);
MODULE_PARM_DESC(open_delay_ms,
		 "race widening: sleep at the start of open (ms, default 0)");

static int vmouse_dev = -1;
static struct timer_list vmouse_timer;
static unsigned int vmouse_step;	/* timer only, reset before arming */
static int vmouse_users;		/* under vmouse_lock */
static DEFINE_MUTEX(vmouse_lock);

static void vmouse_tick(struct timer_list *t)
{
	static const int dir[4][2] = { { 4, 0 }, { 0, 4 }, { -4, 0 }, { 0, -4 } };
	unsigned int side = (vmouse_step / VMOUSE_SIDE) % 4;
	int buttons = (vmouse_step % VMOUSE_SIDE) ? 0 : 1;

	vmouse_step++;
	busmouse_add_movementbuttons(vmouse_dev, dir[side][0], dir[side][1],
				     buttons);
	mod_timer(&vmouse_timer, jiffies + msecs_to_jiffies(VMOUSE_PERIOD_MS));
}

static int vmouse_open(struct inode *inode, struct file *file)
{
	if (open_delay_ms)
		msleep(open_delay_ms);

	/* a mouse is read-only */
	if (file->f_mode & FMODE_WRITE)
		return -EACCES;

	mutex_lock(&vmouse_lock);
	if (vmouse_users++ == 0) {
		vmouse_step = 0;
		mod_timer(&vmouse_timer,
			  jiffies + msecs_to_jiffies(VMOUSE_PERIOD_MS));
	}
	mutex_unlock(&vmouse_lock);
	pr_debug("vmouse: open, use count %d\n", module_refcount(THIS_MODULE));
	return 0;
}

static int vmouse_release(struct inode *inode, struct file *file)
{
	mutex_lock(&vmouse_lock);
	if (--vmouse_users == 0)
		del_timer_sync(&vmouse_timer);
	mutex_unlock(&vmouse_lock);
	return 0;
}

static struct busmouse vmouse_ops = {
	.name = "vmouse",
	.owner = THIS_MODULE,
	.open = vmouse_open,
	.release = vmouse_release,
	.init_button_state = 0,
};

static int __init vmouse_init(void)
{
	timer_setup(&vmouse_timer, vmouse_tick, 0);
	vmouse_dev = register_busmouse(&vmouse_ops);
	if (vmouse_dev < 0)
		return vmouse_dev;
	return 0;
}

static void __exit vmouse_exit(void)
{
	/* not open (the core pins us while it is), so the timer is idle */
	del_timer_sync(&vmouse_timer);
	if (unregister_busmouse(vmouse_dev))
		pr_err("vmouse: unregister_busmouse(%d) failed\n", vmouse_dev);
}

module_init(vmouse_init);
module_exit(vmouse_exit);

MODULE_DESCRIPTION("modref: 2.4-style virtual bus mouse");
MODULE_LICENSE("GPL");
