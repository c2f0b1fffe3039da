/* counting in callbacks of other subsystems is not a helper's: left alone */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/interrupt.h>

static int irq = 5;

static void tbox_interrupt(int irq, void *dev_id, struct pt_regs *regs)
{
	MOD_INC_USE_COUNT;
	tbox_handle();
	MOD_DEC_USE_COUNT;
}

static int tbox_notify(struct notifier_block *nb, unsigned long ev, void *p)
{
	if (ev == TBOX_GONE)
		MOD_DEC_USE_COUNT;
	return NOTIFY_DONE;
}

static struct notifier_block tbox_nb = {
	.notifier_call	= tbox_notify,
};

static int tbox_start(void)
{
	return request_irq(irq, tbox_interrupt, 0, "tbox", NULL);
}

int init_module(void)
{
	MOD_INC_USE_COUNT;
	register_reboot_notifier(&tbox_nb);
	return tbox_start() ? -EBUSY : 0;
}

void cleanup_module(void)
{
	free_irq(irq, NULL);
	unregister_reboot_notifier(&tbox_nb);
}
