/*
 * Where counting that no rule converts can sit, and what the report says
 * about each place: the role of its function in the module.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/timer.h>

struct xbus_ops {
	int (*attach)(int unit);
	void (*detach)(int unit);
};

struct xdev {
	int (*open)(struct xdev *d);
	int (*close)(struct xdev *d);
};

static int xb_attach(int unit)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static void xb_detach(int unit)
{
	MOD_DEC_USE_COUNT;
}

static struct xbus_ops xb_ops = {
	.attach = xb_attach,
	.detach = xb_detach,
};

static int xd_open(struct xdev *d)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int xd_close(struct xdev *d)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

struct xchan_ops {
	int (*start)(int chan);
	int (*stop)(int chan);
};

static int xc_start(int chan)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int xc_stop(int chan)
{
	return 0;
}

static struct xchan_ops xc_ops = {
	xc_start,
	xc_stop,
};

static int xd_release(struct inode *inode, struct file *file)
{
	if (!MOD_IN_USE)
		printk(KERN_DEBUG "xd: last close\n");
	return 0;
}

static struct file_operations xd_fops = {
	.owner = THIS_MODULE,
	.release = xd_release,
};

static void xd_kick(unsigned long data)
{
	if (MOD_IN_USE)
		printk(KERN_DEBUG "xd: busy\n");
}

static void xd_hold(void)
{
	MOD_INC_USE_COUNT;
}

static int xd_setup(struct xdev *d)
{
	d->open = xd_open;
	d->close = xd_close;
	xd_hold();
	return xbus_watch(xd_kick, 0);
}

static int __init xd_init(void)
{
	static struct xdev dev;

	MOD_INC_USE_COUNT;
	return xd_setup(&dev) || xbus_register(&xb_ops) ||
	       xchan_register(&xc_ops) || register_chrdev(XD_MAJOR, "xd", &xd_fops);
}

static void __exit xd_exit(void)
{
	xbus_unregister(&xb_ops);
}

module_init(xd_init);
module_exit(xd_exit);
