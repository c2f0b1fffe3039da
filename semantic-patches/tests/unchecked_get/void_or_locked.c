/* unchecked gets that cannot be fixed mechanically: a void function, and
 * one that holds a lock (an early return would leak it): unchanged, the
 * report names them */
#include <linux/module.h>

static void card_hold(struct card *c)
{
	try_module_get(c->owner);
}

static int card_hold_locked(struct card *c)
{
	spin_lock(&c->lock);
	try_inc_mod_count(c->owner);
	c->users++;
	spin_unlock(&c->lock);
	return 0;
}
