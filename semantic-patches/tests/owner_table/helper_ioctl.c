/* 2.4 generic_serial driver: the use count lives in two helpers, taken on
 * the first open, dropped from the real_driver close and hangup */
#include <linux/module.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/generic_serial.h>

struct gx_port {
	struct gs_port gs;
	int up;
};

static struct tty_driver gx_driver, gx_callout_driver;
static int gx_refcount;
static struct gx_port gx_ports[8];
static struct tty_struct *gx_table[8];
static struct termios *gx_termios[8], *gx_termios_locked[8];

static void gx_close(void *ptr);
static void gx_hungup(void *ptr);

static struct real_driver gx_real_driver = {
	gx_disable_tx_interrupts,
	gx_enable_tx_interrupts,
	gx_disable_rx_interrupts,
	gx_enable_rx_interrupts,
	gx_get_CD,
	gx_shutdown_port,
	gx_set_real_termios,
	gx_chars_in_buffer,
	gx_close,
	gx_hungup,
	NULL
};

static void gx_inc_use(void)
{
	gx_debug("gx_inc_use\n");
	__module_get(THIS_MODULE);
}

static void gx_dec_use(void)
{
	gx_debug("gx_dec_use\n");
	module_put(THIS_MODULE);
}

static void gx_close(void *ptr)
{
	struct gx_port *port = ptr;

	port->gs.tty = NULL;
	gx_dec_use();
}

static void gx_hungup(void *ptr)
{
	struct gx_port *port = ptr;

	port->gs.tty = NULL;
	gx_dec_use();
}

static int gx_ioctl(struct tty_struct *tty, struct file *filp,
		    unsigned int cmd, unsigned long arg)
{
	if (cmd == GX_PIN)
		gx_inc_use();
	return 0;
}

static int gx_open(struct tty_struct *tty, struct file *filp)
{
	struct gx_port *port = &gx_ports[MINOR(tty->device) & 7];
	int retval;

	tty->driver_data = port;
	port->gs.tty = tty;
	if (!port->gs.count)
		gx_inc_use();
	port->gs.count++;
	retval = gs_init_port(&port->gs);
	if (retval) {
		port->gs.count--;
		if (!port->gs.count)
			gx_dec_use();
		return -ENXIO;
	}
	return gs_block_til_ready(&port->gs, filp);
}

static int __init gx_init(void)
{
	int i;

	for (i = 0; i < 8; i++)
		gx_ports[i].gs.rd = &gx_real_driver;
	memset(&gx_driver, 0, sizeof(gx_driver));
	gx_driver.magic = TTY_DRIVER_MAGIC;
	gx_driver.name = "ttyGX";
	gx_driver.major = 240;
	gx_driver.num = 8;
	gx_driver.type = TTY_DRIVER_TYPE_SERIAL;
	gx_driver.subtype = SERIAL_TYPE_NORMAL;
	gx_driver.init_termios = tty_std_termios;
	gx_driver.refcount = &gx_refcount;
	gx_driver.table = gx_table;
	gx_driver.termios = gx_termios;
	gx_driver.termios_locked = gx_termios_locked;
	gx_driver.open = gx_open;
	gx_driver.ioctl = gx_ioctl;
	gx_driver.close = gs_close;
	gx_driver.write = gs_write;
	gx_driver.hangup = gs_hangup;

	gx_callout_driver = gx_driver;
	gx_callout_driver.name = "cugx";
	gx_callout_driver.major = 241;
	gx_callout_driver.subtype = SERIAL_TYPE_CALLOUT;

	if (tty_register_driver(&gx_driver))
		return -EBUSY;
	if (tty_register_driver(&gx_callout_driver)) {
		tty_unregister_driver(&gx_driver);
		return -EBUSY;
	}
	return 0;
}

static void __exit gx_exit(void)
{
	tty_unregister_driver(&gx_callout_driver);
	tty_unregister_driver(&gx_driver);
}

module_init(gx_init);
module_exit(gx_exit);
