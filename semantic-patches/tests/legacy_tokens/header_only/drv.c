#include "drv.h"

int drv_lock(void)
{
	DRV_LOCK();
	return 0;
}
