/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref 2.4 syntax-check fixup (see README.md here): 2.4's
 * <linux/kernel.h> declares printk() asmlinkage (regparm(0) on i386) and
 * <asm-i386/spinlock.h> declares it again without; gcc 12 rejects the pair.
 * regparm(0) is i386's default without -mregparm, so dropping it from
 * asmlinkage keeps the calling convention and makes the declarations agree.
 */
#include_next <linux/linkage.h>

#if defined(__i386__) && defined(asmlinkage)
#undef asmlinkage
#define asmlinkage CPP_ASMLINKAGE
#endif
