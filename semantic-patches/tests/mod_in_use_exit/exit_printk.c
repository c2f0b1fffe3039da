/* 2.4 module exit that warns or bails out while in use */
#include <linux/module.h>

static void __exit rtc_exit(void)
{
	if (MOD_IN_USE)
		printk(KERN_WARNING "rtc: device busy, remove delayed\n");
	if (MOD_IN_USE)
		return;
	if (MOD_IN_USE) {
		printk(KERN_ERR "rtc: still in use\n");
		return;
	}
	misc_deregister(&rtc_dev);
	release_region(RTC_PORT(0), RTC_IO_EXTENT);
}

module_init(rtc_init);
module_exit(rtc_exit);
