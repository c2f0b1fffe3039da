// SPDX-License-Identifier: GPL-2.0
/*
 * vmtd_ram: the 2.4 drivers/mtd/devices/mtdram.c model for modref.
 *
 * One RAM-backed flash device registered with vmtd_core.  The device
 * (struct vmtd_info, also the method table) lives in this module's data
 * and names this module as its owner; vmtd_core's users pin it through
 * that field.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "vmtd.h"

static bool readonly;
module_param(readonly, bool, 0444);
MODULE_PARM_DESC(readonly, "register the device without write access (default 0)");

/* serialises erase/read/write on the RAM buffer */
static DEFINE_MUTEX(ram_lock);

static int ram_range_ok(struct vmtd_info *mtd, loff_t from, size_t len)
{
	return from >= 0 && from <= mtd->size && len <= mtd->size - from;
}

static int ram_erase(struct vmtd_info *mtd, u32 addr, u32 len)
{
	if (!ram_range_ok(mtd, addr, len) ||
	    addr % mtd->erasesize || len % mtd->erasesize)
		return -EINVAL;

	mutex_lock(&ram_lock);
	memset((u8 *)mtd->priv + addr, MODREF_MTD_ERASED_BYTE, len);
	mutex_unlock(&ram_lock);
	return 0;
}

static int ram_read(struct vmtd_info *mtd, loff_t from, size_t len,
		    size_t *retlen, u8 *buf)
{
	if (!ram_range_ok(mtd, from, len))
		return -EINVAL;

	mutex_lock(&ram_lock);
	memcpy(buf, (u8 *)mtd->priv + from, len);
	mutex_unlock(&ram_lock);
	*retlen = len;
	return 0;
}

static int ram_write(struct vmtd_info *mtd, loff_t to, size_t len,
		     size_t *retlen, const u8 *buf)
{
	if (!ram_range_ok(mtd, to, len))
		return -EINVAL;

	mutex_lock(&ram_lock);
	memcpy((u8 *)mtd->priv + to, buf, len);
	mutex_unlock(&ram_lock);
	*retlen = len;
	return 0;
}

static struct vmtd_info ram_mtd = {
	.name = "vmtd_ram",
	.type = MODREF_MTD_TYPE_RAM,
	.flags = MODREF_MTD_CAP_RAM,
	.size = MODREF_MTD_RAM_SIZE,
	.erasesize = MODREF_MTD_RAM_ERASESIZE,
	.erase = ram_erase,
	.read = ram_read,
	.write = ram_write,
	.module = THIS_MODULE,
};

static int __init init_vmtd_ram(void)
{
	ram_mtd.priv = vmalloc(MODREF_MTD_RAM_SIZE);
	if (!ram_mtd.priv)
		return -ENOMEM;
	memset(ram_mtd.priv, MODREF_MTD_ERASED_BYTE, MODREF_MTD_RAM_SIZE);
	if (readonly)
		ram_mtd.flags = MODREF_MTD_CAP_ROM;

	if (add_vmtd_device(&ram_mtd)) {
		vfree(ram_mtd.priv);
		return -EAGAIN;
	}
	return 0;
}

static void __exit cleanup_vmtd_ram(void)
{
	del_vmtd_device(&ram_mtd);
	vfree(ram_mtd.priv);
}

module_init(init_vmtd_ram);
module_exit(cleanup_vmtd_ram);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref: 2.4-style RAM-backed flash driver for vmtd_core");
