/*
 * 2.4 char driver that admits one user at a time with the module count:
 * open takes the count and refuses a second user, release drops it.  The
 * table has no owner yet (owner_table sets it after this rule).  The name
 * cam_users is taken, so the counter gets the second choice; the read in
 * open becomes atomic_read() of it and each count gets its atomic twin.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <asm/atomic.h>
#include <asm/uaccess.h>

static int cam_users = 4;	/* a module parameter, not a count */

static int cam_open(struct inode *inode, struct file *file)
{
	MOD_INC_USE_COUNT;
	if (MOD_IN_USE > 1) {
		MOD_DEC_USE_COUNT;
		return -EBUSY;
	}
	return 0;
}

static int cam_close(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct file_operations cam_fops = {
	.open = cam_open,
	.release = cam_close,
};

int __init cam_init(void)
{
	return register_chrdev(120, "cam", &cam_fops) < 0 ? -EIO : cam_users - 4;
}

static void __exit cam_exit(void)
{
	if (MOD_IN_USE)
		printk(KERN_INFO "cam: busy\n");
	unregister_chrdev(120, "cam");
}

module_init(cam_init);
module_exit(cam_exit);
