/* 2.4 misc device: the open and release methods count through helpers */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>

static int hx_users;

static void hx_get(void)
{
	MOD_INC_USE_COUNT;
	hx_users++;
}

static void hx_put(void)
{
	hx_users--;
	MOD_DEC_USE_COUNT;
}

static int hx_open(struct inode *inode, struct file *file)
{
	hx_get();
	if (hx_power_up()) {
		hx_put();
		return -EIO;
	}
	return 0;
}

static int hx_release(struct inode *inode, struct file *file)
{
	hx_power_down();
	hx_put();
	return 0;
}

static struct file_operations hx_fops = {
	.open = hx_open,
	.release = hx_release,
};

static struct miscdevice hx_dev = {
	.minor = 200,
	.name = "hx",
	.fops = &hx_fops,
};

static int __init hx_init(void)
{
	return misc_register(&hx_dev);
}

static void __exit hx_exit(void)
{
	misc_deregister(&hx_dev);
}

module_init(hx_init);
module_exit(hx_exit);
