// SPDX-License-Identifier: GPL-2.0
/*
 * netcore_tap: a 2.4-style low-level network driver for netcore, modelled
 * on the tap-like drivers of 2.4: frames transmitted on the interface are
 * queued for a reader of a char device.
 *
 * 2.4 style: open/stop count the module with MOD_INC_USE_COUNT and
 * MOD_DEC_USE_COUNT on top of netcore's pin, probe calls SET_MODULE_OWNER,
 * and the char device's file_operations have no owner: its open counts the
 * module with MOD_INC_USE_COUNT only after chr_open_delay_ms, a window in
 * which nothing pins this module.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "netcore.h"
#include "modref_rendezvous.h"

static unsigned int open_delay_ms;
module_param(open_delay_ms, uint, 0644);
MODULE_PARM_DESC(open_delay_ms,
		 "race widening: ms to sleep in the interface's open before MOD_INC_USE_COUNT (default 0)");

static unsigned int chr_open_delay_ms;
module_param(chr_open_delay_ms, uint, 0644);
MODULE_PARM_DESC(chr_open_delay_ms,
		 "race widening: ms to sleep in the char device's open before MOD_INC_USE_COUNT (default 0)");

static unsigned int chr_open_hold;
module_param(chr_open_hold, uint, 0644);
MODULE_PARM_DESC(chr_open_hold,
		 "race rendezvous: 1 holds the next char device open before MOD_INC_USE_COUNT, until set to 0");

#define TAP_QLEN	16

struct tap_priv {
	spinlock_t lock;		/* protects ring, head, len */
	struct sk_buff **ring;		/* transmitted frames; only while up */
	unsigned int head, len;
};

static struct net_device *tap_dev;
static int tap_major;

static int tap_open(struct net_device *dev)
{
	struct tap_priv *tp = netcore_priv(dev);
	struct sk_buff **ring;

	if (open_delay_ms)
		msleep(open_delay_ms);

	MOD_INC_USE_COUNT;

	ring = kcalloc(TAP_QLEN, sizeof(*ring), GFP_KERNEL);
	if (!ring) {
		MOD_DEC_USE_COUNT;
		return -ENOMEM;
	}
	spin_lock_bh(&tp->lock);
	tp->ring = ring;
	tp->head = 0;
	tp->len = 0;
	spin_unlock_bh(&tp->lock);

	netif_start_queue(dev);
	return 0;
}

static int tap_stop(struct net_device *dev)
{
	struct tap_priv *tp = netcore_priv(dev);
	struct sk_buff **ring;
	unsigned int head, len;

	netif_stop_queue(dev);

	spin_lock_bh(&tp->lock);
	ring = tp->ring;
	head = tp->head;
	len = tp->len;
	tp->ring = NULL;
	tp->len = 0;
	spin_unlock_bh(&tp->lock);

	while (len--)
		kfree_skb(ring[head++ % TAP_QLEN]);
	kfree(ring);

#ifdef MODULE
	MOD_DEC_USE_COUNT;
#endif
	return 0;
}

static netdev_tx_t tap_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct tap_priv *tp = netcore_priv(dev);
	struct sk_buff *old = NULL;

	spin_lock(&tp->lock);
	if (!tp->ring) {
		spin_unlock(&tp->lock);
		dev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (tp->len == TAP_QLEN) {
		old = tp->ring[tp->head];
		tp->head = (tp->head + 1) % TAP_QLEN;
		tp->len--;
		dev->stats.tx_dropped++;
	}
	tp->ring[(tp->head + tp->len) % TAP_QLEN] = skb;
	tp->len++;
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	spin_unlock(&tp->lock);

	if (old)
		dev_kfree_skb_any(old);
	return NETDEV_TX_OK;
}

static const struct netcore_ops tap_ops = {
	owner:			THIS_MODULE,
	name:			"netcore_tap",
	open:			tap_open,
	stop:			tap_stop,
	hard_start_xmit:	tap_xmit,
};

static int tap_chr_open(struct inode *inode, struct file *file)
{
	if (iminor(inode) != 0)
		return -ENODEV;

	if (chr_open_delay_ms)
		msleep(chr_open_delay_ms);
	modref_rendezvous(&chr_open_hold);

	MOD_INC_USE_COUNT;
	file->private_data = tap_dev;
	return 0;
}

static int tap_chr_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

static ssize_t tap_chr_read(struct file *file, char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct net_device *dev = file->private_data;
	struct tap_priv *tp = netcore_priv(dev);
	struct sk_buff *skb;
	ssize_t ret;
	void *kbuf;

	spin_lock_bh(&tp->lock);
	if (!tp->ring || !tp->len) {
		/* nothing queued; a down interface has an empty queue */
		spin_unlock_bh(&tp->lock);
		return -EAGAIN;
	}
	skb = tp->ring[tp->head];
	tp->head = (tp->head + 1) % TAP_QLEN;
	tp->len--;
	spin_unlock_bh(&tp->lock);

	count = min_t(size_t, count, skb->len);
	kbuf = kmalloc(count, GFP_KERNEL);
	if (!kbuf) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	ret = count;
	if (skb_copy_bits(skb, 0, kbuf, count) ||
	    copy_to_user(buf, kbuf, count))
		ret = -EFAULT;
	kfree(kbuf);
	consume_skb(skb);
	return ret;
}

static long tap_chr_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct net_device *dev = file->private_data;
	struct modref_netcore_stats st;

	if (cmd != MODREF_NETCORE_IOCTL_STATS)
		return -ENOTTY;

	memset(&st, 0, sizeof(st));
	st.tx_packets = dev->stats.tx_packets;
	st.tx_bytes = dev->stats.tx_bytes;
	st.tx_dropped = dev->stats.tx_dropped;
	st.ifindex = dev->ifindex;
	st.running = netif_running(dev);
	return copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
}

static const struct file_operations tap_chr_fops = {
	read:		tap_chr_read,
	unlocked_ioctl:	tap_chr_ioctl,
	compat_ioctl:	compat_ptr_ioctl,
	open:		tap_chr_open,
	release:	tap_chr_release,
};

EXPORT_NO_SYMBOLS;

static int __init tap_init(void)
{
	struct net_device *dev;
	struct tap_priv *tp;
	int err;

	dev = netcore_alloc_dev(&tap_ops, sizeof(struct tap_priv));
	if (!dev)
		return -ENOMEM;
	SET_MODULE_OWNER(dev);
	tp = netcore_priv(dev);
	spin_lock_init(&tp->lock);
	tap_dev = dev;

	err = netcore_register_dev(dev);
	if (err)
		goto out_free;

	tap_major = register_chrdev(0, MODREF_NETCORE_CHRDEV, &tap_chr_fops);
	if (tap_major < 0) {
		err = tap_major;
		goto out_unregister;
	}
	return 0;

out_unregister:
	netcore_unregister_dev(dev);
out_free:
	netcore_free_dev(dev);
	return err;
}

static void __exit tap_exit(void)
{
	if (MOD_IN_USE)
		pr_warn("netcore_tap: device busy, remove delayed\n");

	unregister_chrdev(tap_major, MODREF_NETCORE_CHRDEV);
	netcore_unregister_dev(tap_dev);
	netcore_free_dev(tap_dev);
}

module_init(tap_init);
module_exit(tap_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref: 2.4-style tap-like network driver for netcore");
