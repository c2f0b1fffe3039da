/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of 2.4's spinlock for modref's user-space tests: a pthread mutex
 * (not recursive, like a spinlock; no irq state is modelled).
 */
#ifndef MODEL24_LINUX_SPINLOCK_H
#define MODEL24_LINUX_SPINLOCK_H

#include <pthread.h>

#define spinlock_t pthread_mutex_t

#define SPIN_LOCK_UNLOCKED PTHREAD_MUTEX_INITIALIZER
#define spin_lock(l) pthread_mutex_lock(l)
#define spin_unlock(l) pthread_mutex_unlock(l)
#define spin_trylock(l) (pthread_mutex_trylock(l) == 0)

#endif
