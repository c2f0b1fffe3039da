/* Counting that 2.4 compiles: with target 2.4 the aliases stay. */
#include <linux/module.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,5,58)
#define xmpt_inc_use_count()
#define xmpt_dec_use_count()
#else
#define xmpt_inc_use_count() MOD_INC_USE_COUNT
#define xmpt_dec_use_count() MOD_DEC_USE_COUNT
#endif

static int clients;

int xmpt_register(void)
{
	clients++;
	xmpt_inc_use_count();
	return clients;
}

void xmpt_deregister(void)
{
	clients--;
	xmpt_dec_use_count();
}
