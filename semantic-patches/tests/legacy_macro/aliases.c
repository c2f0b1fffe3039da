/*
 * Aliases of the use count: one only for kernels before 2.4.14 (a no-op
 * on the target, kept here by a use in an expression), one that the
 * target compiles as counting, one behind a configuration test.
 */
#include <linux/module.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(2,4,14)
#define WBLK_GET	MOD_INC_USE_COUNT
#else
#define WBLK_GET	do {} while (0)
#endif

#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,5,0)
#define WBLK_PIN()	MOD_INC_USE_COUNT
#else
#define WBLK_PIN()
#endif

#ifdef CONFIG_WBLK_DEBUG
#define WBLK_HOLD	MOD_INC_USE_COUNT
#else
#define WBLK_HOLD	do { } while (0)
#endif

static int wblk_open(struct inode *inode, struct file *file)
{
	WBLK_PIN();
	WBLK_HOLD;
	return inode ? 0 : (WBLK_GET, -ENODEV);
}
