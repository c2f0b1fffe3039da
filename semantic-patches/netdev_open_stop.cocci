// SPDX-License-Identifier: GPL-2.0-only
/// Network drivers: the core does not pin a network driver (net_device has
/// no owner; unregister_netdev() in the module's exit closes the device
/// under rtnl).  Remove MOD_INC_USE_COUNT/MOD_DEC_USE_COUNT from the
/// driver's open and stop methods and drop SET_MODULE_OWNER(dev) and
/// `dev->owner = THIS_MODULE`.  Methods are found as .ndo_open/.ndo_stop of a
/// struct net_device_ops, as .open/.stop of a static struct net_device, and
/// as 2.4-style `dev->open = fn` / `dev->stop = fn` assignments where dev is
/// a struct net_device (pointer or object) whose type spatch can see.
/// A helper that only open/stop call (a close that calls its ifdown) loses
/// its counting with them.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: SET_MODULE_OWNER(e) is dropped when e has type struct
//  net_device * or, when the type is not visible, when e is an identifier
//  ending in "dev"; any other use is left for legacy_tokens.cocci to report.
//  As in owner_table.cocci, empty `#ifdef MODULE` blocks stay (postpass).
// Options: --no-includes --include-headers --allow-inconsistent-paths
// Mode: patch
// Order: 50
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT SET_MODULE_OWNER
// Needs: net_device net_device_ops SET_MODULE_OWNER

virtual patch
virtual org
virtual report

@initialize:python@
@@
methods = set()
callers = {}		# such a function -> the functions that call it
refd = set()		# such functions used other than by a call

# >>> modref side_effect_free: the same in every rule that has it
# (tests/t-cocci-rules.sh compares the copies)
def side_effect_free(e):
	"""e has no call, assignment, ++ or --: a test that may go; a
	comparison (==, !=, <=, >=) is no assignment"""
	if "<<=" in e or ">>=" in e:
		return False
	for op in ("==", "!=", "<=", ">="):
		e = e.replace(op, " ")
	return not any(c in e for c in "(=") and "++" not in e and "--" not in e
# <<< modref side_effect_free

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (methods, callers, refd):
	_s.clear()

@m@
identifier t, fn;
identifier fld = {ndo_open, ndo_stop};
identifier ofld = {open, stop};
struct net_device *dev;
struct net_device ndev;
@@
(
struct net_device_ops t = { ..., .fld = fn, ...};
|
struct net_device t = { ..., .ofld = fn, ...};
|
dev->ofld = \(fn\|&fn\)
|
ndev.ofld = \(fn\|&fn\)
)

@script:python@
fn << m.fn;
@@
methods.add(fn)

// A helper of the open/stop methods (lmc's close calls lmc_ifdown, which
// drops the count its open took): a function that counts, is called only
// from open/stop methods and is never used as a value counts for them,
// and its counting goes with theirs.  Called from anywhere else, it is
// left (self_pin or legacy_tokens).  The calls and references are found
// by name (inherited from hfn), not by a test of every identifier of the
// file, and only in a file that has such a function.
@hcnt@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 MOD_DEC_USE_COUNT@p
)

// Found by the counting sites' positions, not by a pattern over the
// function's body: dead code after a break stops such a match for the
// whole file (inconsistent control-flow paths).  The methods are among
// them (cocci.include_match(False) here would drop m's bindings with the
// environment); h1 leaves them.
@script:python hfn@
p << hcnt.p;
HF;
@@
coccinelle.HF = cocci.make_ident(p[0].current_element)

@hcall@
identifier hfn.HF;
position p;
@@
HF@p(...)

@script:python@
H << hfn.HF;
p << hcall.p;
@@
callers.setdefault(H, set()).add(p[0].current_element)

@href@
identifier hfn.HF;
position p != hcall.p;
@@
HF@p

@script:python@
H << hfn.HF;
p << href.p;
@@
refd.add(H)

@h1 depends on patch && !org && !report@
identifier H : script:python () {
	(H in callers and H not in refd and H not in methods and
	 callers[H] <= methods) };
@@
H(...) { <...
(
- MOD_INC_USE_COUNT;
|
- MOD_DEC_USE_COUNT;
)
...> }

// `if (e) { MOD_DEC_USE_COUNT; return r; }` keeps no braces around the
// one statement left (kernel style).
@c0 depends on patch && !org && !report@
identifier m.fn;
expression E;
statement S;
@@
fn(...) { <...
(
- if (E) { MOD_DEC_USE_COUNT; S }
+ if (E) S
|
- if (E) { MOD_INC_USE_COUNT; S }
+ if (E) S
)
...> }

@c1 depends on patch && !org && !report@
identifier m.fn;
expression E : script:python () { side_effect_free(E) };
@@
fn(...) { <...
(
- if (E) MOD_DEC_USE_COUNT;
|
- if (E) { MOD_DEC_USE_COUNT; }
)
...> }

@c2 depends on patch && !org && !report@
identifier m.fn;
@@
fn(...) { <...
(
- MOD_INC_USE_COUNT;
|
- MOD_DEC_USE_COUNT;
)
...> }

@o depends on patch && !org && !report@
struct net_device *dev;
struct net_device ndev;
identifier I =~ "dev$";
@@
(
- SET_MODULE_OWNER(dev);
|
- SET_MODULE_OWNER(&ndev);
|
- SET_MODULE_OWNER(I);
|
- dev->owner = THIS_MODULE;
|
- ndev.owner = THIS_MODULE;
)

// ------------------------------------------------------------------------

@script:python@
fn << m.fn;
@@
methods.add(fn)

@r depends on !patch && (org || report)@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 MOD_DEC_USE_COUNT@p
)

@script:python depends on report@
p << r.p;
@@
if p[0].current_element in methods:
	coccilib.report.print_report(p[0], "use count in a net_device open/stop method: remove it (the core does not pin network drivers)")

@script:python depends on org@
p << r.p;
@@
if p[0].current_element in methods:
	cocci.print_main("net_device open/stop counting", p)
