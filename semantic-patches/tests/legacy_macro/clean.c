/* macros without legacy tokens, legacy token in code only */
#include <linux/module.h>

#define CARD_MAX	4
#define card_ok(c)	((c)->id < CARD_MAX)

static int card_users(void)
{
	return GET_USE_COUNT(THIS_MODULE);
}
