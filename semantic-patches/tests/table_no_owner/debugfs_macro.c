/* file_operations that only reach debugfs, through a macro (token
 * pasting) or a table of files walked in a loop: debugfs protects them */
#include <linux/debugfs.h>
#include <linux/module.h>

#define DBG_ADD(name, parent) \
	debugfs_create_file(#name, 0400, parent, NULL, &name##_ops)

static ssize_t qlen_read(struct file *file, char __user *buf, size_t n,
			 loff_t *pos)
{
	return 0;
}

static const struct file_operations qlen_ops = {
	.read = qlen_read,
};

static const struct file_operations fops_stats = {
	.read = qlen_read,
};

static const struct {
	const char *name;
	const struct file_operations *fops;
} dbg_files[] = {
	{ "stats", &fops_stats },
};

static int __init dbg_init(void)
{
	struct dentry *d = debugfs_create_dir("dbg", NULL);
	int i;

	DBG_ADD(qlen, d);
	for (i = 0; i < ARRAY_SIZE(dbg_files); i++)
		debugfs_create_file(dbg_files[i].name, 0400, d, NULL,
				    dbg_files[i].fops);
	return 0;
}
module_init(dbg_init);
MODULE_LICENSE("GPL");
