// SPDX-License-Identifier: GPL-2.0
/*
 * hisax_core: a HiSax-like ISDN card layer written the Linux 2.4 way.
 *
 * Hotplug card drivers register a D-channel interface (struct hisax_d_if,
 * with an owner); user space reaches HiSax_command() through one ioctl on
 * the core's char device.  Module counting is 2.4 style on purpose:
 *  - hisax_fops has no owner: hisax_open() runs with the core unpinned
 *    until its MOD_INC_USE_COUNT (open_delay_ms widens that window);
 *  - ISDN_CMD_LOCK calls HiSax_mod_inc_use_count(), which reads the card's
 *    owner without a lock and ignores the result of try_inc_mod_count()
 *    (cmd_delay_ms sleeps between the read and the use), as 2.4's did;
 *  - ISDN_CMD_IOCTL calls through the card's method table with no
 *    reference of its own: only an earlier LOCK keeps the card loaded.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "hisax.h"
#include "modref_hisax.h"
#include "modref_rendezvous.h"

#define HISAX_MAX_CARDS	4

static unsigned int open_delay_ms;
module_param(open_delay_ms, uint, 0644);
MODULE_PARM_DESC(open_delay_ms,
		 "race widening: sleep in open before the core counts itself (ms, default 0)");

static unsigned int open_hold;
module_param(open_hold, uint, 0644);
MODULE_PARM_DESC(open_hold,
		 "race rendezvous: 1 holds the next open before the core counts itself, until set to 0");

static unsigned int cmd_delay_ms;
module_param(cmd_delay_ms, uint, 0644);
MODULE_PARM_DESC(cmd_delay_ms,
		 "race widening: sleep in LOCK between reading the card's owner and pinning it (ms, default 0)");

static unsigned int cmd_hold;
module_param(cmd_hold, uint, 0644);
MODULE_PARM_DESC(cmd_hold,
		 "race rendezvous: 1 holds the next LOCK between reading the card's owner and pinning it, until set to 0");

struct IsdnCardState {
	int cardnr;
	const char *name;
	unsigned long ph_state;		/* bit 0: D channel active */
	struct {
		struct hisax_d_if *hisax_d_if;
	} hw;
};

/* per open file: the cards this file has LOCKed */
struct hisax_file {
	unsigned long locked;
};

static struct IsdnCardState *cards[HISAX_MAX_CARDS];
static DEFINE_SPINLOCK(hisax_lock);	/* protects cards[] */
static int hisax_major;

static struct IsdnCardState *hisax_findcard(int driverid)
{
	struct IsdnCardState *cs;

	if (driverid < 0 || driverid >= HISAX_MAX_CARDS)
		return NULL;
	spin_lock(&hisax_lock);
	cs = cards[driverid];
	spin_unlock(&hisax_lock);
	return cs;
}

static void HiSax_mod_inc_use_count(struct IsdnCardState *cs)
{
	struct module *mod = cs->hw.hisax_d_if->owner;

	/* nothing keeps the card, or its module, alive from here on */
	if (cmd_delay_ms)
		msleep(cmd_delay_ms);
	modref_rendezvous(&cmd_hold);
	if (mod)
		try_inc_mod_count(mod);
	else
		MOD_INC_USE_COUNT;
}

static void HiSax_mod_dec_use_count(struct IsdnCardState *cs)
{
	struct module *mod = cs->hw.hisax_d_if->owner;

	if (mod)
		__MOD_DEC_USE_COUNT(mod);
	else
		MOD_DEC_USE_COUNT;
}

static int HiSax_command(struct hisax_file *hf, struct modref_isdn_cmd *ic)
{
	struct IsdnCardState *csta = hisax_findcard(ic->driver);
	struct hisax_d_if *d_if;
	u32 status = 0;

	if (!csta) {
		pr_err("HiSax: if_command %d called with invalid driverId %d!\n",
		       ic->command, ic->driver);
		return -ENODEV;
	}

	switch (ic->command) {
	case MODREF_ISDN_CMD_LOCK:
		if (test_and_set_bit(ic->driver, &hf->locked))
			return -EBUSY;
		HiSax_mod_inc_use_count(csta);
		break;
	case MODREF_ISDN_CMD_UNLOCK:
		if (!test_and_clear_bit(ic->driver, &hf->locked))
			return -EINVAL;
		HiSax_mod_dec_use_count(csta);
		break;
	case MODREF_ISDN_CMD_IOCTL:
		d_if = csta->hw.hisax_d_if;
		d_if->ifc.l2l1(&d_if->ifc, PH_ACTIVATE | REQUEST, &status);
		ic->arg = status;
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static void hisax_d_l1l2(struct hisax_if *ifc, int pr, void *arg)
{
	struct hisax_d_if *d_if = container_of(ifc, struct hisax_d_if, ifc);
	struct IsdnCardState *cs = d_if->cs;

	switch (pr) {
	case PH_ACTIVATE | INDICATION:
		set_bit(0, &cs->ph_state);
		break;
	case PH_DEACTIVATE | INDICATION:
		clear_bit(0, &cs->ph_state);
		break;
	default:
		pr_debug("HiSax: %s: unknown pr %#x\n", cs->name, pr);
		break;
	}
}

static long hisax_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct modref_isdn_cmd ic;
	void __user *argp = (void __user *)arg;
	int ret;

	if (cmd != MODREF_ISDN_IOCTL_CMD)
		return -ENOTTY;
	if (copy_from_user(&ic, argp, sizeof(ic)))
		return -EFAULT;
	ret = HiSax_command(file->private_data, &ic);
	if (ret)
		return ret;
	if (copy_to_user(argp, &ic, sizeof(ic)))
		return -EFAULT;
	return 0;
}

static int hisax_open(struct inode *inode, struct file *file)
{
	struct hisax_file *hf;

	/* hisax_fops has no owner: an rmmod now frees the code we run in */
	if (open_delay_ms)
		msleep(open_delay_ms);
	modref_rendezvous(&open_hold);
#ifdef MODULE
	MOD_INC_USE_COUNT;
#endif

	hf = kzalloc(sizeof(*hf), GFP_KERNEL);
	if (!hf) {
#ifdef MODULE
		MOD_DEC_USE_COUNT;
#endif
		return -ENOMEM;
	}
	file->private_data = hf;
	pr_debug("HiSax: open, use count %d\n", GET_USE_COUNT(THIS_MODULE));
	return 0;
}

static int hisax_release(struct inode *inode, struct file *file)
{
	struct hisax_file *hf = file->private_data;
	struct IsdnCardState *cs;
	int i;

	for (i = 0; i < HISAX_MAX_CARDS; i++) {
		if (!test_bit(i, &hf->locked))
			continue;
		cs = hisax_findcard(i);
		if (cs)
			HiSax_mod_dec_use_count(cs);
	}
	kfree(hf);
#ifdef MODULE
	MOD_DEC_USE_COUNT;
#endif
	return 0;
}

static const struct file_operations hisax_fops = {
	unlocked_ioctl:	hisax_ioctl,
	compat_ioctl:	compat_ptr_ioctl,
	open:		hisax_open,
	release:	hisax_release,
};

/**
 * hisax_register - register a hotplug card's D-channel interface
 * @hisax_d_if: the card's interface; hisax_d_if->owner is its module
 * @name: card name for messages
 *
 * Returns the card number or a negative errno.
 */
int hisax_register(struct hisax_d_if *hisax_d_if, const char *name)
{
	struct IsdnCardState *cs;
	int i;

	cs = kzalloc(sizeof(*cs), GFP_KERNEL);
	if (!cs)
		return -ENOMEM;
	cs->name = name;
	cs->hw.hisax_d_if = hisax_d_if;
	hisax_d_if->cs = cs;
	hisax_d_if->ifc.l1l2 = hisax_d_l1l2;

	spin_lock(&hisax_lock);
	for (i = 0; i < HISAX_MAX_CARDS; i++)
		if (!cards[i])
			break;
	if (i < HISAX_MAX_CARDS) {
		cs->cardnr = i;
		cards[i] = cs;
	}
	spin_unlock(&hisax_lock);

	if (i == HISAX_MAX_CARDS) {
		hisax_d_if->cs = NULL;
		kfree(cs);
		pr_err("HiSax: no free card slot for %s\n", name);
		return -EBUSY;
	}
	pr_info("HiSax: card %d: %s registered\n", i, name);
	return i;
}
EXPORT_SYMBOL(hisax_register);

/**
 * hisax_unregister - remove a card registered by hisax_register()
 * @hisax_d_if: the interface passed to hisax_register()
 */
void hisax_unregister(struct hisax_d_if *hisax_d_if)
{
	struct IsdnCardState *cs = hisax_d_if->cs;

	if (!cs)
		return;
	spin_lock(&hisax_lock);
	cards[cs->cardnr] = NULL;
	spin_unlock(&hisax_lock);
	pr_info("HiSax: card %d: %s unregistered\n", cs->cardnr, cs->name);
	hisax_d_if->cs = NULL;
	kfree(cs);
}
EXPORT_SYMBOL(hisax_unregister);

static int __init hisax_init(void)
{
	hisax_major = register_chrdev(0, MODREF_ISDN_CHRDEV, &hisax_fops);
	if (hisax_major < 0)
		return hisax_major;
	return 0;
}

static void __exit hisax_exit(void)
{
	unregister_chrdev(hisax_major, MODREF_ISDN_CHRDEV);
}

module_init(hisax_init);
module_exit(hisax_exit);

MODULE_DESCRIPTION("modref: 2.4-style HiSax ISDN card layer");
MODULE_LICENSE("GPL");
