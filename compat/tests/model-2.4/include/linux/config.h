/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MODEL of 2.4's <linux/config.h> for modref's user-space tests:
 * CONFIG_MODULES is given on the compiler command line instead.
 */
#ifndef MODEL24_LINUX_CONFIG_H
#define MODEL24_LINUX_CONFIG_H
#endif
