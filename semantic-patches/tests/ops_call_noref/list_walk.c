/* a list walk that pins each element around its call: the call above the
 * put is reached from the put only on the next element (back edge); and a
 * put followed by a new get before the call */
#include <linux/module.h>

static void notify_all(struct list_head *head, struct net *net)
{
	struct watcher *w;

	list_for_each_entry(w, head, link) {
		if (try_module_get(w->owner)) {
			w->new_net(net);
			module_put(w->owner);
		}
	}
}

static int sum_all(struct list_head *head)
{
	struct notifier_ops *ops;
	int sum = 0;

	list_for_each_entry(ops, head, list) {
		if (!try_module_get(ops->owner))
			continue;
		sum += ops->seq_read();
		module_put(ops->owner);
	}
	return sum;
}

static void reget(struct chan *ch)
{
	module_put(ch->ops->owner);
	if (!try_module_get(ch->ops->owner))
		return;
	ch->ops->flush(ch);
	module_put(ch->ops->owner);
}
