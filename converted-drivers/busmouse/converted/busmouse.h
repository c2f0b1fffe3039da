/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interface between the busmouse core and the low-level mouse drivers,
 * after 2.4's include/linux/busmouse.h (without the misc minor: the core
 * hands out slot numbers, and minor N of its char device is slot N).
 */
#ifndef _MODREF_BUSMOUSE_H
#define _MODREF_BUSMOUSE_H

#include <linux/fs.h>

#define NR_MICE		4

struct busmouse {
	const char *name;
	struct module *owner;
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int init_button_state;
};

/* returns the slot (>= 0) or a negative errno */
int register_busmouse(struct busmouse *ops);
int unregister_busmouse(int mousedev);
void busmouse_add_movementbuttons(int mousedev, int dx, int dy, int buttons);

#endif /* _MODREF_BUSMOUSE_H */
