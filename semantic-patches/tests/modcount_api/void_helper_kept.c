/* Void helpers that take a reference on another module with nothing held,
 * where a checked get cannot reach every caller: each is left (reported),
 * since one caller that cannot check would later drop a reference its
 * failed get never took. */
#include <linux/module.h>
#include <linux/usb.h>

struct cam_handle {
	struct module *md_module;
};

struct cam {
	struct cam_handle *handle;
	struct semaphore lock;
	int users;
};

/* one caller is a void disconnect callback */
static void cam_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static int cam_open(struct cam *cam)
{
	cam_client_inc(cam);
	return 0;
}

static void cam_disconnect(struct usb_device *dev, void *ptr)
{
	struct cam *cam = ptr;

	cam_client_inc(cam);
	cam->users = 0;
}

/* the only caller takes the semaphore first */
static void tuner_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static int tuner_open(struct cam *cam)
{
	down(&cam->lock);
	tuner_client_inc(cam);
	cam->users++;
	up(&cam->lock);
	return 0;
}

/* stored in a table of hooks */
static void hook_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

struct cam_hooks {
	void (*get)(struct cam *cam);
};

static struct cam_hooks hooks = {
	.get = hook_client_inc,
};

static int hook_open(struct cam *cam)
{
	hook_client_inc(cam);
	return 0;
}

/* exported to other modules */
static void exp_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}
EXPORT_SYMBOL(exp_client_inc);

static int exp_open(struct cam *cam)
{
	exp_client_inc(cam);
	return 0;
}

/* a caller returning a pointer, after a lookup that marked a slot used */
static void slot_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static struct cam *slot_alloc(struct cam *cams)
{
	int n = find_slot(cams);

	if (n < 0)
		return NULL;
	slot_client_inc(&cams[n]);
	return &cams[n];
}

/* the call is the branch of an if */
static void opt_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static int opt_open(struct cam *cam, int flags)
{
	if (flags)
		opt_client_inc(cam);
	return 0;
}

/* a call before it may have done what an early return would leak */
static void late_client_inc(struct cam *cam)
{
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static int late_open(struct cam *cam)
{
	cam_start(cam);
	late_client_inc(cam);
	return 0;
}
