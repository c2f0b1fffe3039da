/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmtd.h: the 2.4 <linux/mtd/mtd.h> model for modref.
 *
 * struct vmtd_info is both the device and its method table, as 2.4's
 * struct mtd_info was; its "module" field (2.4's name, 2.5.71 renamed it
 * "owner") is set by the flash driver to THIS_MODULE.
 *
 * get_vmtd_device()/put_vmtd_device() live in vmtd_core, as 2.5.71 moved
 * them into mtdcore.c: get_vmtd_device() pins the device's module while it
 * holds mtd_table_mutex, the mutex del_vmtd_device() takes, so a flash
 * driver cannot be unloaded between the lookup and the pin.
 */
#ifndef _VMTD_H
#define _VMTD_H

#include <linux/module.h>
#include <linux/types.h>

#include <modref_mtd.h>

#define VMTD_MAX_DEVICES	MODREF_MTD_MAX_DEVICES

struct vmtd_info {
	u8 type;
	u32 flags;
	u32 size;		/* total size of the device in bytes */
	u32 erasesize;
	char *name;
	int index;

	int (*erase)(struct vmtd_info *mtd, u32 addr, u32 len);
	int (*read)(struct vmtd_info *mtd, loff_t from, size_t len,
		    size_t *retlen, u8 *buf);
	int (*write)(struct vmtd_info *mtd, loff_t to, size_t len,
		     size_t *retlen, const u8 *buf);

	void *priv;
	struct module *module;
};

int add_vmtd_device(struct vmtd_info *mtd);
int del_vmtd_device(struct vmtd_info *mtd);
struct vmtd_info *get_vmtd_device(struct vmtd_info *mtd, int num);
void put_vmtd_device(struct vmtd_info *mtd);

#endif /* _VMTD_H */
