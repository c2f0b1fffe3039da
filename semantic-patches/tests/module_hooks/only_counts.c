/* a PHY library module: init pins it so that it never unloads */
#include <linux/module.h>

int uPD98402_init(struct atm_dev *dev)
{
	return uPD98402_start(dev);
}

#ifdef MODULE
int init_module(void)
{
	MOD_INC_USE_COUNT;
	return 0;
}

void cleanup_module(void)
{
	/* nothing */
}
#endif

static int __init pool_init(void)
{
	MOD_INC_USE_COUNT;	/* never unload */
	return 0;
}

static void __exit pool_exit(void)
{
	MOD_DEC_USE_COUNT;
}

module_init(pool_init);
module_exit(pool_exit);
