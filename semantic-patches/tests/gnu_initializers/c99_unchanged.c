/* already C99: nothing to do; labels, bit-fields and ?: must not match */
struct flags {
	unsigned int busy : 1;
	unsigned int open : 1;
};

static struct flags f = {
	.busy = 0,
	.open = 1,
};

int pick(int a, int b)
{
	int r = a ? a : b;

	if (!r)
		goto out;
	r++;
out:
	return r;
}
