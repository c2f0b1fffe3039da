/* a driver header with a helper macro and a mention in a comment only */
#ifndef _CARD_H
#define _CARD_H

/* callers used to do MOD_INC_USE_COUNT themselves */
#define card_get(c)	try_inc_mod_count((c)->owner)
#define CARD_MAX	4

#endif
