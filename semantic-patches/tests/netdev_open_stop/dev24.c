/* 2.4 network driver: dev->open/dev->stop assigned in probe */
#include <linux/module.h>
#include <linux/netdevice.h>

static int el_open(struct net_device *dev)
{
	int err;

	err = request_irq(dev->irq, el_interrupt, 0, "el", dev);
	if (err)
		return err;
	MOD_INC_USE_COUNT;
	netif_start_queue(dev);
	return 0;
}

static int el_close(struct net_device *dev)
{
	netif_stop_queue(dev);
	free_irq(dev->irq, dev);
#ifdef MODULE
	MOD_DEC_USE_COUNT;
#endif
	return 0;
}

int el_probe(struct net_device *dev)
{
	SET_MODULE_OWNER(dev);
	dev->open = el_open;
	dev->stop = &el_close;
	dev->hard_start_xmit = el_start_xmit;
	ether_setup(dev);
	return 0;
}
