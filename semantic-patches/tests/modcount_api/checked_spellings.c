/* checked gets as 2.4 drivers spelled them: each loses its 2.4 name and
 * the NULL test that try_module_get() makes redundant */
#include <linux/module.h>

static int hpsb_get_driver(struct module **module)
{
	/* no need to pin a driver that is built in */
	if (*module && (try_inc_mod_count(*module) == 0))
		return -EAGAIN;
	return 0;
}

static struct ip_vs_app *vs_app_get(struct ip_vs_app *vapp)
{
	if (vapp->module && !try_inc_mod_count(vapp->module)) {
		printk(KERN_ERR "ip_vs: module is going away\n");
		return NULL;
	}
	return vapp;
}

static int crypto_grab(struct crypto_alg *alg)
{
	if ((alg->cra_module == NULL) || try_inc_mod_count(alg->cra_module))
		return 1;
	return 0;
}

static int vcc_attach(struct atm_vcc *vcc, struct atm_dev *dev)
{
	if (try_inc_mod_count(dev->ops->owner) == 0)
		return -ENODEV;
	if (!vcc || (dev->ops->owner != NULL && !try_inc_mod_count(dev->ops->owner)))
		return -ENODEV;
	return 0;
}

static int qf_get(struct quota_format_type *actqf, int locked)
{
	if (locked && actqf->qf_owner &&
	    try_inc_mod_count(actqf->qf_owner) == 0 && !quota_debug)
		return -EBUSY;
	if (!actqf->qf_owner || try_inc_mod_count(actqf->qf_owner) != 0)
		return 0;
	return -ESRCH;
}

/* the guard tests another pointer, or the get is wanted only for a
 * non-NULL owner: the test stays, only the name changes */
static struct file_system_type *fs_get(struct file_system_type *fs)
{
	if (fs && !try_inc_mod_count(fs->owner))
		fs = NULL;
	return fs;
}

static int lane_ops_get(void)
{
	if (atm_lane_ops && try_inc_mod_count(atm_lane_ops->owner))
		return 1;
	return 0;
}
