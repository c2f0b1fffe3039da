// SPDX-License-Identifier: GPL-2.0-only
/// Report the 2.4-only module hooks, which have no mechanical conversion:
///  - a can_unload callback (`__this_module.can_unload = f`, checked with
///    mod_member_present()): the 2.6 core has none; unload is refused while
///    the module's reference count is non-zero, so the module must hold a
///    reference (or have its tables pinned through .owner) while busy;
///  - other uses of __this_module: `&__this_module` is THIS_MODULE, its
///    use count is module_refcount(THIS_MODULE), its other fields are gone;
///  - an init_module()/cleanup_module() (or module_init/module_exit
///    function) whose whole body is MOD_INC_USE_COUNT / MOD_DEC_USE_COUNT:
///    a module that pins itself so it never unloads.
/// The patch rules leave such code alone (nothing inside a can_unload
/// callback is renamed into the new API).
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  History (2.5.48, "module: remove can_unload"):
//  the hooks were deleted and the state they checked turned into a
//  reference taken while busy; a module that must never go away either
//  dropped its exit function (a module without one cannot be unloaded)
//  or kept __module_get(THIS_MODULE).
// Options: --no-includes --include-headers
// Mode: report
// Order: 125
// Keywords: can_unload __this_module init_module cleanup_module module_init module_exit
// Needs: can_unload __this_module MOD_INC_USE_COUNT MOD_DEC_USE_COUNT

virtual org
virtual report

@initialize:python@
@@
hooks = set(["init_module", "cleanup_module"])
callbacks = set()
said = set()

def only_counts(p, f):
	if f in hooks:
		say(p, "%s only counts the module's own use (2.4 kept a module loaded with MOD_INC_USE_COUNT in init and MOD_DEC_USE_COUNT in exit): not converted, what it protects is not visible here; usual fix (2.5/2.6): delete the count, and drop the exit function if the module must never unload (one without module_exit cannot be removed)" % f)

def say(p, msg):
	k = (p[0].file, p[0].line)
	if k in said:
		return
	said.add(k)
	coccilib.report.print_report(p[0], msg)

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
hooks.clear()
hooks.update(["init_module", "cleanup_module"])
callbacks.clear()
said.clear()

@mi@
declarer name module_init, module_exit;
identifier fn;
@@
\(module_init\|module_exit\)(fn);

@script:python@
fn << mi.fn;
@@
hooks.add(fn)

// ---- can_unload ----------------------------------------------------------

@cu depends on report || org@
expression M;
identifier F;
identifier can_unload = {can_unload};
position p;
@@
(
 M.can_unload@p = \(F\|&F\)
|
 M->can_unload@p = \(F\|&F\)
)

@script:python depends on report@
p << cu.p;
f << cu.F;
@@
callbacks.add(f)
say(p, "2.4 can_unload hook (%s) left: the 2.6 module core has no can_unload, so it cannot be converted; usual fix (2.5.48): delete the hook and hold a reference (try_module_get, or .owner on the table the core pins) while the module is busy" % f)

@cuf depends on report || org@
identifier F;
position p;
@@
F@p(...) { ... }

@script:python depends on report@
p << cuf.p;
f << cuf.F;
@@
if f in callbacks:
	say(p, "can_unload callback %s left: 2.4 only, called by the 2.4 core before unload; usual fix (2.5.48): delete it with the hook, turning the state it checks into a held reference" % f)

@mmp depends on report || org@
expression M;
identifier can_unload = {can_unload};
position p;
@@
mod_member_present@p(M, can_unload)

@script:python depends on report@
p << mmp.p;
@@
say(p, "mod_member_present(..., can_unload) left: 2.4 only (struct module versions); usual fix (2.5.48): delete it with the can_unload hook")

// ---- __this_module -------------------------------------------------------

@tm depends on report || org@
identifier fld;
identifier __this_module = {__this_module};
position p1, p2, p3, p4;
@@
(
 GET_USE_COUNT(&__this_module@p1)
|
 __this_module@p2.uc.usecount
|
 __this_module@p3.fld
|
 &__this_module@p4
)

@script:python depends on report@
p << tm.p1;
@@
say(p, "GET_USE_COUNT(&__this_module) left: 2.4 only; usual fix: module_refcount(THIS_MODULE), or better a count of the driver's own users (2.6 drivers stopped reading the module count)")

@script:python depends on report@
p << tm.p2;
@@
say(p, "__this_module.uc.usecount left: the 2.4 use count; usual fix: module_refcount(THIS_MODULE), or a count of the driver's own users")

@script:python depends on report@
p << tm.p3;
f << tm.fld;
@@
say(p, "__this_module.%s left: a 2.4 struct module field; the 2.6 core has no such hook, so it cannot be converted; usual fix: delete it (see can_unload)" % f)

@script:python depends on report@
p << tm.p4;
@@
say(p, "&__this_module left: 2.4 spelling of the module pointer; usual fix: THIS_MODULE (same value, and NULL when built in)")

// ---- init/exit that only count -------------------------------------------

@oc depends on report || org@
identifier f;
position p;
@@
f@p(...) { \(MOD_INC_USE_COUNT;\|MOD_DEC_USE_COUNT;\) }

@script:python depends on report@
p << oc.p;
f << oc.f;
@@
only_counts(p, f)

@oc0 depends on report || org@
identifier f;
position p;
@@
f@p(...) { \(MOD_INC_USE_COUNT;\|MOD_DEC_USE_COUNT;\) return 0; }

@script:python depends on report@
p << oc0.p;
f << oc0.f;
@@
only_counts(p, f)

@ocv depends on report || org@
identifier f;
position p;
@@
f@p(...) { \(MOD_INC_USE_COUNT;\|MOD_DEC_USE_COUNT;\) return; }

@script:python depends on report@
p << ocv.p;
f << ocv.f;
@@
only_counts(p, f)

@script:python depends on org@
p << cu.p;
@@
cocci.print_main("can_unload", p)
