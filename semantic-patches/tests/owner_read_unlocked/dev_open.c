/* 2.4 net/core dev_open()-like: the driver table is read and pinned with
 * no lock held */
#include <linux/module.h>

int core_dev_open(struct net_device *dev)
{
	struct core_priv *np = dev->priv;
	const struct drv_ops *ops = np->ops;
	int ret = 0;

	if (ops->owner && !try_inc_mod_count(ops->owner))
		return -ENODEV;
	if (ops->open)
		ret = ops->open(dev);
	return ret;
}

struct mtd_info *get_mtd(int num)
{
	struct mtd_info *ret = __get_mtd_device(NULL, num);
	struct module *mod;

	if (!ret)
		return NULL;
	mod = ret->module;
	if (!try_module_get(mod))
		return NULL;
	return ret;
}

static void card_lock(struct card_state *cs)
{
	struct module *mod = cs->hw.d_if->owner;

	msleep(cmd_delay_ms);
	if (mod)
		try_inc_mod_count(mod);
}
