/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of 2.4's <asm/atomic.h> for modref's user-space tests, on the gcc
 * __atomic builtins.  model_preempt_hook, when set, runs just before each
 * atomic_inc()/atomic_dec(): a test uses it to put another actor in the
 * middle of a use-count change.
 */
#ifndef MODEL24_ASM_ATOMIC_H
#define MODEL24_ASM_ATOMIC_H

typedef struct { int counter; } atomic_t;

extern void (*model_preempt_hook)(atomic_t *v, int delta);

#define ATOMIC_INIT(i) { (i) }

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_SEQ_CST);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v)
{
	if (model_preempt_hook)
		model_preempt_hook(v, 1);
	__atomic_add_fetch(&v->counter, 1, __ATOMIC_SEQ_CST);
}

static inline void atomic_dec(atomic_t *v)
{
	if (model_preempt_hook)
		model_preempt_hook(v, -1);
	__atomic_sub_fetch(&v->counter, 1, __ATOMIC_SEQ_CST);
}

#endif
