/* an nls table: register_nls() is a macro that sets .owner = THIS_MODULE */
#include <linux/module.h>
#include <linux/nls.h>

static int uni2char(wchar_t uni, unsigned char *out, int boundlen)
{
	return 0;
}

static struct nls_table table = {
	.charset = "x-test",
	.uni2char = uni2char,
};

static int __init init_nls_test(void)
{
	return register_nls(&table);
}
module_init(init_nls_test);
MODULE_LICENSE("GPL");
