#ifndef _XMPT_H
#define _XMPT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(2,5,58)
#define xmpt_inc_use_count()
#define xmpt_dec_use_count()
#else
#define xmpt_inc_use_count() MOD_INC_USE_COUNT
#define xmpt_dec_use_count() MOD_DEC_USE_COUNT
#endif

int xmpt_register(void);
void xmpt_deregister(void);

#endif
