/* 2.4 drivers hid the counting in macros */
#include <linux/module.h>

#define CARD_HOLD()	MOD_INC_USE_COUNT
#define CARD_RELEASE()	MOD_DEC_USE_COUNT
#define PIN_OWNER(ops) \
	do { \
		if ((ops)->owner) \
			__MOD_INC_USE_COUNT((ops)->owner); \
	} while (0)

static int card_open(struct inode *inode, struct file *file)
{
	CARD_HOLD();
	return 0;
}

/* an indented directive, as compatibility headers write them */
#if LINUX_VERSION_CODE < KERNEL_VERSION(2,1,18)
#  define OLD_EXPORTS EXPORT_NO_SYMBOLS
#endif
