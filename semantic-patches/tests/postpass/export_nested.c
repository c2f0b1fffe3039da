/* nested conditionals that only held EXPORT_NO_SYMBOLS go as a whole */
#include <linux/module.h>

static int debug;

#ifdef MODULE
#if LINUX_VERSION_CODE < KERNEL_VERSION(2,5,0)

EXPORT_NO_SYMBOLS ;

#endif
#endif

MODULE_PARM(debug, "i");

int init_module(void)
{
        EXPORT_NO_SYMBOLS;	/* nothing to export */
	return bar_register();
}
