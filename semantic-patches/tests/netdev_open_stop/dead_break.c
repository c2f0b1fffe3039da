/*
 * 2.4 network driver: open counts the module after a switch on the port
 * type whose default case returns and then breaks (dead code after the
 * return, as some 2.4 drivers wrote it); dev->open/stop set in probe.
 */
#include <linux/module.h>
#include <linux/netdevice.h>

static int sab_open(struct net_device *dev)
{
	switch (dev->if_port) {
	case 0:
		netif_start_queue(dev);
		break;
	default:
		return -EINVAL;
		break;
	}
	MOD_INC_USE_COUNT;
	return 0;
}

static int sab_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	MOD_DEC_USE_COUNT;
	return 0;
}

int sab_probe(struct net_device *dev)
{
	SET_MODULE_OWNER(dev);
	dev->open = sab_open;
	dev->stop = sab_stop;
	ether_setup(dev);
	return 0;
}
