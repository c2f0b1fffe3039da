/* Aliases left: one that counts on every kernel, one behind a test that
 * is not the kernel version, one defined a second time. */
#include <linux/module.h>

#define YDRV_HOLD	MOD_INC_USE_COUNT

#ifdef CONFIG_YDRV_PIN
#define YDRV_PIN	MOD_INC_USE_COUNT
#define YDRV_UNPIN	MOD_DEC_USE_COUNT
#else
#define YDRV_PIN	do { } while (0)
#define YDRV_UNPIN	do { } while (0)
#endif

#if LINUX_VERSION_CODE < 0x20400
#define YDRV_GET	MOD_INC_USE_COUNT
#else
#define YDRV_GET	do { } while (0)
#endif

#ifdef YDRV_DEBUG
#undef YDRV_GET
#define YDRV_GET	MOD_INC_USE_COUNT
#endif

static int ydrv_open(struct inode *inode, struct file *file)
{
	YDRV_HOLD;
	YDRV_PIN;
	YDRV_GET;
	return 0;
}

static int ydrv_release(struct inode *inode, struct file *file)
{
	YDRV_UNPIN;
	MOD_DEC_USE_COUNT;
	return 0;
}
