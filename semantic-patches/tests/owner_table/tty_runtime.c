/* 2.4 serial driver: the tty_driver is filled in at init, open/close count */
#include <linux/module.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/serial.h>

static struct tty_driver qs_driver, qs_callout_driver;
static int qs_refcount;
static struct tty_struct *qs_table[4];
static struct termios *qs_termios[4], *qs_termios_locked[4];

static int qs_open(struct tty_struct *tty, struct file *filp)
{
	int line = MINOR(tty->device) - tty->driver.minor_start;

	if (line < 0 || line >= 4)
		return -ENODEV;
	MOD_INC_USE_COUNT;
	if (qs_startup(line)) {
		MOD_DEC_USE_COUNT;
		return -EIO;
	}
	return 0;
}

static void qs_close(struct tty_struct *tty, struct file *filp)
{
	qs_shutdown(tty);
	MOD_DEC_USE_COUNT;
}

static int qs_write(struct tty_struct *tty, int from_user,
		    const unsigned char *buf, int count)
{
	return qs_tx(tty, from_user, buf, count);
}

static int __init qs_init(void)
{
	memset(&qs_driver, 0, sizeof(struct tty_driver));
	qs_driver.magic = TTY_DRIVER_MAGIC;
	qs_driver.driver_name = "qserial";
	qs_driver.name = "ttyQ";
	qs_driver.major = 204;
	qs_driver.minor_start = 0;
	qs_driver.num = 4;
	qs_driver.type = TTY_DRIVER_TYPE_SERIAL;
	qs_driver.subtype = SERIAL_TYPE_NORMAL;
	qs_driver.init_termios = tty_std_termios;
	qs_driver.flags = TTY_DRIVER_REAL_RAW;
	qs_driver.refcount = &qs_refcount;
	qs_driver.table = qs_table;
	qs_driver.termios = qs_termios;
	qs_driver.termios_locked = qs_termios_locked;
	qs_driver.open = qs_open;
	qs_driver.close = qs_close;
	qs_driver.write = qs_write;

	qs_callout_driver = qs_driver;
	qs_callout_driver.name = "cuq";
	qs_callout_driver.major = 205;
	qs_callout_driver.subtype = SERIAL_TYPE_CALLOUT;

	if (tty_register_driver(&qs_driver))
		return -EBUSY;
	if (tty_register_driver(&qs_callout_driver)) {
		tty_unregister_driver(&qs_driver);
		return -EBUSY;
	}
	return 0;
}

static void __exit qs_exit(void)
{
	tty_unregister_driver(&qs_callout_driver);
	tty_unregister_driver(&qs_driver);
}

module_init(qs_init);
module_exit(qs_exit);
