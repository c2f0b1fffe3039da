/* A void helper pins the client module that registered the camera (2.4
 * usbvideo style): every caller returns an errno and calls it before it
 * touches anything, so the helper returns the failure and they check it. */
#include <linux/module.h>
#include <linux/videodev.h>

struct cam_handle {
	struct module *md_module;
};

struct cam {
	struct video_device vdev;
	struct cam_handle *handle;
	struct semaphore lock;
	int users;
	int debug;
};

static void cam_client_inc(struct cam *cam);

static void cam_client_inc(struct cam *cam)
{
	if (cam->handle == NULL) {
		printk(KERN_ERR "cam: no handle\n");
		return;
	}
	__MOD_INC_USE_COUNT(cam->handle->md_module);
}

static void cam_client_dec(struct cam *cam)
{
	if (cam->handle == NULL)
		return;
	__MOD_DEC_USE_COUNT(cam->handle->md_module);
}

static int cam_open(struct video_device *dev, int flags)
{
	struct cam *cam = (struct cam *)dev;

	if (cam->debug)
		printk(KERN_DEBUG "cam: open\n");
	cam_client_inc(cam);
	down(&cam->lock);
	if (cam->users) {
		up(&cam->lock);
		cam_client_dec(cam);
		return -EBUSY;
	}
	cam->users++;
	up(&cam->lock);
	return 0;
}

static int cam_ioctl_reset(struct cam *cam)
{
	cam_client_inc(cam);
	down(&cam->lock);
	cam->users = 0;
	up(&cam->lock);
	cam_client_dec(cam);
	return 0;
}

static void cam_close(struct video_device *dev)
{
	struct cam *cam = (struct cam *)dev;

	down(&cam->lock);
	cam->users--;
	up(&cam->lock);
	cam_client_dec(cam);
}
