/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * modref hisax family: what user space (the guest runner) sees.
 *
 * hisax_core registers a char device named MODREF_ISDN_CHRDEV with a
 * dynamic major (read it from /proc/devices; any minor).  Every request
 * is one ioctl, MODREF_ISDN_IOCTL_CMD, which enters the core's
 * HiSax_command() path:
 *
 *   driver   card index, 0 for the first card registered
 *   command  MODREF_ISDN_CMD_*
 *   arg      in/out, per command
 *
 * MODREF_ISDN_CMD_LOCK / _UNLOCK   signal use of the card by an upper
 *	level (the core counts the card's module).  One LOCK per card and
 *	open file: a second LOCK fails with EBUSY, an UNLOCK without LOCK
 *	with EINVAL; close drops what is still locked.
 * MODREF_ISDN_CMD_IOCTL   calls into the card driver (D-channel activation
 *	request); arg returns the card's status word:
 *	(MODREF_ISDN_VCARD_MAGIC << 16) | (requests served & 0xffff).
 *
 * Errors: ENODEV no such card, EINVAL bad command, ENOTTY other ioctls.
 * Runner sequence: open, LOCK, IOCTL, UNLOCK, close.
 */
#ifndef _MODREF_HISAX_UAPI_H
#define _MODREF_HISAX_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define MODREF_ISDN_CHRDEV	"modref_isdn"

struct modref_isdn_cmd {
	__s32 driver;
	__s32 command;
	__u64 arg;
};

#define MODREF_ISDN_IOCTL_CMD	_IOWR('I', 0x40, struct modref_isdn_cmd)

/* numbered as ISDN_CMD_* in 2.4's include/linux/isdnif.h */
#define MODREF_ISDN_CMD_IOCTL	0
#define MODREF_ISDN_CMD_LOCK	14
#define MODREF_ISDN_CMD_UNLOCK	15

#define MODREF_ISDN_VCARD_MAGIC	0x7663	/* "vc" */

#endif /* _MODREF_HISAX_UAPI_H */
