/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modref 2.4 syntax-check fixup (see README.md here): 2.4's <net/icmp.h>
 * declares "extern struct icmp_mib icmp_statistics[NR_CPUS*2];" without including
 * <net/snmp.h>, where struct icmp_mib is defined; gcc 4 and later reject an
 * array of an incomplete type (gcc 2.95/3.x took it).  <net/snmp.h> only
 * defines the MIB structs and macros, so reading it first changes nothing
 * else.
 */
#include <net/snmp.h>
#include_next <net/icmp.h>
