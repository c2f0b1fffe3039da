/* 2.4 scanner driver: its ops type is declared in include/linux/ */
#include <linux/module.h>
#include <linux/scanbus.h>

static int hs_attach(struct scanbus_dev *dev)
{
	MOD_INC_USE_COUNT;
	if (hs_probe(dev) < 0) {
		MOD_DEC_USE_COUNT;
		return -ENODEV;
	}
	return 0;
}

static void hs_detach(struct scanbus_dev *dev)
{
	hs_stop(dev);
	MOD_DEC_USE_COUNT;
}

static struct scanbus_ops hs_ops = {
	.name		= "hs",
	.attach		= hs_attach,
	.detach		= hs_detach,
};
