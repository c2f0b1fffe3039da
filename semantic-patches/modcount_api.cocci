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
///   a static void helper whose only counting is __MOD_INC_USE_COUNT(X)
///     (usbvideo's client pin) -> static int, -ENODEV when try_module_get(X)
///     fails, 0 otherwise; a caller returning int with nothing to undo
///     before the call checks it: if (helper(...)) return -ENODEV;; a
///     caller that drops it again through the paired drop helper keeps a
///     flag, pinned = !helper(...); ... if (pinned) drop(...); -- only when
///     every use of the helper is one of those two.
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
# void take helpers (the vh_* rules), mostly by helper name
vdefs = {}
vcount = {}
vx = {}
vsite = {}
vpin = {}
vcalls = {}
vuses = {}
vstmts = {}
vbranch = {}
vnested = {}
vbusy = {}
vdrop = {}
vdcount = {}
vdcalls = {}
vdbad = {}
vchk = set()
vbrk = set()
vbrkd = {}
vbrkg = set()
vsites = set()
vwhy = {}

# the file name changes once spatch re-reads a modified file; within a
# run of rules without modification, line and column identify a token
def key(p):
	return (p[0].line, p[0].column)

def tight(x):
	return re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)

def via_f_op(x):
	return "f_op" in x.replace(" ", "")

# a take no other rule converts: what the vh_* rules start from
def vh_left(p):
	k = key(p)
	return not (k in held or k in busy or k in ints or k in ptrs or
		    k in skip)

def vh_line(c):
	return (int(c[0]), int(c[1]))

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (void_fns, held, busy, hookfns, skip, ints, ptrs, vdefs, vcount,
	   vx, vsite, vpin, vcalls, vuses, vstmts, vbranch, vnested, vbusy,
	   vdrop, vdcount, vdcalls, vdbad, vchk, vbrk, vbrkd, vbrkg, vsites,
	   vwhy):
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

@inhook@
identifier F;
expression X;
position p;
@@
F(...) { <...
(
 GET_USE_COUNT@p(X)
|
 __MOD_DEC_USE_COUNT@p(X)
|
 __MOD_INC_USE_COUNT@p(X)
|
 try_inc_mod_count@p(X)
)
...> }

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

@script:python@
p << busy.p;
@@
busy.add(key(p))

@in_int@
identifier f;
expression X;
position p;
@@
int f(...) { <... __MOD_INC_USE_COUNT@p(X) ...> }

@script:python@
p << in_int.p;
@@
ints.add(key(p))

@in_ptr@
identifier f;
type T;
expression X;
position p;
@@
T *f(...) { <... __MOD_INC_USE_COUNT@p(X) ...> }

@script:python@
p << in_ptr.p;
@@
ptrs.add(key(p))

// ---- a static void helper that only takes another module's reference ----
// (2.4 usbvideo's usbvideo_ClientIncModCount()).  It becomes static int:
// -ENODEV when try_module_get() fails, 0 otherwise.  Each caller then
// either keeps the reference (it is an int function with nothing on the
// way to the call that an early return would leak): `if (helper(...))
// return -ENODEV;`; or drops it again before it returns, through the
// paired drop helper (a static void whose only counting is the
// __MOD_DEC_USE_COUNT() of the same expression), called after the take as
// a plain statement with the same arguments: `pinned = !helper(...);` and
// `if (pinned) drop(...);`, so a failed get is never put (2.6's usbvideo
// left those callers unchecked and put what it never got).  Any other
// caller leaves the helper whole and the report says which and why.
// Gated: the rules after vh_site run only on a take no rule above
// converts, those after vh_gate only for a helper that can qualify.
@vh_site@
expression X : script:python () { tight(X) != "THIS_MODULE" };
position p : script:python () { vh_left(p) };
@@
__MOD_INC_USE_COUNT@p(X)

@vh depends on vh_site@
identifier f;
expression X;
position vh_site.p, pf;
@@
static void f@pf(...) { <+... __MOD_INC_USE_COUNT@p(X) ...+> }

@script:python@
f << vh.f;
pf << vh.pf;
@@
vdefs.setdefault(f, set()).add((pf[0].file, pf[0].line))

@vh_cnt@
identifier vh.f;
expression Y;
position q;
@@
static void f(...) { <+...
(
 __MOD_INC_USE_COUNT@q(Y)
|
 __MOD_DEC_USE_COUNT@q(Y)
|
 try_inc_mod_count@q(Y)
|
 try_module_get@q(Y)
|
 __module_get@q(Y)
|
 module_put@q(Y)
|
 MOD_INC_USE_COUNT@q
|
 MOD_DEC_USE_COUNT@q
)
...+> }

@script:python@
f << vh.f;
q << vh_cnt.q;
@@
vcount.setdefault(f, set()).add(key(q))

@vh_cnt0@
identifier vh.f;
position q;
@@
static void f(...) { <+... \(MOD_INC_USE_COUNT@q;\|MOD_DEC_USE_COUNT@q;\) ...+> }

@script:python@
f << vh.f;
q << vh_cnt0.q;
@@
vcount.setdefault(f, set()).add(key(q))

@script:python vh_gate@
f << vh.f;
p << vh_site.p;
pf << vh.pf;
x << vh.X;
fg;
@@
# 2.4 sources are not all UTF-8 (fs/super.c has Latin-1 in a comment)
try:
	v_text = open(pf[0].file, encoding="latin-1").read()
except (IOError, OSError):
	v_text = ""
v_why = None
if not pf[0].file.endswith(".c"):
	v_why = "it is defined in a header"
elif len(vdefs.get(f, ())) != 1:
	v_why = "the files define it more than once"
elif len(vcount.get(f, ())) != 1:
	v_why = "it counts more than this take"
elif re.search(r"EXPORT_SYMBOL\w*\s*\(\s*%s\s*\)" % re.escape(f), v_text):
	v_why = "it is exported"
if v_why:
	vwhy[key(p)] = "its void helper %s cannot return a failed get (%s)" % (f, v_why)
	cocci.include_match(False)
else:
	vx[f] = tight(x)
	vsite[f] = key(p)
	# the name of the flag of a bracket caller
	vpin[f] = re.search(r"\bpinned\b", v_text) is not None
	coccinelle.fg = cocci.make_ident(f)

@vh_use@
identifier vh_gate.fg;
position u;
@@
fg@u

@script:python@
f << vh_gate.fg;
u << vh_use.u;
@@
vuses.setdefault(f, set()).add(key(u))

@vh_call@
identifier vh_gate.fg, g;
type T;
expression list es;
position c;
@@
T g(...) { <+... fg@c(es) ...+> }

@script:python@
f << vh_gate.fg;
g << vh_call.g;
t << vh_call.T;
es << vh_call.es;
c << vh_call.c;
@@
vcalls.setdefault(f, {})[key(c)] = (g, str(t).replace(" ", ""), str(es).replace(" ", ""))

@vh_stmt@
identifier vh_gate.fg;
position c;
@@
fg@c(...);

@script:python@
f << vh_gate.fg;
c << vh_stmt.c;
@@
vstmts.setdefault(f, set()).add(key(c))

@vh_branch@
identifier vh_gate.fg;
position c;
expression E;
statement S;
@@
(
if (E) fg@c(...); else S
|
if (E) S else fg@c(...);
|
if (E) fg@c(...);
|
while (E) fg@c(...);
|
for (...;...;...) fg@c(...);
|
while (E) { <+... fg@c(...) ...+> }
|
for (...;...;...) { <+... fg@c(...) ...+> }
)

@script:python@
f << vh_gate.fg;
c << vh_branch.c;
@@
vbranch.setdefault(f, set()).add(key(c))

@vh_nested@
identifier vh_gate.fg;
position c;
expression E;
statement S;
@@
(
if (E) { <+... fg@c(...) ...+> } else S
|
if (E) S else { <+... fg@c(...) ...+> }
|
if (E) { <+... fg@c(...) ...+> }
)

@script:python@
f << vh_gate.fg;
c << vh_nested.c;
@@
vnested.setdefault(f, set()).add(key(c))

// Something on the way to the call that an early return would leak: any
// call but a printk-like one or a pure test, a field written.
@vh_busy exists@
identifier vh_gate.fg;
expression L, R;
assignment operator aop;
identifier fld;
identifier fn !~ "^(printk|err|info|dbg|warn|pr_[a-z]+|dev_(err|warn|info|notice|dbg)|capable|suser|MINOR|MAJOR|minor|major|likely|unlikely)$";
position c;
@@
(
fn(...)
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
fg@c(...);

@script:python@
f << vh_gate.fg;
c << vh_busy.c;
@@
vbusy.setdefault(f, set()).add(key(c))

// the drop helpers a bracket caller can pair with the take (the put
// rule above has already spelled their drop module_put())
@vd depends on vh_gate@
identifier d;
expression Y;
position q;
@@
static void d(...) { <+... \(__MOD_DEC_USE_COUNT@q(Y)\|module_put@q(Y)\) ...+> }

@script:python@
d << vd.d;
y << vd.Y;
@@
vdrop.setdefault(d, set()).add(tight(y))

@vd_cnt@
identifier vd.d;
expression Y;
position q;
@@
static void d(...) { <+...
(
 __MOD_INC_USE_COUNT@q(Y)
|
 __MOD_DEC_USE_COUNT@q(Y)
|
 try_inc_mod_count@q(Y)
|
 try_module_get@q(Y)
|
 __module_get@q(Y)
|
 module_put@q(Y)
|
 MOD_INC_USE_COUNT@q
|
 MOD_DEC_USE_COUNT@q
)
...+> }

@script:python@
d << vd.d;
q << vd_cnt.q;
@@
vdcount.setdefault(d, set()).add(key(q))

@vd_cnt0@
identifier vd.d;
position q;
@@
static void d(...) { <+... \(MOD_INC_USE_COUNT@q;\|MOD_DEC_USE_COUNT@q;\) ...+> }

@script:python@
d << vd.d;
q << vd_cnt0.q;
@@
vdcount.setdefault(d, set()).add(key(q))

@vd_call@
identifier vd.d, g;
expression list es;
position c;
@@
g(...) { <+... d@c(es) ...+> }

@script:python@
d << vd.d;
g << vd_call.g;
es << vd_call.es;
c << vd_call.c;
@@
vdcalls.setdefault(d, {})[key(c)] = (g, str(es).replace(" ", ""))

@vd_bad@
identifier vd.d;
position c;
expression E;
statement S;
@@
(
if (E) d@c(...); else S
|
if (E) S else d@c(...);
|
if (E) d@c(...);
|
while (E) d@c(...);
|
for (...;...;...) d@c(...);
)

@script:python@
d << vd.d;
c << vd_bad.c;
@@
vdbad.setdefault(d, set()).add(key(c))

@script:python vq@
f << vh_gate.fg;
fq;
@@
v_k = vsite[f]
v_calls = vcalls.get(f, {})
v_stmts = vstmts.get(f, set())
v_why = []
v_mode = {}
# a bracket caller drops through a helper paired with this take
v_drops = [d for d in sorted(vdrop)
	   if vdrop[d] == set([vx[f]]) and len(vdcount.get(d, ())) == 1]
v_bgs = {}
if not v_calls:
	v_why.append("nothing in the files calls it")
elif vuses.get(f, set()) - set(v_calls):
	v_why.append("it is used as a value (a table, a pointer), not only called")
for v_c in sorted(v_calls, key=vh_line):
	v_g, v_t, v_es = v_calls[v_c]
	if v_c not in v_stmts:
		v_why.append("its call in %s uses the result" % v_g)
		continue
	if v_c in vbranch.get(f, ()):
		v_why.append("its call in %s is the branch of an if or in a loop" % v_g)
		continue
	if v_t == "int" and v_c not in vbusy.get(f, ()):
		v_mode[v_c] = "check"
		continue
	# a bracket: one unconditional take, every drop after it, plain
	v_ok = None
	v_mine = [c2 for c2 in v_calls if v_calls[c2][0] == v_g]
	if len(v_mine) == 1 and v_c not in vnested.get(f, ()) and not vpin[f]:
		for v_d in v_drops:
			v_dc = [c2 for c2, (g2, e2) in vdcalls.get(v_d, {}).items()
				if g2 == v_g]
			if v_dc and all(vh_line(c2) > vh_line(v_c) and
					vdcalls[v_d][c2][1] == v_es and
					c2 not in vdbad.get(v_d, ()) for c2 in v_dc):
				v_ok = v_d
				break
	if v_ok and v_g not in v_bgs and v_g not in vbrkg and \
	   v_ok == list(v_bgs.values() or [v_ok])[0]:
		v_mode[v_c] = "bracket"
		v_bgs[v_g] = v_ok
	elif [1 for v_d in v_drops for (g2, e2) in vdcalls.get(v_d, {}).values()
	      if g2 == v_g]:
		v_why.append("its caller %s drops it again, but not as one unconditional take and plain drops after it with the same arguments" % v_g)
	elif v_t == "void":
		v_why.append("its caller %s returns void and keeps the reference" % v_g)
	elif v_t != "int":
		v_why.append("its caller %s does not return int and keeps the reference" % v_g)
	else:
		v_why.append("in %s something before its call would leak on an early return (a call, a lock, a field written)" % v_g)
if not v_why:
	vsites.add(v_k)
	for v_c, v_m in v_mode.items():
		v_g = v_calls[v_c][0]
		if v_m == "check":
			vchk.add((f, v_g))
		else:
			vbrk.add((f, v_g))
			vbrkg.add(v_g)
			vbrkd[f] = v_bgs[v_g]
	coccinelle.fq = cocci.make_ident(f)
else:
	v_u = []
	for v_w in v_why:
		if v_w not in v_u:
			v_u.append(v_w)
	vwhy[v_k] = "its void helper %s cannot return a failed get (%s)" % (f, "; ".join(v_u))
	cocci.include_match(False)

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
elif k in vsites:
	coccinelle.mk = cocci.make_ident("MODREF_INC_INT")
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

// The helper's signature, its bare returns, its end and its callers.
// A void function's implicit return at its end matches `return;` too:
// one rule turns every return into `return 0;` and adds the final one.
@vh_ret depends on patch && !org && !report@
identifier vq.fq;
@@
static void fq(...) { <...
- return;
+ return 0;
...> }

@vh_sig depends on patch && !org && !report@
identifier vq.fq;
@@
static
- void
+ int
fq(...) { ... }

@vh_proto depends on patch && !org && !report@
identifier vq.fq;
@@
static
- void
+ int
fq(...);

@vh_chk depends on patch && !org && !report@
identifier vq.fq;
identifier gc : script:python (fq) { (fq, gc) in vchk };
expression list es;
@@
gc(...) { <...
- fq(es);
+ if (fq(es))
+	return -ENODEV;
...> }

@vh_brk depends on patch && !org && !report@
identifier vq.fq;
identifier gb : script:python (fq) { (fq, gb) in vbrk };
identifier db : script:python (fq) { db == vbrkd.get(fq) };
expression list es, ds;
@@
gb(...) { <...
(
- fq(es);
+ pinned = !fq(es);
|
- db(ds);
+ if (pinned)
+	db(ds);
)
...> }

@vh_decl depends on vq && patch && !org && !report@
identifier gb : script:python () { gb in vbrkg };
@@
gb(...) {
+ int pinned;
...
}

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

@rv depends on !patch && (org || report)@
identifier f;
expression X;
position p;
@@
void f(...) { <... __MOD_INC_USE_COUNT@p(X) ...> }

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
elif key(p) in vwhy:
	msg = "__MOD_INC_USE_COUNT(%s) left: no reference to it is provably held, and %s; usual fix: the helper returns -ENODEV when try_module_get(%s) fails, a caller that keeps the reference checks it, one that drops it before returning drops it only if the get succeeded" % (x, vwhy[key(p)], x)
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
