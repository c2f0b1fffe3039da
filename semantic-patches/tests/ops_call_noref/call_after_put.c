/* the reference is dropped and the method called afterwards */
#include <linux/module.h>

static void chan_close(struct chan *ch)
{
	if (!try_module_get(ch->ops->owner))
		return;
	ch->ops->flush(ch);
	module_put(ch->ops->owner);
	module_put(ch->ops->owner);
	ch->ops->release(ch);
}
