// SPDX-License-Identifier: GPL-2.0
/*
 * vmtd_core: the 2.4 drivers/mtd/mtdcore.c model for modref.
 *
 * Keeps the table of registered flash devices.  __get_vmtd_device() looks a
 * device up under mtd_table_mutex and drops the mutex before it returns;
 * the caller (get_vmtd_device() in vmtd.h) pins the device's module only
 * then.  get_delay_ms widens that window.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>

#include "vmtd.h"
#include "modref_rendezvous.h"

static unsigned int get_delay_ms;
module_param(get_delay_ms, uint, 0644);
MODULE_PARM_DESC(get_delay_ms,
		 "race widening: ms to sleep between the table lookup and the caller's pin (default 0)");

static unsigned int get_hold;
module_param(get_hold, uint, 0644);
MODULE_PARM_DESC(get_hold,
		 "race rendezvous: 1 holds the next lookup between the table lookup and the caller's pin, until set to 0");

static DEFINE_MUTEX(mtd_table_mutex);
static struct vmtd_info *mtd_table[VMTD_MAX_DEVICES];

/**
 * add_vmtd_device - register a flash device
 * @mtd: the device; mtd->module must be set by the caller
 *
 * Return: 0 on success, 1 when the table is full (2.4 semantics).
 */
int add_vmtd_device(struct vmtd_info *mtd)
{
	int i;

	mutex_lock(&mtd_table_mutex);
	for (i = 0; i < VMTD_MAX_DEVICES; i++) {
		if (!mtd_table[i]) {
			mtd_table[i] = mtd;
			mtd->index = i;
			mutex_unlock(&mtd_table_mutex);
			pr_info("vmtd_core: mtd%d: \"%s\", %u bytes\n",
				i, mtd->name, mtd->size);
			return 0;
		}
	}
	mutex_unlock(&mtd_table_mutex);
	return 1;
}
EXPORT_SYMBOL(add_vmtd_device);

/**
 * del_vmtd_device - unregister a flash device
 * @mtd: the device passed to add_vmtd_device()
 *
 * Return: 0 on success, -ENODEV when @mtd is not registered.
 */
int del_vmtd_device(struct vmtd_info *mtd)
{
	int i;

	mutex_lock(&mtd_table_mutex);
	for (i = 0; i < VMTD_MAX_DEVICES; i++) {
		if (mtd_table[i] == mtd) {
			mtd_table[i] = NULL;
			mutex_unlock(&mtd_table_mutex);
			pr_info("vmtd_core: mtd%d: removed\n", i);
			return 0;
		}
	}
	mutex_unlock(&mtd_table_mutex);
	return -ENODEV;
}
EXPORT_SYMBOL(del_vmtd_device);

/**
 * __get_vmtd_device - look a flash device up, without pinning it
 * @mtd: the device to look for, or NULL to look up by @num
 * @num: the index to look up, or -1 to look up by @mtd
 *
 * Return: the device or NULL.  Not pinned: see get_vmtd_device().
 */
struct vmtd_info *__get_vmtd_device(struct vmtd_info *mtd, int num)
{
	struct vmtd_info *ret = NULL;
	int i;

	mutex_lock(&mtd_table_mutex);
	if (num == -1) {
		for (i = 0; i < VMTD_MAX_DEVICES; i++)
			if (mtd_table[i] == mtd)
				ret = mtd_table[i];
	} else if (num >= 0 && num < VMTD_MAX_DEVICES) {
		ret = mtd_table[num];
		if (mtd && mtd != ret)
			ret = NULL;
	}
	mutex_unlock(&mtd_table_mutex);

	/* 2.4 window: ret is unpinned until the caller's try_inc_mod_count */
	if (ret && get_delay_ms)
		msleep(get_delay_ms);
	if (ret)
		modref_rendezvous(&get_hold);

	return ret;
}
EXPORT_SYMBOL(__get_vmtd_device);

static int __init init_vmtd(void)
{
	pr_info("vmtd_core: 2.4-style MTD core, %d slots\n", VMTD_MAX_DEVICES);
	return 0;
}

static void __exit cleanup_vmtd(void)
{
	int i;

	/* every flash driver depends on us, so the table is empty here */
	for (i = 0; i < VMTD_MAX_DEVICES; i++)
		WARN_ON(mtd_table[i]);
}

module_init(init_vmtd);
module_exit(cleanup_vmtd);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modref: 2.4-style MTD core (get/put pin the flash driver)");
