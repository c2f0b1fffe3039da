/* The alias lives in the module's header: on current kernels it is a
 * no-op, the calls go; the header keeps its definition. */
#include <linux/module.h>
#include "xmpt.h"

static int clients;

int xmpt_register(void)
{
	clients++;
	if (clients == 1)
		xmpt_inc_use_count();
	return clients;
}

void xmpt_deregister(void)
{
	clients--;
	xmpt_dec_use_count();
}
