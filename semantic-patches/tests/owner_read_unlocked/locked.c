/* the lookup and the get under the registry's semaphore or spinlock: fine */
#include <linux/module.h>

static int mouse_open(struct inode *inode, struct file *file)
{
	struct busmouse *ops;
	int ret = -ENODEV;

	down(&mouse_sem);
	ops = busmouse_ops[MINOR(inode->i_rdev)];
	if (ops && ops->owner && !try_inc_mod_count(ops->owner))
		goto out;
	ret = 0;
out:
	up(&mouse_sem);
	return ret;
}

static struct proto_ops *pf_get(int family)
{
	struct proto_ops *pf;

	spin_lock(&pf_lock);
	pf = families[family];
	if (pf && !try_module_get(pf->owner))
		pf = NULL;
	spin_unlock(&pf_lock);
	return pf;
}
