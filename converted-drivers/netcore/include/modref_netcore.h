/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * modref netcore family: interface between the netcore modules and the
 * guest runner.  Plain C, usable from user space.
 *
 * netcore registers one network interface per low-level device, named
 * MODREF_NETCORE_IFNAME ("mrnet0", ...); IFF_UP (ip link set up/down or
 * SIOCSIFFLAGS) drives the driver's open/stop.
 *
 * netcore_tap (the low-level driver) also registers the char device
 * MODREF_NETCORE_CHRDEV (dynamic major, see /proc/devices); minor 0 is its
 * interface.  read() returns one frame transmitted on the interface
 * (-EAGAIN when none is queued; the queue is emptied when the interface
 * goes down); ioctl MODREF_NETCORE_IOCTL_STATS works in any state.
 */
#ifndef _MODREF_NETCORE_H
#define _MODREF_NETCORE_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define MODREF_NETCORE_IFNAME		"mrnet%d"
#define MODREF_NETCORE_IFPREFIX		"mrnet"
#define MODREF_NETCORE_CHRDEV		"modref_netcore"

struct modref_netcore_stats {
	__u64 tx_packets;
	__u64 tx_bytes;
	__u64 tx_dropped;
	__u32 ifindex;
	__u32 running;		/* 1 while the interface is up */
};

#define MODREF_NETCORE_IOCTL_STATS \
	_IOR('N', 0x40, struct modref_netcore_stats)

#endif /* _MODREF_NETCORE_H */
