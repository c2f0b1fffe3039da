/* SPDX-License-Identifier: GPL-2.0 */
/* MODEL-only hook of model-current/module.c (not a kernel API). */
#ifndef MODELCUR_MODEL_H
#define MODELCUR_MODEL_H

#include <setjmp.h>

extern jmp_buf model_exit_jmp;	/* the kthread exit helpers longjmp() here */

#endif
