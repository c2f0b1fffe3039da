/* file-scope EXPORT_NO_SYMBOLS: spatch 1.1.1 does not parse it, the rule
 * leaves it (semantic-patches/postpass removes it) */
#include <linux/module.h>

EXPORT_NO_SYMBOLS;

static int __init foo_init(void)
{
	return 0;
}
module_init(foo_init);
