/*
 * 2.4 line driver configured through /proc: mkdir in its directory makes
 * a channel, rmdir removes it; the module stays while a channel exists.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>

static struct proc_dir_entry *zl_root;

static int zl_mkdir(struct inode *dir, struct dentry *dentry, int mode)
{
	struct proc_dir_entry *de;

	de = create_proc_entry(dentry->d_name.name, mode | S_IFDIR, zl_root);
	if (!de)
		return -ENOMEM;
	de->data = kmalloc(64, GFP_KERNEL);
	if (!de->data) {
		remove_proc_entry(dentry->d_name.name, zl_root);
		return -ENOMEM;
	}
	MOD_INC_USE_COUNT;
	return 0;
}

static int zl_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct proc_dir_entry *de = dentry->d_inode->u.generic_ip;

	kfree(de->data);
	remove_proc_entry(dentry->d_name.name, zl_root);
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct inode_operations zl_root_iops = {
	.lookup	= proc_lookup,
	.mkdir	= zl_mkdir,
	.rmdir	= zl_rmdir,
};

int init_module(void)
{
	zl_root = create_proc_entry("zline", S_IFDIR | 0755, &proc_root);
	if (!zl_root)
		return -ENOMEM;
	zl_root->proc_iops = &zl_root_iops;
	return 0;
}

void cleanup_module(void)
{
	remove_proc_entry("zline", &proc_root);
}
