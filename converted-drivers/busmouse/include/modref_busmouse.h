/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * modref busmouse family: what user space (the guest runner) sees.
 *
 * The core registers a char device named MODREF_MOUSE_CHRDEV with a
 * dynamic major (read it from /proc/devices); minor N is the mouse
 * registered in slot N (vmouse registers one mouse: minor 0).
 * open(O_RDONLY | O_NONBLOCK), then read() returns one 3-byte PS/2-style
 * packet per call, or fails with EAGAIN when no movement is pending.
 */
#ifndef _MODREF_BUSMOUSE_UAPI_H
#define _MODREF_BUSMOUSE_UAPI_H

#define MODREF_MOUSE_CHRDEV	"modref_mouse"
#define MODREF_MOUSE_MAX	4	/* minors 0 .. MODREF_MOUSE_MAX - 1 */
#define MODREF_MOUSE_PACKET	3	/* bytes per read() */

/* packet byte 0; byte 1 is dx, byte 2 is dy (two's complement, -127..127) */
#define MODREF_MOUSE_LEFT	0x01
#define MODREF_MOUSE_RIGHT	0x02
#define MODREF_MOUSE_MIDDLE	0x04
#define MODREF_MOUSE_ALWAYS1	0x08	/* always set: packet sync bit */
#define MODREF_MOUSE_XSIGN	0x10
#define MODREF_MOUSE_YSIGN	0x20

#endif /* _MODREF_BUSMOUSE_UAPI_H */
