/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * modref mtd family: interface between the vmtd_* modules and the guest
 * runner.  Plain C, usable from user space.
 *
 * vmtd_block registers the char device MODREF_MTD_CHRDEV (dynamic major,
 * see /proc/devices); minor N is mtd device N of vmtd_core (vmtd_ram
 * registers one device, index 0).  read() returns the flash contents from
 * the file position, write() stores into them, lseek() works.  Opening
 * for writing fails with EROFS when the device lacks MODREF_MTD_SET_BITS
 * (vmtd_ram.readonly=1).
 */
#ifndef _MODREF_MTD_H
#define _MODREF_MTD_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define MODREF_MTD_CHRDEV		"modref_mtd"
#define MODREF_MTD_MAX_DEVICES		4

/* vmtd_ram: one RAM-backed device, erased (all 0xff) at load */
#define MODREF_MTD_RAM_SIZE		(64 * 1024)
#define MODREF_MTD_RAM_ERASESIZE	4096
#define MODREF_MTD_ERASED_BYTE		0xff

#define MODREF_MTD_TYPE_RAM		1

/* flags, as 2.4's MTD_CLEAR_BITS, MTD_SET_BITS, MTD_ERASEABLE */
#define MODREF_MTD_CLEAR_BITS		0x01
#define MODREF_MTD_SET_BITS		0x02	/* writeable: open O_RDWR allowed */
#define MODREF_MTD_ERASEABLE		0x04
#define MODREF_MTD_CAP_RAM \
	(MODREF_MTD_CLEAR_BITS | MODREF_MTD_SET_BITS | MODREF_MTD_ERASEABLE)
#define MODREF_MTD_CAP_ROM		0

struct modref_mtd_info_user {
	__u32 type;
	__u32 flags;
	__u32 size;
	__u32 erasesize;
	__u32 index;
	char name[32];
};

struct modref_mtd_erase_user {
	__u32 start;
	__u32 length;		/* both multiples of erasesize */
};

#define MODREF_MTD_IOCTL_GETINFO \
	_IOR('M', 0x40, struct modref_mtd_info_user)
#define MODREF_MTD_IOCTL_ERASE \
	_IOW('M', 0x41, struct modref_mtd_erase_user)

#endif /* _MODREF_MTD_H */
