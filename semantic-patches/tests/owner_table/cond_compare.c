/*
 * 2.4 protocol family: release drops the count only for the socket type
 * that took it; the test is a comparison with no side effect, so it goes
 * with the count.  A test that assigns stays as a statement.
 */
#include <linux/module.h>
#include <linux/net.h>

static int vp_release(struct socket *sock)
{
	vp_destroy(sock->sk);
	sock->sk = NULL;
	if (sock->type == SOCK_DGRAM)
		MOD_DEC_USE_COUNT;
	return 0;
}

static int vp_shutdown(struct socket *sock, int how)
{
	if (how <= 2 && sock->state != SS_FREE)
		MOD_DEC_USE_COUNT;
	return 0;
}

static int vp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	int n;

	if ((n = vp_pending(sock)) >= 1)
		MOD_INC_USE_COUNT;
	return n;
}

static int vp_listen(struct socket *sock, int backlog)
{
	if (sock->flags <<= 1)
		MOD_INC_USE_COUNT;
	return 0;
}

static struct proto_ops vp_ops = {
	.family = PF_VPROTO,
	.release = vp_release,
	.shutdown = vp_shutdown,
	.ioctl = vp_ioctl,
	.listen = vp_listen,
};
