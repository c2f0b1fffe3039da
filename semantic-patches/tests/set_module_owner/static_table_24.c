/* as static_table.c, for a tree that must still build on 2.4
 * (MODREF_TARGET=2.4): there usb_register() sets no owner, so the usb
 * driver table gets its .owner too */
#include <linux/module.h>

static struct hisax_d_if vcard_d_if = {
	.ifc.priv	= &vcard,
	.ifc.l2l1	= vcard_l2l1,
};

static struct atm_tcp_ops tcp_ops = {
	.attach		= tcp_attach,
	.owner		= THIS_MODULE,
};

static struct usb_driver catc_driver = {
	.name		= "catc",
	.probe		= catc_probe,
	.disconnect	= catc_disconnect,
};

static int __init vcard_init(void)
{
	SET_MODULE_OWNER(&vcard_d_if);
	SET_MODULE_OWNER(&tcp_ops);
	SET_MODULE_OWNER(&catc_driver);
	hisax_register(&vcard_d_if, vcard_b_if, "vcard", 1);
	atm_tcp_ops_register(&tcp_ops);
	return usb_register(&catc_driver);
}
