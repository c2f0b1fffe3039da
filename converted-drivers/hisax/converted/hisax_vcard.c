// SPDX-License-Identifier: GPL-2.0
/*
 * hisax_vcard: a virtual ISDN card for hisax_core, 2.4 style.
 *
 * Registers one D-channel interface.  An activation request is answered
 * at once with an activation indication and a status word counting the
 * requests served.  The card never counts itself: hisax_core pins it
 * through its owner while a file is open, as 2.5.50's ISDN core did.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/atomic.h>

#include "hisax.h"
#include "modref_hisax.h"

static atomic_t vcard_requests = ATOMIC_INIT(0);

static void vcard_l2l1(struct hisax_if *ifc, int pr, void *arg)
{
	u32 *status = arg;
	u32 n;

	switch (pr) {
	case PH_ACTIVATE | REQUEST:
		n = atomic_inc_return(&vcard_requests);
		if (status)
			*status = (MODREF_ISDN_VCARD_MAGIC << 16) | (n & 0xffff);
		pr_debug("hisax_vcard: request %u, use count %d\n", n,
			 module_refcount(THIS_MODULE));
		ifc->l1l2(ifc, PH_ACTIVATE | INDICATION, NULL);
		break;
	case PH_DEACTIVATE | REQUEST:
		ifc->l1l2(ifc, PH_DEACTIVATE | INDICATION, NULL);
		break;
	default:
		pr_debug("hisax_vcard: unknown pr %#x\n", pr);
		break;
	}
}

static struct hisax_d_if vcard_d_if = {
	.ifc = {
		.l2l1 = vcard_l2l1,
	},
	.owner = THIS_MODULE,
};

static int __init vcard_init(void)
{
	int ret;

	ret = hisax_register(&vcard_d_if, "hisax_vcard");
	if (ret < 0)
		return ret;
	return 0;
}

static void __exit vcard_exit(void)
{
	hisax_unregister(&vcard_d_if);
}

module_init(vcard_init);
module_exit(vcard_exit);

MODULE_DESCRIPTION("modref: 2.4-style virtual HiSax card");
MODULE_LICENSE("GPL");
