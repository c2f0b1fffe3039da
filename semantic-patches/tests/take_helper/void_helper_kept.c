/* Void helpers that pin another module with nothing held, where some
 * caller could not see a failed get: each helper is left whole (and
 * reported), since that caller would later put a reference its failed
 * get never took. */
#include <linux/module.h>
#include <linux/videodev.h>

struct tuner_client {
	struct module *owner;
};

struct tuner {
	struct tuner_client *client;
	struct semaphore sem;
	spinlock_t lock;
	int users;
	int standby;
};

/* the attach path returns void and keeps the reference */
static void tuner_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static int tuner_open(struct tuner *t)
{
	tuner_hold(t);
	return 0;
}

static void tuner_attach(struct tuner *t)
{
	tuner_hold(t);
	t->users = 1;
}

/* the only caller takes the semaphore first and keeps the reference */
static void radio_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static int radio_open(struct tuner *t)
{
	down(&t->sem);
	radio_hold(t);
	t->users++;
	up(&t->sem);
	return 0;
}

/* stored in an operations table */
static void mux_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

struct tuner_ops {
	void (*hold)(struct tuner *t);
};

static struct tuner_ops mux_ops = {
	.hold = mux_hold,
};

static int mux_open(struct tuner *t)
{
	mux_hold(t);
	return 0;
}

/* exported: callers in other modules cannot be checked */
static void ext_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}
EXPORT_SYMBOL(ext_hold);

static int ext_open(struct tuner *t)
{
	ext_hold(t);
	return 0;
}

/* the helper counts twice */
static void dual_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
	MOD_INC_USE_COUNT;
}

static int dual_open(struct tuner *t)
{
	dual_hold(t);
	return 0;
}

/* the call is the branch of an if */
static void opt_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static int opt_open(struct tuner *t, int flags)
{
	if (flags)
		opt_hold(t);
	return 0;
}

/* the bracket caller drops it with other arguments than it took it */
static void scan_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static void scan_release(struct tuner *t)
{
	__MOD_DEC_USE_COUNT(t->client->owner);
}

static void scan_stop(struct tuner *t, struct tuner *other)
{
	scan_hold(t);
	t->standby = 1;
	scan_release(other);
}

/* the bracket caller drops it only on one branch, the take is conditional */
static void wake_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static void wake_release(struct tuner *t)
{
	__MOD_DEC_USE_COUNT(t->client->owner);
}

static void wake_up_tuner(struct tuner *t)
{
	if (t->standby) {
		wake_hold(t);
		t->standby = 0;
	}
	wake_release(t);
}

/* a pointer caller that keeps the reference after marking a slot used */
static void slot_hold(struct tuner *t)
{
	__MOD_INC_USE_COUNT(t->client->owner);
}

static struct tuner *slot_get(struct tuner *tuners, int n)
{
	tuners[n].users = 1;
	slot_hold(&tuners[n]);
	return &tuners[n];
}
