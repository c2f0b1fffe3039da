#ifndef _DRV_H
#define _DRV_H
#define DRV_LOCK()	MOD_INC_USE_COUNT
#endif
