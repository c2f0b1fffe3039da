/*
 * 2.4 USB camera: the video_device is allocated per device and filled in
 * at probe time; the driver sets the owner itself, so open/close need not
 * count.  A second device type only calls SET_MODULE_OWNER(), which is no
 * proof the member exists (2.6 made it a no-op): its counting stays.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/videodev.h>

static int ucam_open(struct video_device *vdev, int flags)
{
	MOD_INC_USE_COUNT;
	return ucam_start(vdev);
}

static void ucam_close(struct video_device *vdev)
{
	ucam_stop(vdev);
	MOD_DEC_USE_COUNT;
}

static int utun_open(struct video_device *vdev, int flags)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static void utun_close(struct video_device *vdev)
{
	MOD_DEC_USE_COUNT;
}

static int ucam_attach(struct ucam *cam)
{
	struct video_device *vdev;
	struct video_device *tdev;

	vdev = kmalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return -ENOMEM;
	memset(vdev, 0, sizeof(*vdev));
	vdev->owner = THIS_MODULE;
	vdev->open = ucam_open;
	vdev->close = ucam_close;
	vdev->type = VID_TYPE_CAPTURE;
	cam->vdev = vdev;

	tdev = kmalloc(sizeof(*tdev), GFP_KERNEL);
	if (!tdev)
		return -ENOMEM;
	memset(tdev, 0, sizeof(*tdev));
	SET_MODULE_OWNER(tdev);
	tdev->open = utun_open;
	tdev->close = utun_close;
	cam->tdev = tdev;
	return video_register_device(vdev, VFL_TYPE_GRABBER, -1);
}
