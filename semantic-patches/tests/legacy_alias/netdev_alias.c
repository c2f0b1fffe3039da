/* A network driver that still builds on 2.2: without SET_MODULE_OWNER
 * the driver counts in open/stop itself. */
#include <linux/module.h>
#include <linux/netdevice.h>

#ifndef SET_MODULE_OWNER
#define SET_MODULE_OWNER(dev)		{do{} while(0);}
#define XNIC_MOD_INC_USE_COUNT		MOD_INC_USE_COUNT
#define XNIC_MOD_DEC_USE_COUNT		MOD_DEC_USE_COUNT
#else
#define XNIC_MOD_INC_USE_COUNT		{do{} while(0);}
#define XNIC_MOD_DEC_USE_COUNT		{do{} while(0);}
#endif

#if LINUX_VERSION_CODE >= 0x20500
#define xnic_hold()
#define xnic_drop()
#else
#define xnic_hold()	MOD_INC_USE_COUNT
#define xnic_drop()	MOD_DEC_USE_COUNT
#endif

static int xnic_up(struct net_device *dev);

static int xnic_open(struct net_device *dev)
{
	if (xnic_up(dev) < 0)
		return -EIO;
	netif_start_queue(dev);
	XNIC_MOD_INC_USE_COUNT;
	return 0;
}

static int xnic_close(struct net_device *dev)
{
	netif_stop_queue(dev);
	if (xnic_up(dev))
		XNIC_MOD_DEC_USE_COUNT;
	return 0;
}

int xnic_register_client(void)
{
	xnic_hold();
	return 0;
}

void xnic_unregister_client(void)
{
	xnic_drop();
}
