/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface between the HiSax core and hotplug card drivers, after 2.4's
 * drivers/isdn/hisax/hisax_if.h (D channel only).
 */
#ifndef _MODREF_HISAX_H
#define _MODREF_HISAX_H

#include <linux/types.h>

#define REQUEST		0
#define CONFIRM		1
#define INDICATION	2
#define RESPONSE	3

#define PH_ACTIVATE	0x0100
#define PH_DEACTIVATE	0x0110

struct hisax_if {
	void *priv;
	/* card -> core */
	void (*l1l2)(struct hisax_if *ifc, int pr, void *arg);
	/* core -> card; PH_ACTIVATE | REQUEST: arg is a u32 * for the status */
	void (*l2l1)(struct hisax_if *ifc, int pr, void *arg);
};

struct IsdnCardState;

struct hisax_d_if {
	struct hisax_if ifc;
	struct module *owner;
	struct IsdnCardState *cs;	/* set by hisax_register() */
};

/* returns the card number (>= 0) or a negative errno */
int hisax_register(struct hisax_d_if *hisax_d_if, const char *name);
void hisax_unregister(struct hisax_d_if *hisax_d_if);

#endif /* _MODREF_HISAX_H */
