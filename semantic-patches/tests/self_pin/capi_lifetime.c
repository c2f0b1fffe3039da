/*
 * 2.4 CAPI card driver: each controller added pins the module until it is
 * removed again (the module exit leaves controllers attached).
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "capilli.h"

static struct capi_driver_interface *di;

struct qcard {
	int port;
	struct capi_ctr *ctrl;
};

static void qc_remove_ctr(struct capi_ctr *ctrl)
{
	struct qcard *card = ctrl->driverdata;

	di->detach_ctr(ctrl);
	kfree(card);
	MOD_DEC_USE_COUNT;
}

static int qc_add_card(struct capi_driver *driver, struct capicardparams *p)
{
	struct qcard *card;

	MOD_INC_USE_COUNT;
	card = kmalloc(sizeof(*card), GFP_KERNEL);
	if (!card) {
		MOD_DEC_USE_COUNT;
		return -ENOMEM;
	}
	card->port = p->port;
	card->ctrl = di->attach_ctr(driver, "qcard", card);
	if (!card->ctrl) {
		kfree(card);
		MOD_DEC_USE_COUNT;
		return -EBUSY;
	}
	return 0;
}

static char *qc_procinfo(struct capi_ctr *ctrl)
{
	return "qcard";
}

static struct capi_driver qc_driver = {
	.name		= "qcard",
	.revision	= "1.0",
	.remove_ctr	= qc_remove_ctr,
	.procinfo	= qc_procinfo,
	.add_card	= qc_add_card,
};

static int __init qc_init(void)
{
	di = attach_capi_driver(&qc_driver);
	return di ? 0 : -EIO;
}

static void __exit qc_exit(void)
{
	detach_capi_driver(&qc_driver);
}

module_init(qc_init);
module_exit(qc_exit);
