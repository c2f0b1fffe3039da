/* the driver's method is called before its module is pinned */
#include <linux/module.h>

static int chan_open(struct chan *ch)
{
	int err;

	err = ch->ops->probe(ch);
	if (err)
		return err;
	if (!try_module_get(ch->ops->owner))
		return -ENODEV;
	return ch->ops->open(ch);
}
