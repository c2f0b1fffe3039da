/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netcore.h: the low-level driver interface of the netcore module, a model
 * of 2.4 net/core's driver side (dev->open/stop/hard_start_xmit plus
 * dev->owner, which the driver set and dev_open() pinned).
 *
 * A low-level driver fills a struct netcore_ops with its methods and its
 * owner and gets a net_device from netcore_alloc_dev().  netcore's own
 * net_device_ops pin ops->owner with try_module_get() before calling
 * ops->open() and drop it after ops->stop(), as 2.5.54's dev_open() and
 * dev_close() did.
 */
#ifndef _NETCORE_H
#define _NETCORE_H

#include <linux/module.h>
#include <linux/netdevice.h>

#include <modref_netcore.h>

struct netcore_ops {
	struct module *owner;
	const char *name;
	int (*open)(struct net_device *dev);
	int (*stop)(struct net_device *dev);
	netdev_tx_t (*hard_start_xmit)(struct sk_buff *skb,
				       struct net_device *dev);
};

struct net_device *netcore_alloc_dev(const struct netcore_ops *ops,
				     int sizeof_priv);
void *netcore_priv(struct net_device *dev);
int netcore_register_dev(struct net_device *dev);
void netcore_unregister_dev(struct net_device *dev);
void netcore_free_dev(struct net_device *dev);

#endif /* _NETCORE_H */
