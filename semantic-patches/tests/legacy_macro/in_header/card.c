#include "card.h"

int card_open(struct card *c)
{
	if (!card_get(c))
		return -ENODEV;
	return 0;
}
