/* 2.4 char driver: the module stays while the flush timer is pending */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/timer.h>

static struct timer_list flush_timer;
static int flush_pending;

static void lp3_flush(unsigned long data)
{
	lp3_write_out();
	flush_pending = 0;
	MOD_DEC_USE_COUNT;
}

static void lp3_queue_flush(void)
{
	if (flush_pending)
		return;
	flush_pending = 1;
	MOD_INC_USE_COUNT;
	init_timer(&flush_timer);
	flush_timer.function = lp3_flush;
	flush_timer.data = 0;
	flush_timer.expires = jiffies + HZ / 10;
	add_timer(&flush_timer);
}

static ssize_t lp3_write(struct file *file, const char *buf, size_t count,
			 loff_t *ppos)
{
	ssize_t n = lp3_copy_in(buf, count);

	if (n > 0)
		lp3_queue_flush();
	return n;
}

static struct file_operations lp3_fops = {
	.owner	= THIS_MODULE,
	.write	= lp3_write,
};
