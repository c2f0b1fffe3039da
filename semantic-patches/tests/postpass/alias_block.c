#include <linux/module.h>
#include <linux/netdevice.h>

#ifndef SET_MODULE_OWNER
#define SET_MODULE_OWNER(dev)		do{} while(0)
#define ZNIC_MOD_INC_USE_COUNT		MOD_INC_USE_COUNT
#define ZNIC_MOD_DEC_USE_COUNT		MOD_DEC_USE_COUNT
#else
#define ZNIC_MOD_INC_USE_COUNT		do{} while(0)
#define ZNIC_MOD_DEC_USE_COUNT		do{} while(0)
#endif

#if LINUX_VERSION_CODE < 0x20400
#define ZNIC_HOLD	MOD_INC_USE_COUNT	/* 2.2 */
#else
#define ZNIC_HOLD	/* nothing */
#endif

#ifdef CONFIG_ZNIC_PIN
#define ZNIC_PIN	MOD_INC_USE_COUNT
#else
#define ZNIC_PIN	do { } while (0)
#define ZNIC_OTHER	1
#endif

static int znic_open(struct net_device *dev)
{
	ZNIC_HOLD;
	ZNIC_PIN;
	return 0;
}
