/*
 * 2.4 Video4Linux driver on the old video_device methods: the template
 * sets its owner (videodev pins it before it calls open), and open/close
 * still count.  struct video_device lost its owner in 2.6.27, but this
 * table sets the member itself, so it only builds where the core pins it.
 */
#include <linux/module.h>
#include <linux/videodev.h>

static int cam_users;

static int cam_open(struct video_device *dev, int flags)
{
	if (cam_users)
		return -EBUSY;
	MOD_INC_USE_COUNT;
	if (cam_power_on(dev)) {
		MOD_DEC_USE_COUNT;
		return -EIO;
	}
	cam_users++;
	return 0;
}

static void cam_close(struct video_device *dev)
{
	cam_power_off(dev);
	cam_users--;
	MOD_DEC_USE_COUNT;
}

static long cam_read(struct video_device *dev, char *buf,
		     unsigned long count, int noblock)
{
	return cam_grab(dev, buf, count, noblock);
}

static struct video_device cam_template = {
	.owner = THIS_MODULE,
	.name = "Example camera",
	.type = VID_TYPE_CAPTURE,
	.open = cam_open,
	.close = cam_close,
	.read = cam_read,
};
