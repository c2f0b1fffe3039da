/* 2.4 init_module() with EXPORT_NO_SYMBOLS as a statement */
#include <linux/module.h>

int init_module(void)
{
	int err;

	EXPORT_NO_SYMBOLS;
	err = register_chrdev(FOO_MAJOR, "foo", &foo_fops);
	if (err < 0)
		return err;
	return 0;
}
