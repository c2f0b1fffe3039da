/*
 * A 2.4 network card whose open counted and whose watchdog timer dropped
 * the count when it gave up on the card, as the earlier rules leave it:
 * the open's count is gone (net_device method), the timer's drop became
 * module_put(THIS_MODULE).  Nothing takes a reference any more.
 */
#include <linux/module.h>
#include <linux/netdevice.h>

static int rc_open(struct net_device *dev)
{
	if (request_irq(dev->irq, rc_interrupt, SA_SHIRQ, dev->name, dev))
		return -EAGAIN;
	netif_start_queue(dev);
	return 0;
}

static void rc_timer(unsigned long data)
{
	struct net_device *dev = (struct net_device *)data;

	if (rc_dead(dev)) {
		printk(KERN_WARNING "%s: card dead, closing\n", dev->name);
		dev->flags &= ~IFF_UP;
		module_put(THIS_MODULE);
		return;
	}
	mod_timer(&rc_watchdog, jiffies + HZ);
}

static void rc_destroy(struct sock *sk)
{
	sk_free(sk);
	if (sk_last)
		module_put(THIS_MODULE);
}
