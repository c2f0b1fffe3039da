/* a module that exports: nothing to do */
#include <linux/module.h>

int foo_register(struct foo_ops *ops)
{
	return 0;
}
EXPORT_SYMBOL(foo_register);
