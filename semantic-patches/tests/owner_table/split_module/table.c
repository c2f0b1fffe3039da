/* the table lives here, its methods in methods.c */
#include <linux/module.h>
#include "ops.h"

static struct foo_ops foo_ops = {
	.name = "foo",
	.start = foo_start,
	.stop = foo_stop,
};

static int __init foo_init(void)
{
	return foo_register(&foo_ops);
}

module_init(foo_init);
