/* SPDX-License-Identifier: GPL-2.0 */
/* MODEL of 2.4's <linux/version.h> for modref's user-space tests. */
#ifndef MODEL24_LINUX_VERSION_H
#define MODEL24_LINUX_VERSION_H
#define UTS_RELEASE "2.4.20-model"
#define LINUX_VERSION_CODE 132116	/* 2.4.20 */
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#endif
