/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref 2.4 syntax-check fixup (see README.md here): 2.4's
 * <asm-i386/processor.h> declares "extern struct tss_struct
 * init_tss[NR_CPUS];" before struct tss_struct is complete, an array of an
 * incomplete type that gcc 4 and later reject.  While the real header is
 * read, the line becomes "extern struct tss_struct modref_fixup_init_tss;
 * extern int modref_fixup_init_tss_n[NR_CPUS];" (both valid); init_tss is
 * declared for real once the type is complete.
 */
#define init_tss modref_fixup_init_tss; extern int modref_fixup_init_tss_n
#include_next <asm/processor.h>
#undef init_tss

#ifndef __MODREF_FIXUP_INIT_TSS
#define __MODREF_FIXUP_INIT_TSS
extern struct tss_struct init_tss[NR_CPUS];
#endif
