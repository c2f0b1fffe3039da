/* network devices are netdev_open_stop's; no other SET_MODULE_OWNER */
#include <linux/module.h>
#include <linux/netdevice.h>

static struct net_device dev_dummy;

static int __init dummy_probe(struct net_device *dev)
{
	SET_MODULE_OWNER(dev);
	dev->open = dummy_open;
	return 0;
}

static int __init dummy_init_module(void)
{
	dev_dummy.init = dummy_probe;
	SET_MODULE_OWNER(&dev_dummy);
	return register_netdev(&dev_dummy);
}
