/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of the part of 2.4's <linux/kernel.h> the compat header needs:
 * do_exit() and its NORET_TYPE/ATTRIB_NORET markers (2.4 spelled the latter
 * as the gcc attribute; the model uses C11 _Noreturn for the former and
 * leaves the latter empty).  The model's do_exit() records the code and
 * longjmp()s back to the test harness (see model-2.4/module.c).
 */
#ifndef MODEL24_LINUX_KERNEL_H
#define MODEL24_LINUX_KERNEL_H

#define NORET_TYPE _Noreturn
#define ATTRIB_NORET

NORET_TYPE void do_exit(long code) ATTRIB_NORET;

#endif
