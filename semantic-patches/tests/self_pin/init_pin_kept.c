/*
 * 2.4 driver whose init returns with the count taken when the hardware
 * cannot be released again: a pin on purpose, not a hold while init runs.
 * Nothing changes (legacy_tokens reports it).
 */
#include <linux/module.h>
#include <linux/init.h>

static int __init sticky_init(void)
{
	MOD_INC_USE_COUNT;
	if (sticky_claim_firmware())
		return 0;	/* the firmware cannot be unloaded: stay */
	MOD_DEC_USE_COUNT;
	return sticky_probe();
}

module_init(sticky_init);
