#include <linux/module.h>

static int x;

EXPORT_NO_SYMBOLS;

module_init(foo_init);
