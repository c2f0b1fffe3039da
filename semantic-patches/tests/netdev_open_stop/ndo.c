/* a driver already on net_device_ops that still counts */
#include <linux/module.h>
#include <linux/netdevice.h>

static int vn_open(struct net_device *dev)
{
	MOD_INC_USE_COUNT;
	if (!vn_hw_ready(dev)) {
		MOD_DEC_USE_COUNT;
		return -EIO;
	}
	netif_start_queue(dev);
	return 0;
}

static int vn_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	MOD_DEC_USE_COUNT;
	return 0;
}

static const struct net_device_ops vn_netdev_ops = {
	.ndo_open = vn_open,
	.ndo_stop = vn_stop,
	.ndo_start_xmit = vn_xmit,
};

static void vn_setup(struct net_device *dev)
{
	dev->netdev_ops = &vn_netdev_ops;
	dev->owner = THIS_MODULE;
}
