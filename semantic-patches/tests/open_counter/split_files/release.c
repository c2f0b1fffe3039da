/* the other half of the scanner: release, and the last user's reset */
#include <linux/module.h>
#include <linux/fs.h>

extern void scan_reset(void);

int scan_release(struct inode *inode, struct file *file)
{
	MOD_DEC_USE_COUNT;
	if (!MOD_IN_USE)
		scan_reset();
	return 0;
}
