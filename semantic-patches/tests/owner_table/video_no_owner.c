/*
 * 2.4 Video4Linux radio: the template has no owner, and struct
 * video_device lost the member in 2.6.27, so for target current the
 * counting in open/close stays (and is reported).
 */
#include <linux/module.h>
#include <linux/videodev.h>

static int radio_open(struct video_device *dev, int flags)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static void radio_close(struct video_device *dev)
{
	MOD_DEC_USE_COUNT;
}

static struct video_device radio_template = {
	.name = "Example radio",
	.type = VID_TYPE_TUNER,
	.open = radio_open,
	.close = radio_close,
};
