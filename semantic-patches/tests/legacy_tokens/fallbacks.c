/*
 * A 2.4 driver that also builds on kernels older than its names: its own
 * fallback definitions of the legacy API, and one macro of its own.
 */
#include <linux/module.h>

#ifndef SET_MODULE_OWNER
#define SET_MODULE_OWNER(dev)	do { } while (0)
#endif

#ifndef MOD_INC_USE_COUNT
#  define MOD_INC_USE_COUNT	__MOD_INC_USE_COUNT(THIS_MODULE)
#  define MOD_DEC_USE_COUNT	\
	__MOD_DEC_USE_COUNT(THIS_MODULE)
#endif

#define VCARD_GET()	MOD_INC_USE_COUNT

static int vcard_probe(struct net_device *dev)
{
	SET_MODULE_OWNER(dev);
	return 0;
}
