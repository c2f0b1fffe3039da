// SPDX-License-Identifier: GPL-2.0-only
/// 2.4 module-count calls on an explicit module pointer become the module
/// core API, as history did for busmouse and mtd in 2.5.54:
///   try_inc_mod_count(X)        -> try_module_get(X), and every spelling
///     of a checked get loses its NULL test (try_module_get(NULL) is true):
///     X && !try_inc_mod_count(X), X && try_inc_mod_count(X) == 0,
///     X != NULL && ..., E && X && ... -> E && ..., !X || try_inc_mod_count(X),
///     (X == NULL) || ..., also nested in larger conditions
///   if (X) __MOD_DEC_USE_COUNT(X);  -> module_put(X);  (NULL-safe)
///   __MOD_DEC_USE_COUNT(X)      -> module_put(X)
///   GET_USE_COUNT(X)            -> module_refcount(X)
///   __MOD_INC_USE_COUNT(X)      -> __module_get(X) only where a reference
///     is held: X is THIS_MODULE, X is the owner of an open file's f_op, or
///     the other branch of the same if takes the first reference (a checked
///     get, or a get_*() lookup of the object); elsewhere, in a function
///     returning int or a pointer with nothing to undo before it, a checked
///     get: if (!try_module_get(X)) return -ENODEV; (or return NULL;).
/// Any other __MOD_INC_USE_COUNT(X) is left and reported.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: 2.4's __MOD_INC_USE_COUNT() pinned a module that might already
//  be going away; __module_get() is only correct when the caller holds a
//  reference.  "Nothing to undo" means no path from the function's entry to
//  the get takes a lock, allocates, requests a resource, takes another
//  reference or writes a structure field: an early return there would leak
//  it, so the site is reported with the usual fix instead (2.5/2.6 wrote
//  `if (!try_module_get(X)) { err = -ENODEV; goto out_unlock; }`).  An
//  unchecked `try_inc_mod_count(X);` statement becomes an unchecked
//  `try_module_get(X);`, which unchecked_get.cocci then fixes or reports.
//  __MOD_*(THIS_MODULE) inside owner-table methods and kernel threads is
//  handled by owner_table.cocci / kthread_self_pin.cocci, which run first.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 70
// Keywords: try_inc_mod_count __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT GET_USE_COUNT

virtual patch
virtual org
virtual report

@initialize:python@
@@
import re

void_fns = set()
held = set()
busy = set()
hookfns = set()
skip = set()
ints = set()
ptrs = set()

# the file name changes once spatch re-reads a modified file; within a
# run of rules without modification, line and column identify a token
def key(p):
	return (p[0].line, p[0].column)

def tight(x):
	return re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)

def via_f_op(x):
	return "f_op" in x.replace(" ", "")

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (void_fns, held, busy, hookfns, skip, ints, ptrs):
	_s.clear()

// ---- checked gets: one spelling ----------------------------------------

@norm depends on patch && !org && !report@
expression X;
@@
(
- try_inc_mod_count(X) == 0
+ !try_inc_mod_count(X)
|
- 0 == try_inc_mod_count(X)
+ !try_inc_mod_count(X)
|
- try_inc_mod_count(X) != 0
+ try_inc_mod_count(X)
|
- 0 != try_inc_mod_count(X)
+ try_inc_mod_count(X)
)

@paren depends on patch && !org && !report@
expression X;
@@
(
- (!try_inc_mod_count(X))
+ !try_inc_mod_count(X)
|
- (try_inc_mod_count(X))
+ try_inc_mod_count(X)
)

@guard depends on patch && !org && !report@
expression X, E;
@@
(
- E && \(X\|(X)\|X != NULL\|(X != NULL)\|NULL != X\|(NULL != X)\) && !try_inc_mod_count(X)
+ E && !try_module_get(X)
|
- \(X\|(X)\|X != NULL\|(X != NULL)\|NULL != X\|(NULL != X)\) && !try_inc_mod_count(X)
+ !try_module_get(X)
|
- E || \(!X\|(!X)\|X == NULL\|(X == NULL)\|NULL == X\|(NULL == X)\) || try_inc_mod_count(X)
+ E || try_module_get(X)
|
- \(!X\|(!X)\|X == NULL\|(X == NULL)\|NULL == X\|(NULL == X)\) || try_inc_mod_count(X)
+ try_module_get(X)
)

// `A || (X && !try_inc_mod_count(X))` leaves `A || (!try_module_get(X))`
@paren_left depends on guard && patch && !org && !report@
expression X;
@@
- (!try_module_get(X))
+ !try_module_get(X)

@get depends on patch && !org && !report@
expression X;
@@
- try_inc_mod_count(X)
+ try_module_get(X)

// ---- puts and counts ---------------------------------------------------

@put_guard depends on patch && !org && !report@
expression X, E;
@@
(
- if (\(X\|X != NULL\)) \(__MOD_DEC_USE_COUNT(X);\|{ __MOD_DEC_USE_COUNT(X); }\)
+ module_put(X);
|
- if (E && X) __MOD_DEC_USE_COUNT(X);
+ if (E)
+ 	module_put(X);
)

// Nothing inside a 2.4 can_unload callback, nor the 2.4 spelling
// &__this_module, is renamed: module_hooks.cocci reports them whole.
@cu@
expression M;
identifier F;
identifier can_unload = {can_unload};
@@
(
 M.can_unload = \(F\|&F\)
|
 M->can_unload = \(F\|&F\)
)

@script:python@
f << cu.F;
@@
hookfns.add(f)

@inhook exists@
identifier F;
expression X;
position p;
@@
F(...) { <+...
(
 GET_USE_COUNT@p(X)
|
 __MOD_DEC_USE_COUNT@p(X)
|
 __MOD_INC_USE_COUNT@p(X)
|
 try_inc_mod_count@p(X)
)
...+> }

@script:python@
f << inhook.F;
p << inhook.p;
@@
if f in hookfns:
	skip.add(key(p))

@put depends on patch && !org && !report@
expression X : script:python () { "__this_module" not in X };
position p : script:python () { key(p) not in skip };
@@
(
- __MOD_DEC_USE_COUNT@p(X)
+ module_put(X)
|
- GET_USE_COUNT@p(X)
+ module_refcount(X)
)

// ---- __MOD_INC_USE_COUNT(X): only with a reference held ------------------

@inc_self depends on patch && !org && !report@
@@
- __MOD_INC_USE_COUNT(THIS_MODULE)
+ __module_get(THIS_MODULE)

// The first-reference idiom: the else branch takes the reference (checked,
// or through a get_*() lookup that pins the object), this branch runs when
// an earlier user holds one (an open count, an active flag).
@held_sibling@
// >>> modref held_sibling: the same in modcount_api and take_helper
// (tests/t-cocci-rules.sh compares the copies)
expression C, X;
expression P;
identifier fld;
identifier getter =~ "^get_|_get$";
statement S;
position p;
@@
(
if (C) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }
else if (<+... try_inc_mod_count(X) ...+>) S
|
if (C) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }
else if (<+... try_module_get(X) ...+>) S
|
if (C) { <+... __MOD_INC_USE_COUNT@p(P->fld) ...+> }
else { <+... P = getter(...) ...+> }
)
// <<< modref held_sibling

@script:python@
p << held_sibling.p;
@@
held.add(key(p))

// A reference held by construction: the owner of an open file's
// operations (the VFS pinned it at open, fops_get()).
@held_fop@
expression X : script:python () { via_f_op(X) };
position p;
@@
__MOD_INC_USE_COUNT@p(X)

@script:python@
p << held_fop.p;
@@
held.add(key(p))

// Something on the way to the get that an early return would leak.
@busy exists@
// >>> modref busy: the same in modcount_api and take_helper
// (tests/t-cocci-rules.sh compares the copies)
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
__MOD_INC_USE_COUNT@p(X)
// <<< modref busy

@script:python@
p << busy.p;
@@
busy.add(key(p))

@in_int exists@
identifier f;
expression X;
position p;
@@
int f(...) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }

@script:python@
p << in_int.p;
@@
ints.add(key(p))

@in_ptr exists@
identifier f;
type T;
expression X;
position p;
@@
T *f(...) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }

@script:python@
p << in_ptr.p;
@@
ptrs.add(key(p))

// One rewrite for all sites, so that the positions found above are still
// those of the file (a modification makes spatch re-read the file): each
// site becomes a marker, then the markers are spelled out.
@site depends on patch && !org && !report@
expression X;
position p;
@@
__MOD_INC_USE_COUNT@p(X)

@script:python kind@
p << site.p;
mk;
@@
k = key(p)
if k in held:
	coccinelle.mk = cocci.make_ident("MODREF_INC_HELD")
elif k in busy:
	cocci.include_match(False)
elif k in ints:
	coccinelle.mk = cocci.make_ident("MODREF_INC_INT")
elif k in ptrs:
	coccinelle.mk = cocci.make_ident("MODREF_INC_PTR")
else:
	cocci.include_match(False)

@mark depends on patch && !org && !report@
expression X;
position site.p;
identifier kind.mk;
@@
- __MOD_INC_USE_COUNT@p(X)
+ mk(X)

@spell_if depends on patch && !org && !report@
expression X;
@@
(
- if (\(X\|X != NULL\)) \(MODREF_INC_HELD(X);\|{ MODREF_INC_HELD(X); }\)
+ __module_get(X);
|
- if (\(X\|X != NULL\)) \(MODREF_INC_INT(X);\|{ MODREF_INC_INT(X); }\)
+ if (!try_module_get(X))
+	return -ENODEV;
|
- if (\(X\|X != NULL\)) \(MODREF_INC_PTR(X);\|{ MODREF_INC_PTR(X); }\)
+ if (!try_module_get(X))
+	return NULL;
)

@spell_held depends on patch && !org && !report@
expression X;
@@
- MODREF_INC_HELD(X)
+ __module_get(X)

@spell depends on patch && !org && !report@
expression X;
@@
(
- MODREF_INC_INT(X);
+ if (!try_module_get(X))
+	return -ENODEV;
|
- MODREF_INC_PTR(X);
+ if (!try_module_get(X))
+	return NULL;
)

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
expression X;
position p;
@@
(
 try_inc_mod_count@p(X)
|
 __MOD_DEC_USE_COUNT@p(X)
|
 GET_USE_COUNT@p(X)
)

@ri depends on !patch && (org || report)@
expression X;
position p;
@@
 __MOD_INC_USE_COUNT@p(X)

@rv depends on !patch && (org || report) exists@
identifier f;
expression X;
position p;
@@
void f(...) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }

@script:python depends on report@
p << rv.p;
@@
void_fns.add(key(p))

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "2.4 module-count call left: not in a form the rules match (a macro argument, an unusual expression); usual fix: try_module_get() with its result checked, module_put(), module_refcount()")

@script:python depends on report@
p << ri.p;
x << ri.X;
@@
x = tight(x)
if x == "THIS_MODULE":
	msg = "__MOD_INC_USE_COUNT(THIS_MODULE) left: not in a form the rules match; usual fix: __module_get(THIS_MODULE) for a deliberate self-pin, else .owner in the method table"
elif key(p) in void_fns:
	msg = "__MOD_INC_USE_COUNT(%s) left: no reference to it is provably held and the function returns void, so a failed get cannot be reported; usual fix (2.5/2.6): make the caller take try_module_get(%s) and check it" % (x, x)
elif key(p) in busy:
	msg = "__MOD_INC_USE_COUNT(%s) left: no reference to it is provably held and an early return would leak what is taken before it (lock, allocation, field written); usual fix (2.5/2.6): if (!try_module_get(%s)) { err = -ENODEV; goto <undo>; }" % (x, x)
else:
	msg = "__MOD_INC_USE_COUNT(%s) left: no reference to it is provably held and the function has no int or pointer result to fail with; usual fix (2.5/2.6): check try_module_get(%s) and let the caller see the failure" % (x, x)
coccilib.report.print_report(p[0], msg)

@script:python depends on org@
p << r.p;
@@
cocci.print_main("2.4 module-count call", p)
