// SPDX-License-Identifier: GPL-2.0-only
/// A static void helper whose only counting is __MOD_INC_USE_COUNT(X) on
/// another module (2.4 usbvideo's client pin, usbvideo_ClientIncModCount())
/// returns the failure instead: static int, if (!try_module_get(X)) return
/// -ENODEV;, return 0; elsewhere.  A caller returning int with nothing to
/// undo before the call checks it: if (helper(...)) return -ENODEV;.  A
/// caller that drops the reference again through the paired drop helper
/// before it returns keeps a flag: pinned = !helper(...); ... if (pinned)
/// drop(...);.  Only when every use of the helper is one of those two.
///
// Confidence: High
// Copyright: (C) 2026 modref contributors.
// Comments: 2.6 made usbvideo's helper return an error but checked it only
//  in open, with a test (`0 < ...`) that never fires, and left its
//  disconnect and allocation paths unchecked: a failed get there (the client
//  module being unloaded, exactly when its disconnect runs) was followed by
//  a module_put() of a reference never taken.  Here a caller keeps the
//  reference only where it can fail (an int function, a plain call
//  directly in a block, nothing before it that an early return would leak:
//  a lock, an allocation, a field written, any call but a printk-like one),
//  and a caller that drops it again before returning (one unconditional
//  take, then only plain calls of the drop helper, a static void whose only
//  counting is the __MOD_DEC_USE_COUNT() of the same expression, with the
//  same arguments) drops it only when the get succeeded.  A helper with any
//  other caller, exported, stored in a table, counting twice, defined in a
//  header or twice is left whole for modcount_api, which reports it.  Runs
//  before modcount_api (which then converts the drop helper's
//  __MOD_DEC_USE_COUNT()), only on files whose scanner saw
//  __MOD_INC_USE_COUNT( in a static void function (Needs: <void-take>).
// Options: --no-includes --include-headers
// Mode: patch
// Order: 68
// Keywords: __MOD_INC_USE_COUNT
// Needs: <void-take>

virtual patch
virtual report

@initialize:python@
@@
import re

held = set()
busy = set()
# by helper name
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

# the file name changes once spatch re-reads a modified file; within a
# run of rules without modification, line and column identify a token
def key(p):
	return (p[0].line, p[0].column)

def tight(x):
	return re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)

# a take that modcount_api would not turn into a checked get either: not
# THIS_MODULE, not through an open file (a reference held), nothing taken
# before it in the helper
def vh_left(p):
	k = key(p)
	return not (k in held or k in busy)

def vh_line(c):
	return (int(c[0]), int(c[1]))

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found never leaks into this one.
@script:python@
@@
for _s in (held, busy, vdefs, vcount, vx, vsite, vpin, vcalls, vuses,
	   vstmts, vbranch, vnested, vbusy, vdrop, vdcount, vdcalls, vdbad,
	   vchk, vbrk, vbrkd, vbrkg):
	_s.clear()

// The first-reference idiom (modcount_api's held_sibling): a reference is
// held where the other branch takes the first one; modcount_api makes
// that __module_get().
@held_sibling depends on patch@
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

// Something on the way to the take inside the helper that its early
// return would leak (modcount_api's busy).
@busy depends on patch exists@
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

// The takes, their helpers, and what the helpers count.  The rules after
// vh_gate run only for a helper that can qualify.
@vh_site depends on patch@
expression X : script:python () { tight(X) != "THIS_MODULE" and
				  "f_op" not in X.replace(" ", "") };
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
	# left whole: modcount_api reports the take
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

// the drop helpers a bracket caller can pair with the take (modcount_api,
// after this rule, spells their drop module_put())
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
	# left whole: modcount_api reports the take
	cocci.include_match(False)

// The take, the helper's signature, its bare returns, its end and its
// callers (try_module_get(NULL) is true: an `if (X)` before the take goes).
@vh_take depends on patch@
identifier vq.fq;
expression X;
@@
static void fq(...) { <...
(
- if (\(X\|X != NULL\)) \(__MOD_INC_USE_COUNT(X);\|{ __MOD_INC_USE_COUNT(X); }\)
+ if (!try_module_get(X))
+	return -ENODEV;
|
- __MOD_INC_USE_COUNT(X);
+ if (!try_module_get(X))
+	return -ENODEV;
)
...> }

// The helper's signature, its bare returns, its end and its callers.
// A void function's implicit return at its end matches `return;` too:
// one rule turns every return into `return 0;` and adds the final one.
@vh_ret depends on patch@
identifier vq.fq;
@@
static void fq(...) { <...
- return;
+ return 0;
...> }

@vh_sig depends on patch@
identifier vq.fq;
@@
static
- void
+ int
fq(...) { ... }

@vh_proto depends on patch@
identifier vq.fq;
@@
static
- void
+ int
fq(...);

@vh_chk depends on patch@
identifier vq.fq;
identifier gc : script:python (fq) { (fq, gc) in vchk };
expression list es;
@@
gc(...) { <...
- fq(es);
+ if (fq(es))
+	return -ENODEV;
...> }

@vh_brk depends on patch@
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

@vh_decl depends on vq && patch@
identifier gb : script:python () { gb in vbrkg };
@@
gb(...) {
+ int pinned;
...
}

