// SPDX-License-Identifier: GPL-2.0-only
/// Report a module owner read from a method table and pinned with no lock
/// held: `try_module_get(t->owner)` / `try_inc_mod_count(t->module)` (or the
/// same through a local copy `m = t->owner; ... try_module_get(m)`, also
/// as a declaration `struct module *m = t->owner;`) reached
/// from the function's entry on some path that takes no lock.  Unless a
/// lock that the table's unregistration also takes is held across both the
/// lookup of t and the get, the table (and the module text it points into)
/// can be freed between the read and the get: the 2.4 net/core dev_open()
/// and mtd get_mtd_device() race.
///
/// Heuristic: "no lock" means no call of spin_lock*, raw_spin_lock*,
/// read_lock*, write_lock*, down*, mutex_lock*/mutex_trylock, device_lock,
/// lock_sock, lock_kernel, rtnl_lock, rcu_read_lock*, srcu_read_lock, or
/// lockdep_assert_held (the caller holds a lock) between the function's
/// entry and the get on that path.  Whether the lock held is the right one
/// is not checked.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  False positives: a helper whose callers hold the
//  lock (the lock is taken in another function), a table that cannot go
//  away (static in the same module, or kept alive by an open file: chains
//  through f_op are skipped).  False negatives: a lock taken and released
//  before the read.
// Options: --no-includes --include-headers
// Mode: report
// Order: 110
// Keywords: try_module_get try_inc_mod_count
// Keywords: owner module
// Needs: ->owner ->module
// Scope: function

virtual org
virtual report

@initialize:python@
@@
import re

def tight(x):
	return re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)

@r1 exists@
identifier f;
expression E;
identifier fld = {owner, module};
identifier lk = {spin_lock, spin_lock_irq, spin_lock_irqsave, spin_lock_bh,
		 spin_lock_nested, spin_lock_irqsave_nested, spin_trylock,
		 raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_irqsave,
		 read_lock, read_lock_irq, read_lock_irqsave, read_lock_bh,
		 write_lock, write_lock_irq, write_lock_irqsave, write_lock_bh,
		 down, down_interruptible, down_killable, down_trylock,
		 down_read, down_write, down_read_killable, down_write_killable,
		 down_read_interruptible, down_read_trylock, down_write_trylock,
		 down_read_nested, down_write_nested, percpu_down_read,
		 mutex_lock, mutex_lock_interruptible, mutex_lock_killable,
		 mutex_lock_nested, mutex_lock_io, mutex_trylock,
		 device_lock, lock_sock, lock_kernel, rtnl_lock, rtnl_trylock,
		 rcu_read_lock, rcu_read_lock_bh, rcu_read_lock_sched,
		 srcu_read_lock, lockdep_assert_held};
identifier get = {try_module_get, try_inc_mod_count};
position p;
@@
f(...) {
... when != lk(...)
get@p(E->fld)
... when any
}

@r2 exists@
identifier f;
expression E;
identifier fld = {owner, module};
expression M, E2;
identifier lk = {spin_lock, spin_lock_irq, spin_lock_irqsave, spin_lock_bh,
		 spin_lock_nested, spin_lock_irqsave_nested, spin_trylock,
		 raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_irqsave,
		 read_lock, read_lock_irq, read_lock_irqsave, read_lock_bh,
		 write_lock, write_lock_irq, write_lock_irqsave, write_lock_bh,
		 down, down_interruptible, down_killable, down_trylock,
		 down_read, down_write, down_read_killable, down_write_killable,
		 down_read_interruptible, down_read_trylock, down_write_trylock,
		 down_read_nested, down_write_nested, percpu_down_read,
		 mutex_lock, mutex_lock_interruptible, mutex_lock_killable,
		 mutex_lock_nested, mutex_lock_io, mutex_trylock,
		 device_lock, lock_sock, lock_kernel, rtnl_lock, rtnl_trylock,
		 rcu_read_lock, rcu_read_lock_bh, rcu_read_lock_sched,
		 srcu_read_lock, lockdep_assert_held};
identifier get = {try_module_get, try_inc_mod_count};
position p;
@@
f(...) {
... when != lk(...)
M = E->fld;
... when != lk(...)
    when != M = E2
get@p(M)
... when any
}

@r3 exists@
identifier f;
expression E;
identifier fld = {owner, module};
identifier M;
expression E2;
type T;
identifier lk = {spin_lock, spin_lock_irq, spin_lock_irqsave, spin_lock_bh,
		 spin_lock_nested, spin_lock_irqsave_nested, spin_trylock,
		 raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_irqsave,
		 read_lock, read_lock_irq, read_lock_irqsave, read_lock_bh,
		 write_lock, write_lock_irq, write_lock_irqsave, write_lock_bh,
		 down, down_interruptible, down_killable, down_trylock,
		 down_read, down_write, down_read_killable, down_write_killable,
		 down_read_interruptible, down_read_trylock, down_write_trylock,
		 down_read_nested, down_write_nested, percpu_down_read,
		 mutex_lock, mutex_lock_interruptible, mutex_lock_killable,
		 mutex_lock_nested, mutex_lock_io, mutex_trylock,
		 device_lock, lock_sock, lock_kernel, rtnl_lock, rtnl_trylock,
		 rcu_read_lock, rcu_read_lock_bh, rcu_read_lock_sched,
		 srcu_read_lock, lockdep_assert_held};
identifier get = {try_module_get, try_inc_mod_count};
position p;
@@
f(...) {
... when != lk(...)
T M = E->fld;
... when != lk(...)
    when != M = E2
get@p(M)
... when any
}

@script:python depends on report@
p << r1.p;
E << r1.E;
fld << r1.fld;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	coccilib.report.print_report(p[0], "%s->%s read and pinned with no lock held, left: the table may be freed between the read and the get, and the lock that protects it is not visible to the rules; usual fix (mtd 2.5.71): take the get under the lock that protects the table, or drop the pin when unregistering already waits for users (net/core dev_open, 2.5.70)" % (tight(E), fld))

@script:python depends on org@
p << r1.p;
E << r1.E;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	cocci.print_main("unlocked owner read", p)

@script:python depends on report@
p << r2.p;
E << r2.E;
fld << r2.fld;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	coccilib.report.print_report(p[0], "%s->%s read and pinned with no lock held, left: the table may be freed between the read and the get, and the lock that protects it is not visible to the rules; usual fix (mtd 2.5.71): take the get under the lock that protects the table, or drop the pin when unregistering already waits for users (net/core dev_open, 2.5.70)" % (tight(E), fld))

@script:python depends on org@
p << r2.p;
E << r2.E;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	cocci.print_main("unlocked owner read", p)

@script:python depends on report@
p << r3.p;
E << r3.E;
fld << r3.fld;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	coccilib.report.print_report(p[0], "%s->%s read and pinned with no lock held, left: the table may be freed between the read and the get, and the lock that protects it is not visible to the rules; usual fix (mtd 2.5.71): take the get under the lock that protects the table, or drop the pin when unregistering already waits for users (net/core dev_open, 2.5.70)" % (tight(E), fld))

@script:python depends on org@
p << r3.p;
E << r3.E;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
if "f_op" not in E:
	cocci.print_main("unlocked owner read", p)
