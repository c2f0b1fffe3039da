/* SPDX-License-Identifier: GPL-2.0 */
/* MODEL of a current <linux/version.h>: -DMODEL_VERSION=<code> picks it. */
#ifndef MODELCUR_LINUX_VERSION_H
#define MODELCUR_LINUX_VERSION_H
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + (c))
#define LINUX_VERSION_CODE MODEL_VERSION
#endif
