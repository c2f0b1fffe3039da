// SPDX-License-Identifier: GPL-2.0-only
/// Report a call through a method table with no reference on the table's
/// owner held.  Heuristic, tuned for few false positives: only functions
/// that themselves pin the owner (try_module_get / try_inc_mod_count /
/// __module_get / __MOD_INC_USE_COUNT on t->owner or t->module) are
/// examined, and a call `t->fn(...)` is reported when
///  - some path from the function's entry reaches it without passing the
///    get (the call may run in a module that is being unloaded), or
///  - some path reaches it after module_put / __MOD_DEC_USE_COUNT of the
///    same owner (use after put), with no new get in between.  The call
///    must sit below the put in the text: a call above it is only reached
///    through a loop's back edge, i.e. on the next list element.
/// Functions that only drop a reference taken elsewhere (release/close)
/// are not examined for the first case.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  A get in a helper function (get_foo(t)) is not
//  seen, so its callers are not examined.  A call guarded by a check that
//  makes it unreachable without the reference is still reported when the
//  guard is not the get itself.
// Options: --no-includes --include-headers
// Mode: report
// Order: 120
// Keywords: try_module_get try_inc_mod_count __module_get __MOD_INC_USE_COUNT module_put __MOD_DEC_USE_COUNT
// Needs: ->owner ->module
// Scope: function

virtual org
virtual report

@initialize:python@
@@
import re

def tight(x):
	return re.sub(r"\s*(->|\.|\[|\])\s*", r"\1", x)

@getter@
identifier f;
expression E;
identifier fld = {owner, module};
identifier get = {try_module_get, try_inc_mod_count, __module_get,
		  __MOD_INC_USE_COUNT};
@@
f(...) { <+... get(E->fld) ...+> }

@before exists@
identifier getter.f;
expression getter.E;
identifier getter.fld;
identifier get = {try_module_get, try_inc_mod_count, __module_get,
		  __MOD_INC_USE_COUNT};
identifier m != {owner, module};
position p;
@@
f(...) {
... when != get(E->fld)
E->m@p(...)
... when any
}

@after exists@
expression E;
identifier fld = {owner, module};
identifier put = {module_put, __MOD_DEC_USE_COUNT};
identifier get = {try_module_get, try_inc_mod_count, __module_get,
		  __MOD_INC_USE_COUNT};
identifier m != {owner, module};
expression E2;
position p, q;
@@
put@q(E->fld);
... when != E = E2
    when != get(E->fld)
E->m@p(...)

@script:python depends on report@
p << before.p;
E << getter.E;
fld << getter.fld;
@@
E = E.replace(" -> ", "->").replace(" . ", ".")
coccilib.report.print_report(p[0], "call through %s with no reference on %s->%s held on some path, left: moving the get is not mechanical; usual fix (dev_open/fops_get in 2.6): try_module_get(%s->%s), checked, before the first call" % (tight(E), tight(E), fld, tight(E), fld))

@script:python depends on report@
p << after.p;
q << after.q;
E << after.E;
fld << after.fld;
@@
# A call above the put is only reached from it through a loop's back edge,
# which in the kernel is the next element of a list walk (the iterator
# macro's assignment is invisible): not reported.
if (int(p[0].line), int(p[0].column)) > (int(q[0].line), int(q[0].column)):
	E = E.replace(" -> ", "->").replace(" . ", ".")
	coccilib.report.print_report(p[0], "call through %s after module_put(%s->%s), left: the module may already be gone, and reordering is not mechanical; usual fix: make module_put() the last use of the table" % (tight(E), tight(E), fld))

@script:python depends on org@
p << before.p;
@@
cocci.print_main("method call without reference", p)

@script:python depends on org@
p << after.p;
q << after.q;
@@
if (int(p[0].line), int(p[0].column)) > (int(q[0].line), int(q[0].column)):
	cocci.print_main("method call after put", p)
