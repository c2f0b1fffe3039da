/* old-style cleanup_module() with an else branch */
#include <linux/module.h>

void cleanup_module(void)
{
	if (MOD_IN_USE)
		pr_warn("sbpcd: module in use\n");
	else
		sbpcd_unregister();
	kfree(sbp_buffer);
}
