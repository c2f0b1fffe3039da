// SPDX-License-Identifier: GPL-2.0
/*
 * Test for compat/include/linux/module.h on real Linux 2.4 headers: a
 * driver written against the module-core API (2.5.48 and later), the way a
 * converted 2.4 driver looks, using every name the header's 2.4 branch
 * provides.  tests/t-compat24.sh syntax-checks it against a real 2.4 tree
 * (syntax-check) as a module and built in, with and without
 * CONFIG_MODULES, and requires zero warnings from this file and from the
 * compat header.  Never built into a .ko or loaded.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/sched.h>

#if !defined(module_put_and_exit) || !defined(module_put_and_kthread_exit)
#error "compat header: a kthread exit name is missing on 2.4"
#endif

/* a method table of a type that has .owner in 2.4: the VFS pins us */
static struct module *modref_compat_24_peer;
static int modref_compat_24_major;

static int modref_compat_24_open(struct inode *inode, struct file *file)
{
	/* pin another module's owner, as busmouse pins ops->owner */
	if (!try_module_get(modref_compat_24_peer))
		return -ENODEV;
	return 0;
}

static int modref_compat_24_release(struct inode *inode, struct file *file)
{
	module_put(modref_compat_24_peer);
	return 0;
}

static struct file_operations modref_compat_24_fops = {
	.owner		= THIS_MODULE,
	.open		= modref_compat_24_open,
	.release	= modref_compat_24_release,
};

/* a thread that pinned its own module drops the pin as it exits */
static int modref_compat_24_thread(void *arg)
{
	daemonize();
	module_put_and_exit(0);
}

static int modref_compat_24_thread_new_name(void *arg)
{
	daemonize();
	module_put_and_kthread_exit(0);
}

static int __init modref_compat_24_init(void)
{
	int ret;

	ret = register_chrdev(0, "modref_compat_24", &modref_compat_24_fops);
	if (ret < 0)
		return ret;
	modref_compat_24_major = ret;
	/* a self-pin kept on purpose (a busy device), as __module_get() */
	__module_get(THIS_MODULE);
	printk(KERN_INFO "modref_compat_24: refcount %d\n",
	       module_refcount(THIS_MODULE));
	if (kernel_thread(modref_compat_24_thread, NULL, 0) < 0)
		module_put(THIS_MODULE);
	__module_get(THIS_MODULE);
	if (kernel_thread(modref_compat_24_thread_new_name, NULL, 0) < 0)
		module_put(THIS_MODULE);
	return 0;
}

static void __exit modref_compat_24_exit(void)
{
	unregister_chrdev(modref_compat_24_major, "modref_compat_24");
}

module_init(modref_compat_24_init);
module_exit(modref_compat_24_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref compat header test on real 2.4 headers");
