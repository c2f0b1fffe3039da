/* EXPORT_NO_SYMBOLS inside #if blocks, as 2.4 drivers wrote it */
#include <linux/module.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(2,5,62)
EXPORT_NO_SYMBOLS;
#endif
MODULE_AUTHOR("A. Hacker");

#ifdef MODULE
EXPORT_NO_SYMBOLS;
MODULE_DESCRIPTION("a network driver");
#endif

static int __init foo_init(void)
{
	int result;

#if LINUX_VERSION_CODE < KERNEL_VER(2,1,18)
	register_symtab(0);
#else
	EXPORT_NO_SYMBOLS;
#endif
	result = foo_hw_init();
	return result;
}

#ifdef CONFIG_FOO_OLD
EXPORT_NO_SYMBOLS;
#else
static int foo_new = 1;
#endif

#define FOO_EXPORTS \
	EXPORT_NO_SYMBOLS;

#ifdef CONFIG_FOO_EMPTY
#endif
