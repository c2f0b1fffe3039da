/* SPDX-License-Identifier: GPL-2.0 */
/* MODEL-only test hooks of model-2.4/module.c (not part of any 2.4 API). */
#ifndef MODEL24_MODEL_H
#define MODEL24_MODEL_H

#include <setjmp.h>

extern jmp_buf model_exit_jmp;	/* do_exit() longjmp()s here */
extern long model_exit_code;
extern int model_exit_calls;
extern void (*model_exit_hook)(void);	/* runs at do_exit() entry */

#endif
