/*
 * A block driver that holds itself while a backing file is bound: the
 * get in set_fd and the put in clr_fd pair up, both stay.
 */
#include <linux/module.h>
#include <linux/fs.h>

static int bd_set_fd(struct bd_device *bd, struct file *file)
{
	bd->file = file;
	__module_get(THIS_MODULE);
	return 0;
}

static int bd_clr_fd(struct bd_device *bd)
{
	bd->file = NULL;
	module_put(THIS_MODULE);
	return 0;
}
