// SPDX-License-Identifier: GPL-2.0-only
/// An unchecked module get (the HiSax pattern): `try_inc_mod_count(X);` or,
/// after modcount_api.cocci, `try_module_get(X);` as a statement whose
/// result is ignored.  try_module_get() fails once the module is going
/// away; going on without the reference is the unload race.  In a function
/// returning int, when no lock, semaphore or allocation is taken before the
/// call on any path, the result is checked and -ENODEV returned:
///   if (!try_module_get(X))
///           return -ENODEV;
/// Every other unchecked get (void function, or something to undo before
/// returning) is reported.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: The patch never invents cleanup code: when the function took a
//  lock or allocated before the get, it reports instead of patching.  The
//  returned -ENODEV may need to be translated by the caller (HiSax's
//  HiSax_command() returns it to the ISDN core, which is right).  HiSax
//  also needs the structural fix (an .owner on the interface so the core
//  pins the driver); that is for a human.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 80
// Keywords: try_inc_mod_count try_module_get

virtual patch
virtual org
virtual report

@initialize:python@
@@
import re

void_fns = set()
held_at = set()

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
void_fns.clear()
held_at.clear()

// A get that some path reaches after taking a lock, allocating, taking
// another reference or writing a structure field: returning early there
// would leak it.
@held exists@
expression X, L, R;
assignment operator aop;
identifier fld;
identifier lk = {spin_lock, spin_lock_irq, spin_lock_irqsave, spin_lock_bh,
		 read_lock, write_lock, read_lock_irqsave, write_lock_irqsave,
		 read_lock_irq, write_lock_irq, read_lock_bh, write_lock_bh,
		 down, down_interruptible, down_trylock, down_read, down_write,
		 mutex_lock, mutex_lock_interruptible, lock_kernel, rtnl_lock,
		 rcu_read_lock, local_irq_save, local_irq_disable, save_flags,
		 cli, kmalloc, kzalloc, kcalloc, vmalloc, alloc_skb,
		 dev_alloc_skb, __get_free_pages, __get_free_page,
		 get_zeroed_page, request_irq, request_region, request_mem_region,
		 try_module_get, try_inc_mod_count, __module_get,
		 __MOD_INC_USE_COUNT, fops_get};
position p;
@@
(
lk(...)
|
L->fld aop R
|
L.fld aop R
|
L->fld++
|
L->fld--
|
 ++L->fld
|
 --L->fld
|
L.fld++
|
L.fld--
)
...
(
try_inc_mod_count@p(X);
|
try_module_get@p(X);
)

@script:python@
p << held.p;
@@
held_at.add((p[0].file, p[0].line, p[0].column))

@fix depends on patch && !org && !report@
identifier f;
expression X;
position p != held.p;
@@
int f(...) { <...
(
- try_inc_mod_count@p(X);
+ if (!try_module_get(X))
+	return -ENODEV;
|
- try_module_get@p(X);
+ if (!try_module_get(X))
+	return -ENODEV;
)
...> }

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
expression X;
position p;
@@
(
 try_inc_mod_count@p(X);
|
 try_module_get@p(X);
)

@rv depends on !patch && (org || report) exists@
identifier f;
expression X;
position p;
@@
void f(...) { <+...
(
 try_inc_mod_count@p(X);
|
 try_module_get@p(X);
)
...+> }

@script:python depends on report@
p << rv.p;
@@
void_fns.add((p[0].file, p[0].line, p[0].column))

@script:python depends on report@
p << r.p;
x << r.X;
@@
x = re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)
k = (p[0].file, p[0].line, p[0].column)
if k in void_fns:
	why = "the function returns void, so the failure cannot be passed on"
elif k in held_at:
	why = "an early return would leak what is taken before it (lock, allocation, reference, field written)"
else:
	why = "the function has no int result to fail with"
coccilib.report.print_report(p[0], "unchecked get of %s left: the result is ignored and %s; usual fix (2.5/2.6): if (!try_module_get(%s)) fail with -ENODEV after undoing, or give the object an .owner the core pins (HiSax, 2.5.50)" % (x, why, x))

@script:python depends on org@
p << r.p;
@@
cocci.print_main("unchecked module get", p)
