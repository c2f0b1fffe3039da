// SPDX-License-Identifier: GPL-2.0
/*
 * busmouse: a bus mouse core written the Linux 2.4 way.
 *
 * Low-level mouse drivers register a struct busmouse (with an owner) and
 * feed movement in; the core exposes one char device, minor N = slot N,
 * and turns movement into 3-byte PS/2-style packets.
 *
 * Module counting is 2.4 style on purpose:
 *  - busmouse_fops has no owner, so the VFS calls busmouse_open() with this
 *    module unpinned; the core counts itself with MOD_INC_USE_COUNT, which
 *    is too late (open_delay_ms widens that window).
 *  - the low-level driver is pinned with try_inc_mod_count(ops->owner)
 *    under mouse_sem before its open is called, as busmouse_open() did.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/poll.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "busmouse.h"
#include "modref_busmouse.h"
#include "modref_rendezvous.h"

static unsigned int open_delay_ms;
module_param(open_delay_ms, uint, 0644);
MODULE_PARM_DESC(open_delay_ms,
		 "race widening: sleep in open before the core counts itself (ms, default 0)");

static unsigned int open_hold;
module_param(open_hold, uint, 0644);
MODULE_PARM_DESC(open_hold,
		 "race rendezvous: 1 holds the next open before the core counts itself, until set to 0");

struct busmouse_data {
	struct busmouse *ops;
	spinlock_t lock;		/* protects the movement state below */
	wait_queue_head_t wait;
	int active;			/* open files, under mouse_sem */
	int ready;
	int dxpos;
	int dypos;
	int buttons;
};

static struct busmouse_data *busmouse_data[NR_MICE];
static struct semaphore mouse_sem;	/* protects busmouse_data[] and ->active */
static int busmouse_major;

/* Called by the low-level driver (any context) while its mouse is registered. */
void busmouse_add_movementbuttons(int mousedev, int dx, int dy, int buttons)
{
	struct busmouse_data *mse;
	unsigned long flags;
	int changed;

	if (mousedev < 0 || mousedev >= NR_MICE)
		return;
	mse = busmouse_data[mousedev];
	if (!mse)
		return;

	spin_lock_irqsave(&mse->lock, flags);
	changed = dx || dy || mse->buttons != buttons;
	if (changed) {
		mse->dxpos += dx;
		mse->dypos += dy;
		mse->buttons = buttons;
		mse->ready = 1;
	}
	spin_unlock_irqrestore(&mse->lock, flags);

	if (changed)
		wake_up_interruptible(&mse->wait);
}
EXPORT_SYMBOL(busmouse_add_movementbuttons);

static ssize_t busmouse_read(struct file *file, char __user *buffer,
			     size_t count, loff_t *ppos)
{
	struct busmouse_data *mse = file->private_data;
	unsigned char pkt[MODREF_MOUSE_PACKET];
	int dx, dy;

	if (count < sizeof(pkt))
		return -EINVAL;

	spin_lock_irq(&mse->lock);
	while (!mse->ready) {
		spin_unlock_irq(&mse->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(mse->wait, READ_ONCE(mse->ready)))
			return -ERESTARTSYS;
		spin_lock_irq(&mse->lock);
	}

	dx = clamp(mse->dxpos, -127, 127);
	dy = clamp(mse->dypos, -127, 127);
	mse->dxpos -= dx;
	mse->dypos -= dy;
	pkt[0] = MODREF_MOUSE_ALWAYS1 | (mse->buttons & 7);
	if (dx < 0)
		pkt[0] |= MODREF_MOUSE_XSIGN;
	if (dy < 0)
		pkt[0] |= MODREF_MOUSE_YSIGN;
	pkt[1] = dx;
	pkt[2] = dy;
	if (!mse->dxpos && !mse->dypos)
		mse->ready = 0;
	spin_unlock_irq(&mse->lock);

	if (copy_to_user(buffer, pkt, sizeof(pkt)))
		return -EFAULT;
	return sizeof(pkt);
}

static __poll_t busmouse_poll(struct file *file, poll_table *wait)
{
	struct busmouse_data *mse = file->private_data;

	poll_wait(file, &mse->wait, wait);
	return READ_ONCE(mse->ready) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int busmouse_open(struct inode *inode, struct file *file)
{
	struct busmouse_data *mse;
	unsigned int mousedev = iminor(inode);
	int ret;

	/*
	 * Nothing pins this module here: busmouse_fops has no owner, so an
	 * rmmod that lands now frees the code we are running.
	 */
	if (open_delay_ms)
		msleep(open_delay_ms);
	modref_rendezvous(&open_hold);
	MOD_INC_USE_COUNT;

	if (mousedev >= NR_MICE) {
		MOD_DEC_USE_COUNT;
		return -EINVAL;
	}

	down(&mouse_sem);
	mse = busmouse_data[mousedev];
	ret = -ENODEV;
	if (!mse || !mse->ops)	/* shouldn't happen, but... */
		goto end;

	if (mse->active) {
		/* an earlier opener holds a reference, and we hold mouse_sem */
		if (mse->ops->owner)
			__MOD_INC_USE_COUNT(mse->ops->owner);
	} else if (mse->ops->owner && !try_inc_mod_count(mse->ops->owner)) {
		goto end;
	}

	ret = 0;
	if (mse->ops->open) {
		ret = mse->ops->open(inode, file);
		if (ret && mse->ops->owner)
			__MOD_DEC_USE_COUNT(mse->ops->owner);
	}

	if (ret)
		goto end;

	file->private_data = mse;

	if (mse->active++)
		goto end;

	spin_lock_irq(&mse->lock);
	mse->ready = 0;
	mse->dxpos = 0;
	mse->dypos = 0;
	mse->buttons = mse->ops->init_button_state;
	spin_unlock_irq(&mse->lock);
end:
	up(&mouse_sem);
	if (ret)
		MOD_DEC_USE_COUNT;
	return ret;
}

static int busmouse_release(struct inode *inode, struct file *file)
{
	struct busmouse_data *mse = file->private_data;
	int ret = 0;

	down(&mouse_sem);
	if (mse->ops->release)
		ret = mse->ops->release(inode, file);
	if (mse->ops->owner)
		__MOD_DEC_USE_COUNT(mse->ops->owner);
	if (--mse->active == 0)
		mse->ready = 0;
	up(&mouse_sem);

	MOD_DEC_USE_COUNT;
	return ret;
}

static const struct file_operations busmouse_fops = {
	read:		busmouse_read,
	poll:		busmouse_poll,
	open:		busmouse_open,
	release:	busmouse_release,
};

/* Returns the slot (= minor) or a negative errno; ops->owner is pinned while open. */
int register_busmouse(struct busmouse *ops)
{
	struct busmouse_data *mse;
	int msedev;

	mse = kzalloc(sizeof(*mse), GFP_KERNEL);
	if (!mse)
		return -ENOMEM;
	spin_lock_init(&mse->lock);
	init_waitqueue_head(&mse->wait);
	mse->ops = ops;
	mse->buttons = ops->init_button_state;

	down(&mouse_sem);
	for (msedev = 0; msedev < NR_MICE; msedev++)
		if (!busmouse_data[msedev])
			break;
	if (msedev == NR_MICE) {
		up(&mouse_sem);
		kfree(mse);
		pr_err("busmouse: no free slot for %s\n", ops->name);
		return -EBUSY;
	}
	busmouse_data[msedev] = mse;
	up(&mouse_sem);

	pr_info("busmouse: %s registered as mouse %d\n", ops->name, msedev);
	return msedev;
}
EXPORT_SYMBOL(register_busmouse);

/* Fails with -EBUSY while the mouse is open. */
int unregister_busmouse(int mousedev)
{
	struct busmouse_data *mse;

	if (mousedev < 0 || mousedev >= NR_MICE)
		return -EINVAL;

	down(&mouse_sem);
	mse = busmouse_data[mousedev];
	if (!mse) {
		up(&mouse_sem);
		return -EINVAL;
	}
	if (mse->active) {
		up(&mouse_sem);
		pr_err("busmouse: removing active mouse %d\n", mousedev);
		return -EBUSY;
	}
	busmouse_data[mousedev] = NULL;
	up(&mouse_sem);

	kfree(mse);
	return 0;
}
EXPORT_SYMBOL(unregister_busmouse);

static int __init busmouse_init(void)
{
	sema_init(&mouse_sem, 1);
	busmouse_major = register_chrdev(0, MODREF_MOUSE_CHRDEV, &busmouse_fops);
	if (busmouse_major < 0)
		return busmouse_major;
	return 0;
}

static void __exit busmouse_exit(void)
{
	if (MOD_IN_USE)
		pr_warn("busmouse: module in use, remove delayed\n");
	unregister_chrdev(busmouse_major, MODREF_MOUSE_CHRDEV);
}

module_init(busmouse_init);
module_exit(busmouse_exit);

MODULE_DESCRIPTION("modref: 2.4-style bus mouse core");
MODULE_LICENSE("GPL");
