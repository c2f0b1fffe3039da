// SPDX-License-Identifier: GPL-2.0
/*
 * netcore: a model of 2.4 net/core's dev_open()/dev_close() module pin for
 * modref.
 *
 * Low-level drivers hand netcore a method table (struct netcore_ops) that
 * carries their owner.  netcore allocates and registers the net_device
 * ("mrnet%d") with its own net_device_ops; those pin the low-level driver
 * with try_inc_mod_count() before calling its open method and drop the pin
 * with __MOD_DEC_USE_COUNT() after its stop method, as 2.4's dev_open() and
 * dev_close() did with dev->owner.
 *
 * Both run under rtnl_lock, and the low-level driver's exit unregisters its
 * device (rtnl again), so the window before the pin (pin_delay_ms widens
 * it) is not a use-after-free on a current kernel: see README.md.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/netdevice.h>

#include "netcore.h"
#include "modref_rendezvous.h"

static unsigned int pin_delay_ms;
module_param(pin_delay_ms, uint, 0644);
MODULE_PARM_DESC(pin_delay_ms,
		 "ms to sleep in open between reading the driver's table and pinning its owner (default 0)");

static unsigned int pin_hold;
module_param(pin_hold, uint, 0644);
MODULE_PARM_DESC(pin_hold,
		 "race rendezvous: 1 holds the next open between reading the driver's table and pinning its owner, until set to 0");

/* netdev_priv(): netcore's part first, the low-level driver's after it */
struct netcore_priv {
	const struct netcore_ops *ops;
};

#define NETCORE_PRIV_SIZE ALIGN(sizeof(struct netcore_priv), NETDEV_ALIGN)

void *netcore_priv(struct net_device *dev)
{
	return (char *)netdev_priv(dev) + NETCORE_PRIV_SIZE;
}
EXPORT_SYMBOL(netcore_priv);

/* 2.4 dev_open(): pin the driver, then call its open method */
static int netcore_dev_open(struct net_device *dev)
{
	struct netcore_priv *np = netdev_priv(dev);
	const struct netcore_ops *ops = np->ops;
	int ret = 0;

	if (pin_delay_ms)
		msleep(pin_delay_ms);
	modref_rendezvous(&pin_hold);

	if (ops->owner && !try_inc_mod_count(ops->owner))
		return -ENODEV;

	if (ops->open) {
		ret = ops->open(dev);
		if (ret && ops->owner)
			__MOD_DEC_USE_COUNT(ops->owner);
	}
	return ret;
}

/* 2.4 dev_close(): call the stop method, then drop the pin */
static int netcore_dev_close(struct net_device *dev)
{
	struct netcore_priv *np = netdev_priv(dev);
	const struct netcore_ops *ops = np->ops;

	if (ops->stop)
		ops->stop(dev);

	if (ops->owner)
		__MOD_DEC_USE_COUNT(ops->owner);
	return 0;
}

static netdev_tx_t netcore_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct netcore_priv *np = netdev_priv(dev);

	/* the device is up, so the driver is pinned by netcore_dev_open() */
	return np->ops->hard_start_xmit(skb, dev);
}

static const struct net_device_ops netcore_netdev_ops = {
	.ndo_open		= netcore_dev_open,
	.ndo_stop		= netcore_dev_close,
	.ndo_start_xmit		= netcore_start_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void netcore_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &netcore_netdev_ops;
	eth_hw_addr_random(dev);
}

/**
 * netcore_alloc_dev - allocate a network device driven through @ops
 * @ops: the low-level driver's methods and owner; must outlive the device
 * @sizeof_priv: size of the driver's private area (netcore_priv())
 *
 * Return: the device, not yet registered, or NULL.
 */
struct net_device *netcore_alloc_dev(const struct netcore_ops *ops,
				     int sizeof_priv)
{
	struct net_device *dev;
	struct netcore_priv *np;

	if (!ops || !ops->hard_start_xmit)
		return NULL;

	dev = alloc_netdev(NETCORE_PRIV_SIZE + sizeof_priv,
			   MODREF_NETCORE_IFNAME, NET_NAME_ENUM,
			   netcore_setup);
	if (!dev)
		return NULL;
	np = netdev_priv(dev);
	np->ops = ops;
	return dev;
}
EXPORT_SYMBOL(netcore_alloc_dev);

int netcore_register_dev(struct net_device *dev)
{
	int ret;

	ret = register_netdev(dev);
	if (!ret)
		netdev_info(dev, "netcore: driven by %s\n",
			    ((struct netcore_priv *)netdev_priv(dev))->ops->name);
	return ret;
}
EXPORT_SYMBOL(netcore_register_dev);

/* closes the device first if it is up (ndo_stop, under rtnl_lock) */
void netcore_unregister_dev(struct net_device *dev)
{
	unregister_netdev(dev);
}
EXPORT_SYMBOL(netcore_unregister_dev);

void netcore_free_dev(struct net_device *dev)
{
	free_netdev(dev);
}
EXPORT_SYMBOL(netcore_free_dev);

static int __init netcore_init(void)
{
	pr_info("netcore: 2.4-style dev_open() pin model loaded\n");
	return 0;
}

static void __exit netcore_exit(void)
{
}

module_init(netcore_init);
module_exit(netcore_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref: 2.4-style net core that pins low-level drivers in open");
