/* 2.4 protocol core: helper modules register their handlers here, and the
 * core stays loaded while any is registered */
#include <linux/module.h>
#include <linux/list.h>
#include <linux/errno.h>

struct ph_handler {
	struct list_head list;
	const char *name;
	int (*input)(void *pkt);
};

static LIST_HEAD(ph_handlers);

int ph_register_handler(struct ph_handler *h)
{
	if (!h->input)
		return -EINVAL;
	MOD_INC_USE_COUNT;
	list_add(&h->list, &ph_handlers);
	return 0;
}

int ph_unregister_handler(struct ph_handler *h)
{
	list_del(&h->list);
	MOD_DEC_USE_COUNT;
	return 0;
}

/* stored in a table: a method, left to owner_table */
static int ph_echo(void *pkt)
{
	MOD_INC_USE_COUNT;
	MOD_DEC_USE_COUNT;
	return 0;
}

static struct ph_handler ph_echo_handler = {
	.name = "echo",
	.input = ph_echo,
};

EXPORT_SYMBOL(ph_register_handler);
EXPORT_SYMBOL_GPL(ph_unregister_handler);

static int __init ph_init(void)
{
	return ph_register_handler(&ph_echo_handler);
}

static void __exit ph_exit(void)
{
	ph_unregister_handler(&ph_echo_handler);
}

module_init(ph_init);
module_exit(ph_exit);
