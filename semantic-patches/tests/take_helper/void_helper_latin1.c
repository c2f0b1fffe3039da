/* A helper pair in a file whose comments are Latin-1, as some 2.4 sources
 * are (this one credits Jürgen): the rules read the file text, and must
 * not fail on it. */
#include <linux/module.h>

struct mix_client {
	struct module *owner;
};

struct mixer {
	struct mix_client *client;
	int open;
};

static void mix_get(struct mixer *m)
{
	__MOD_INC_USE_COUNT(m->client->owner);
}

static void mix_put(struct mixer *m)
{
	__MOD_DEC_USE_COUNT(m->client->owner);
}

static int mix_open(struct mixer *m)
{
	mix_get(m);
	m->open = 1;
	return 0;
}

static void mix_release(struct mixer *m)
{
	m->open = 0;
	mix_put(m);
}
