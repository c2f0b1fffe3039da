/* a modular char driver whose table names no owner */
#include <linux/fs.h>
#include <linux/module.h>

static int nv_open(struct inode *inode, struct file *file)
{
	return 0;
}

static ssize_t nv_read(struct file *file, char *buf, size_t n, loff_t *pos)
{
	return 0;
}

static struct file_operations nv_fops = {
	.read = nv_read,
	.open = nv_open,
};

static const struct tty_ldisc_ops nv_ldisc = {
	.name = "nv",
	.open = nv_ldisc_open,
};

int nv_ldisc_open(struct tty_struct *tty);

static int __init nv_init(void)
{
	return register_chrdev(NV_MAJOR, "nvram", &nv_fops);
}
module_init(nv_init);
MODULE_LICENSE("GPL");
