/* HiSax-like command dispatcher: the LOCK command takes a reference and
 * ignores whether it got one */
#include <linux/module.h>

static int HiSax_command(isdn_ctrl *ic)
{
	struct IsdnCardState *csta = hisax_findcard(ic->driver);

	if (!csta) {
		printk(KERN_ERR "HiSax: if_command %d called with invalid driverId %d!\n",
		       ic->command, ic->driver);
		return -ENODEV;
	}
	switch (ic->command) {
	case ISDN_CMD_LOCK:
		try_inc_mod_count(csta->owner);
		break;
	case ISDN_CMD_UNLOCK:
		__MOD_DEC_USE_COUNT(csta->owner);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static int isdn_dev_hold(struct isdn_if *iif)
{
	try_module_get(iif->owner);
	iif->users++;
	return 0;
}
