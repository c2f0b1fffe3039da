/*
 * An ifdown helper that stop calls and that the driver also hands out as
 * a value (its watchdog calls it through the pointer): it is not only
 * open/stop's, so its counting stays; open's goes.
 */
#include <linux/module.h>
#include <linux/netdevice.h>

static int hvcard_ifdown(struct net_device *dev)
{
	netif_stop_queue(dev);
	MOD_DEC_USE_COUNT;
	return 0;
}

static int (*hvcard_reset)(struct net_device *dev) = hvcard_ifdown;

static int hvcard_open(struct net_device *dev)
{
	MOD_INC_USE_COUNT;
	netif_start_queue(dev);
	return 0;
}

static int hvcard_close(struct net_device *dev)
{
	hvcard_ifdown(dev);
	return 0;
}

static void hvcard_watchdog(unsigned long data)
{
	hvcard_reset((struct net_device *)data);
}

int hvcard_init(struct net_device *dev)
{
	dev->open = hvcard_open;
	dev->stop = hvcard_close;
	return 0;
}
