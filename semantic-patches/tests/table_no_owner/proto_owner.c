/* proto_ops of a protocol whose struct proto has .owner: every socket
 * pins the module through sk->sk_prot_creator, so proto_ops needs none;
 * a proto_ops in a module whose struct proto has no owner is reported */
#include <linux/module.h>
#include <net/sock.h>

static int tp_release(struct socket *sock)
{
	return 0;
}

static const struct proto_ops tp_ops = {
	.family = PF_CAN,
	.release = tp_release,
};

static struct proto tp_proto __read_mostly = {
	.name = "TP",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct sock),
};

MODULE_LICENSE("GPL");
