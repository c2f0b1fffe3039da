/* a thread that ends with return, pinned with __MOD_INC_USE_COUNT */
#include <linux/module.h>

static int scan_thread(void *data)
{
	struct scan_ctl *ctl = data;

	__MOD_INC_USE_COUNT(THIS_MODULE);
	daemonize();
	while (!ctl->stop)
		scan_once(ctl);
	__MOD_DEC_USE_COUNT(THIS_MODULE);
	return 0;
}

int scan_start(struct scan_ctl *ctl)
{
	return kernel_thread(scan_thread, ctl, 0);
}
