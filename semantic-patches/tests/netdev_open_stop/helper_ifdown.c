/*
 * A synchronous serial card in the style of 2.4 WAN drivers: open counts,
 * stop calls an ifdown helper that drops the count.  The reset path calls
 * a second helper from a timer as well, so that one is not open/stop's.
 */
#include <linux/module.h>
#include <linux/netdevice.h>

static int sscard_open(struct net_device *dev);
static int sscard_close(struct net_device *dev);
static int sscard_ifdown(struct net_device *dev);

static int sscard_open(struct net_device *dev)
{
	if (request_irq(dev->irq, sscard_interrupt, SA_SHIRQ, dev->name, dev))
		return -EAGAIN;
	MOD_INC_USE_COUNT;
	netif_start_queue(dev);
	return 0;
}

static int sscard_ifdown(struct net_device *dev)
{
	netif_stop_queue(dev);
	free_irq(dev->irq, dev);
	MOD_DEC_USE_COUNT;
	return 0;
}

static int sscard_close(struct net_device *dev)
{
	sscard_ifdown(dev);
	return 0;
}

static void sscard_hold(struct net_device *dev)
{
	MOD_INC_USE_COUNT;
}

static void sscard_watchdog(unsigned long data)
{
	sscard_hold((struct net_device *)data);
}

static int sscard_init(struct net_device *dev)
{
	dev->open = sscard_open;
	dev->stop = sscard_close;
	sscard_hold(dev);
	return 0;
}
