/* A frame grabber core pins the client module that registered each board
 * through a pair of void helpers.  Open keeps the reference and can fail;
 * the unplug and allocation paths drop it again before they return and
 * cannot fail, so they drop it only when the get succeeded. */
#include <linux/module.h>
#include <linux/usb.h>

struct grab_client {
	struct module *owner;
	const char *name;
};

struct grab {
	struct grab_client *client;
	struct semaphore sem;
	int users;
	int used;
	int verbose;
};

static void grab_client_get(struct grab *gb);

static void grab_client_get(struct grab *gb)
{
	if (gb == NULL || gb->client == NULL) {
		err("grab: no client");
		return;
	}
	__MOD_INC_USE_COUNT(gb->client->owner);
}

static void grab_client_put(struct grab *gb)
{
	if (gb == NULL || gb->client == NULL)
		return;
	__MOD_DEC_USE_COUNT(gb->client->owner);
}

int grab_open(struct grab *gb, int mode)
{
	int rc = 0;

	if (gb->verbose)
		info("grab: open mode %d", mode);
	grab_client_get(gb);
	down(&gb->sem);
	if (gb->users)
		rc = -EBUSY;
	else
		gb->users++;
	up(&gb->sem);
	if (rc)
		grab_client_put(gb);
	return rc;
}

/* an int caller that drops it again checks it too */
static int grab_reset(struct grab *gb)
{
	grab_client_get(gb);
	down(&gb->sem);
	gb->users = 0;
	up(&gb->sem);
	grab_client_put(gb);
	return 0;
}

void grab_close(struct grab *gb)
{
	down(&gb->sem);
	gb->users--;
	up(&gb->sem);
	grab_client_put(gb);
}

void grab_unplug(struct usb_device *udev, void *priv)
{
	struct grab *gb = priv;

	if (gb == NULL)
		return;
	grab_client_get(gb);
	down(&gb->sem);
	gb->used = 0;
	up(&gb->sem);
	grab_client_put(gb);
}

struct grab *grab_alloc(struct grab *boards, int nr)
{
	struct grab *gb;
	int slot;

	slot = grab_find_free(boards, nr);
	if (slot < 0)
		return NULL;
	gb = &boards[slot];
	grab_client_get(gb);
	init_MUTEX(&gb->sem);
	gb->users = 0;
	grab_client_put(gb);
	return gb;
}
