/*
 * 2.4 USB driver: probe pins the module while a device is bound and
 * disconnect lets it go.  The usb_driver table sets .owner, but the 2.4
 * USB core never reads it (probe and disconnect run unpinned), so this is
 * no owner table: the pin is the driver's own and stays for self_pin or
 * the report, whatever the target.
 */
#include <linux/module.h>
#include <linux/usb.h>

static void *auer_probe(struct usb_device *dev, unsigned int ifnum,
			const struct usb_device_id *id)
{
	struct auer *cp;

	cp = auer_alloc(dev);
	if (!cp)
		return NULL;
	MOD_INC_USE_COUNT;
	return cp;
}

static void auer_disconnect(struct usb_device *dev, void *driver_context)
{
	auer_free(driver_context);
	MOD_DEC_USE_COUNT;
}

static struct usb_driver auer_driver = {
	.owner = THIS_MODULE,
	.name = "auer",
	.probe = auer_probe,
	.disconnect = auer_disconnect,
};
