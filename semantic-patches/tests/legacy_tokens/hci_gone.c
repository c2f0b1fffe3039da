/*
 * 2.4 Bluetooth HCI driver: the device methods are filled in at probe
 * time and count the module while the device is up.  struct hci_dev had
 * an owner only from 2.6 to 3.3, so neither target can use it.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <net/bluetooth/bluetooth.h>
#include <net/bluetooth/hci_core.h>

struct wbt {
	struct hci_dev hdev;
	int running;
};

static int wbt_open(struct hci_dev *hdev)
{
	struct wbt *w = hdev->driver_data;

	if (test_and_set_bit(HCI_RUNNING, &hdev->flags))
		return 0;
	MOD_INC_USE_COUNT;
	w->running = 1;
	return 0;
}

static int wbt_close(struct hci_dev *hdev)
{
	struct wbt *w = hdev->driver_data;

	if (!test_and_clear_bit(HCI_RUNNING, &hdev->flags))
		return 0;
	w->running = 0;
	MOD_DEC_USE_COUNT;
	return 0;
}

static void wbt_destruct(struct hci_dev *hdev)
{
	kfree(hdev->driver_data);
}

static int wbt_attach(struct wbt *w)
{
	struct hci_dev *hdev = &w->hdev;

	hdev->driver_data = w;
	hdev->open = wbt_open;
	hdev->close = wbt_close;
	hdev->destruct = wbt_destruct;
	return hci_register_dev(hdev);
}
