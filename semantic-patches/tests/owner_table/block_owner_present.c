/* 2.4 block driver whose table already names its owner: only the counting
 * goes, no second .owner; `if (c) MOD_DEC_USE_COUNT;` with a side effect
 * keeps the side effect */
#include <linux/fs.h>
#include <linux/module.h>

static int pd_open(struct inode *inode, struct file *file)
{
	int unit = DEVICE_NR(inode->i_rdev);

	if (unit >= PD_UNITS || !pd[unit].present)
		return -ENODEV;
	MOD_INC_USE_COUNT;
	pd[unit].access++;
	return 0;
}

static int pd_release(struct inode *inode, struct file *file)
{
	int unit = DEVICE_NR(inode->i_rdev);

	if (!--pd[unit].access && pd[unit].removable)
		pd_doorlock(unit, IDE_DOORUNLOCK);
	if (atomic_dec_and_test(&pd_users))
		MOD_DEC_USE_COUNT;
	return 0;
}

static struct block_device_operations pd_fops = {
	.owner = THIS_MODULE,
	.open = pd_open,
	.release = pd_release,
};
