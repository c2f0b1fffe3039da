/* __MOD_INC_USE_COUNT on another module's owner: 2.4 pinned it whether or
 * not it was already going away.  Converted to a checked get where the
 * function can fail with nothing to undo, to __module_get() where a
 * reference is held, and left (reported) everywhere else. */
#include <linux/module.h>
#include <linux/fs.h>

/* fbmem-like open: nothing taken yet, the function returns an errno */
static int fb_open(struct inode *inode, struct file *file)
{
	int fbidx = GET_FB_IDX(inode->i_rdev);
	struct fb_info *info;
	int res = 0;

	if (!(info = registered_fb[fbidx]))
		return -ENODEV;
	if (info->fbops->owner)
		__MOD_INC_USE_COUNT(info->fbops->owner);
	if (info->fbops->fb_open) {
		res = info->fbops->fb_open(info, 1);
		if (res && info->fbops->owner)
			__MOD_DEC_USE_COUNT(info->fbops->owner);
	}
	return res;
}

/* a lookup returning a pointer: the failure is NULL */
static struct coproc_operations *coproc_grab(int dev)
{
	struct coproc_operations *coprocessor = audio_devs[dev]->coproc;

	if (!coprocessor)
		return NULL;
	__MOD_INC_USE_COUNT(coprocessor->owner);
	return coprocessor;
}

/* the open file pins its f_op's owner: a reference is held */
static int proxy_open(struct inode *inode, struct file *file)
{
	__MOD_INC_USE_COUNT(file->f_op->owner);
	return 0;
}

/* first opener takes a checked reference, later ones add to it */
static int serial_open(struct tty_struct *tty, struct file *filp)
{
	struct usb_serial *serial = tty->driver_data;
	int retval = 0;

	down(&serial->sem);
	if (serial->open_count) {
		if (serial->type->owner)
			__MOD_INC_USE_COUNT(serial->type->owner);
	} else if (serial->type->owner && !try_inc_mod_count(serial->type->owner)) {
		retval = -ENODEV;
		goto out;
	}
	serial->open_count++;
out:
	up(&serial->sem);
	return retval;
}

/* under the port semaphore: returning early would leave it held */
static int port_open(struct usb_serial_port *port)
{
	down(&port->sem);
	if (port->serial->type->owner)
		__MOD_INC_USE_COUNT(port->serial->type->owner);
	++port->open_count;
	up(&port->sem);
	return 0;
}

/* a field is written before the get: an early return would leave it */
static int tape_open(struct scsi_tape *STp)
{
	STp->in_use = 1;
	if (STp->device->host->hostt->module)
		__MOD_INC_USE_COUNT(STp->device->host->hostt->module);
	return 0;
}

/* void: the caller cannot learn of a failure */
static void get_filesystem(struct file_system_type *fs)
{
	if (fs->owner)
		__MOD_INC_USE_COUNT(fs->owner);
}

/* two pins: the first becomes a checked get, the second is left (a failed
 * second get would leak the first) */
static int dsp_open(int dev, int mode)
{
	struct audio_driver *driver = audio_devs[dev]->d;
	struct coproc_operations *coprocessor;
	int ret;

	if (driver->owner)
		__MOD_INC_USE_COUNT(driver->owner);
	if ((ret = DMAbuf_open(dev, mode)) < 0)
		goto error_1;
	if ((coprocessor = audio_devs[dev]->coproc) != NULL) {
		if (coprocessor->owner)
			__MOD_INC_USE_COUNT(coprocessor->owner);
	}
	return 0;
error_1:
	if (driver->owner)
		__MOD_DEC_USE_COUNT(driver->owner);
	return ret;
}
