/*
 * The tty driver of tty_last_close with MODREF_TARGET=2.4: struct tty_driver
 * has no owner before 2.5.58, so owner_table keeps the module counting and
 * MOD_IN_USE still counts the users.  Not a table that gets an owner: the
 * rule leaves the file.
 */
#include <linux/module.h>
#include <linux/tty.h>

static struct tty_driver panel_driver;

static int open_panel(struct tty_struct *tty, struct file *filp)
{
	MOD_INC_USE_COUNT;
	panel_power_up();
	return 0;
}

static void close_panel(struct tty_struct *tty, struct file *filp)
{
	MOD_DEC_USE_COUNT;
	if (MOD_IN_USE == 0)
		panel_power_down();
	else
		panel_flush(tty);
}

int __init panel_init(void)
{
	memset(&panel_driver, 0, sizeof(struct tty_driver));
	panel_driver.open = open_panel;
	panel_driver.close = close_panel;
	return tty_register_driver(&panel_driver);
}
