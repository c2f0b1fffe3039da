/* 2.4 include/linux/mtd/mtd.h-like get/put and use-count reporting */
#include <linux/module.h>

static inline struct mtd_info *get_mtd_device(struct mtd_info *mtd, int num)
{
	struct mtd_info *ret;

	ret = __get_mtd_device(mtd, num);
	if (ret && ret->module && !try_inc_mod_count(ret->module))
		return NULL;
	return ret;
}

static inline void put_mtd_device(struct mtd_info *mtd)
{
	if (mtd->module)
		__MOD_DEC_USE_COUNT(mtd->module);
}

/* void and nothing shows a reference is held: left, and reported */
static void mtdblk_dup(struct mtd_info *mtd)
{
	if (mtd->module != NULL)
		__MOD_INC_USE_COUNT(mtd->module);
}

static int grab(struct module *m)
{
	if (!m || try_inc_mod_count(m))
		return 0;
	return -EBUSY;
}

int mtd_users(struct mtd_info *mtd)
{
	printk(KERN_DEBUG "mtd: %d users\n", GET_USE_COUNT(mtd->module));
	__MOD_INC_USE_COUNT(THIS_MODULE);
	__MOD_DEC_USE_COUNT(THIS_MODULE);
	return 0;
}
