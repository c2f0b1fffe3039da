/* locks the 2.4 list did not know: a caller-held lock asserted with
 * lockdep, a nested mutex, the device lock, a raw spinlock, SRCU */
#include <linux/module.h>

static int attach_locked(struct cdev_dev *dev, struct cdrv *drv)
{
	lockdep_assert_held(&dev->mutex);
	if (!try_module_get(drv->owner))
		return -ENODEV;
	return 0;
}

static int attach_nested(struct cdev_dev *dev)
{
	int ret = 0;

	mutex_lock_nested(&dev->parent->mutex, 1);
	if (!try_module_get(dev->parent->drv->owner))
		ret = -ENODEV;
	mutex_unlock(&dev->parent->mutex);
	return ret;
}

static int bind_dev(struct device *dev)
{
	int ret = 0;

	device_lock(dev);
	if (dev->driver && !try_module_get(dev->driver->owner))
		ret = -ENODEV;
	device_unlock(dev);
	return ret;
}

static struct ops *find_raw(int id)
{
	struct ops *o;
	unsigned long flags;

	raw_spin_lock_irqsave(&ops_lock, flags);
	o = ops_table[id];
	if (o && !try_module_get(o->owner))
		o = NULL;
	raw_spin_unlock_irqrestore(&ops_lock, flags);
	return o;
}

static struct ops *find_srcu(int id)
{
	struct ops *o;
	int idx;

	idx = srcu_read_lock(&ops_srcu);
	o = ops_table[id];
	if (o && !try_module_get(o->owner))
		o = NULL;
	srcu_read_unlock(&ops_srcu, idx);
	return o;
}
