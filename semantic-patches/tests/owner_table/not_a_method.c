/* counting outside any method of an owner table: left for a human (the
 * report names it); a table whose methods do not count gets no .owner */
#include <linux/fs.h>
#include <linux/module.h>

void foo_hold(void)
{
	MOD_INC_USE_COUNT;
}

void foo_unhold(void)
{
	MOD_DEC_USE_COUNT;
}

static int foo_open(struct inode *inode, struct file *file)
{
	return 0;
}

static struct file_operations foo_fops = {
	.open = foo_open,
};
