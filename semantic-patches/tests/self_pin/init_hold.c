/*
 * 2.4 ISDN-style card driver: init holds the module while it attaches the
 * driver and probes the cards, and drops the hold on every way out.  The
 * loader holds the module while init runs (2.4's sys_init_module() set the
 * count to one around it), so both go, the error returns included.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/pci.h>

static int ncards;

static int __init card_init(void)
{
	struct pci_dev *dev = NULL;
	int retval;

	MOD_INC_USE_COUNT;

	retval = card_attach_driver();
	if (retval) {
		printk(KERN_ERR "card: cannot attach the driver\n");
		MOD_DEC_USE_COUNT;
		return retval;
	}
	while ((dev = pci_find_device(0x1244, 0x1200, dev)) != NULL) {
		if (card_add(dev) != 0)
			continue;
		ncards++;
	}
	if (ncards) {
		printk(KERN_INFO "card: %d card(s)\n", ncards);
		MOD_DEC_USE_COUNT;
		return 0;
	}
	card_detach_driver();
	MOD_DEC_USE_COUNT;
	return -ENODEV;
}

static void __exit card_exit(void)
{
	card_detach_driver();
}

module_init(card_init);
module_exit(card_exit);
