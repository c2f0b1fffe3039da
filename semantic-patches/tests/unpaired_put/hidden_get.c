/*
 * The get hides in a macro for old kernels (and in an #if branch spatch
 * does not take): the puts stay, legacy_macro reports the macro.
 */
#include <linux/module.h>

#if LINUX_VERSION_CODE < 0x020300
#define CARD_HOLD()	MOD_INC_USE_COUNT
#else
#define CARD_HOLD()	do { } while (0)
#endif

static int card_start(struct card *c)
{
	CARD_HOLD();
	c->running = 1;
	return 0;
}

static void card_stop(struct card *c)
{
	c->running = 0;
	module_put(THIS_MODULE);
}
