/* ->open of something that is not a net_device, and counting in a
 * function that is no net_device method: unchanged */
#include <linux/module.h>

struct ser_ops {
	int (*open)(int line);
};

static int ser_open(int line)
{
	MOD_INC_USE_COUNT;
	return 0;
}

void ser_setup(struct ser_ops *ops)
{
	ops->open = ser_open;
}
