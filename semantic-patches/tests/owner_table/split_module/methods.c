#include <linux/module.h>
#include "ops.h"

int foo_start(int unit)
{
	if (unit > 3)
		return -EINVAL;
	MOD_INC_USE_COUNT;
	return 0;
}

void foo_stop(int unit)
{
	MOD_DEC_USE_COUNT;
}
