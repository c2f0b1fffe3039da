/* counting in functions that are not started as threads: unchanged; a
 * thread whose count drop is not followed by its exit: unchanged */
#include <linux/module.h>

static int helper(void *data)
{
	MOD_INC_USE_COUNT;
	return 0;
}

static int worker(void *data)
{
	MOD_INC_USE_COUNT;
	do_work(data);
	MOD_DEC_USE_COUNT;
	do_more_work(data);
	return 0;
}

int start(void)
{
	return kernel_thread(worker, NULL, 0);
}
