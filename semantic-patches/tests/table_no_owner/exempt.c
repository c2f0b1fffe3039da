/* tables that need no owner report: owner present, debugfs, proc,
 * seq_file, no function in the table, or a type whose subsystem does not
 * pin it */
#include <linux/fs.h>
#include <linux/module.h>

static int st_open(struct inode *inode, struct file *file)
{
	return single_open(file, st_show, NULL);
}

static const struct file_operations st_fops = {
	.owner = THIS_MODULE,
	.open = st_open,
};

static const struct file_operations dbg_fops = {
	.open = st_open,
};

static const struct file_operations proc_fops = {
	.open = st_open,
};

static const struct file_operations seq_fops = {
	.open = st_open,
	.read = seq_read,
};

static const struct file_operations empty_fops = {
	.llseek = no_llseek,
};

static struct pci_driver st_driver = {
	.name = "st",
	.probe = st_open,
};

static int __init st_init(void)
{
	debugfs_create_file("st", 0444, NULL, NULL, &dbg_fops);
	proc_create("st", 0444, NULL, &proc_fops);
	return 0;
}
module_init(st_init);
