// SPDX-License-Identifier: GPL-2.0-only
/// A module that pins itself on purpose keeps the pin: MOD_INC_USE_COUNT
/// becomes __module_get(THIS_MODULE) and MOD_DEC_USE_COUNT becomes
/// module_put(THIS_MODULE), with the surrounding condition kept.
///
/// Such pins are the ones under a condition on `nowayout` (a watchdog
/// that must not be unloaded once started), wherever they stand, and all
/// counting in a helper of the module's own code: a function only ever
/// called directly, never stored in a table or field or passed as an
/// argument (a block driver's set_fd that holds the module while a device
/// is bound), or stored only as a timer or task-queue handler (`.function`,
/// `.routine`).  A function named by EXPORT_SYMBOL is called by other
/// modules, which hold this one by their symbol dependency: a direct
/// call too (ip_vs's register_ip_vs_scheduler).  The 2.5/2.6 hand conversions kept them this way
/// (softdog's nowayout, loop's set_fd/clr_fd).
/// Also the methods that create or destroy an object the module stays
/// pinned for while it exists, in a table no kernel gave an owner that
/// would pin it instead (LIFETIME: capi_driver's add_card and remove_ctr,
/// inode_operations' mkdir and rmdir): a 2.4 CAPI driver's add_card takes
/// the count for the controller it attaches and its remove_ctr drops it,
/// and the module exit does not remove controllers (2.4's
/// detach_capi_driver leaves them), so the pin must stay; the same for the
/// mkdir/rmdir of a proc directory whose subdirectories are channels.
///
/// A module init that only holds the module while it runs (MOD_INC_USE_COUNT
/// before anything counts, MOD_DEC_USE_COUNT on every way out) loses both:
/// the loader already holds it (2.4's sys_init_module() sets the count to
/// one around init; later kernels run init before the module is live), as
/// 2.6 deleted them.  An init that returns with the count taken on some
/// path pins the module on purpose and is left.
///
/// Counting in methods is left to owner_table, which runs after this rule;
/// counting in other callbacks and other counting in module init/exit is
/// left and reported by legacy_tokens.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: __module_get() assumes a reference is held: true for a helper
//  called from a method of a table with .owner, or after the nowayout open
//  succeeded; a helper reached with nothing held (from a callback of
//  another subsystem) races with rmmod as the 2.4 code did, and needs
//  try_module_get() with a failure path, written by hand.
//  Functions are known by name within the files given together.
// Options: --no-includes --include-headers --allow-inconsistent-paths
// Mode: patch
// Order: 55
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT

virtual patch
virtual report

@initialize:python@
@@
import re
defined = set()		# functions that count
refs = set()		# functions referenced other than by a call
deferred = set()	# positions of references as a timer/task handler
calls = set()		# positions of calls of the functions that count
exported = set()	# positions of EXPORT_SYMBOL(F) of such functions

# struct -> methods whose counting pins the module for the life of the
# object they create or destroy (in a .fld initializer of that struct)
LIFETIME = {
	"capi_driver": ("add_card", "remove_ctr"),
	"inode_operations": ("mkdir", "rmdir"),
}

def nowayout_in(c):
	return re.search(r"\bnowayout\b", c) is not None

def pos_key(p):
	return (p[0].file, p[0].line, p[0].column)

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (defined, refs, deferred, calls, exported):
	_s.clear()

// The init hold: `when strict` makes every way out of init, error
// returns too, pass the one drop.
@initf@
declarer name module_init;
identifier f;
@@
module_init(f);

@init_hold depends on patch@
identifier f = {initf.f, init_module};
@@
f(...) {
  ... when != MOD_INC_USE_COUNT
      when != MOD_DEC_USE_COUNT
- MOD_INC_USE_COUNT;
  ... when != MOD_INC_USE_COUNT
      when != MOD_DEC_USE_COUNT
      when strict
- MOD_DEC_USE_COUNT;
  ... when != MOD_INC_USE_COUNT
      when != MOD_DEC_USE_COUNT
}

// Only functions that count are candidates: the reference scan below
// then matches a few names, not every identifier of the file.
@cnt@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 MOD_DEC_USE_COUNT@p
)

@script:python@
p << cnt.p;
@@
defined.add(p[0].current_element)

// The counting functions by name: the rules below inherit F, so spatch
// looks for a few names instead of testing every identifier of the file.
@script:python cfn@
p << cnt.p;
F;
@@
coccinelle.F = cocci.make_ident(p[0].current_element)

// Calls of the counting functions: a reference at any other position
// is a use as a value.  (A position constraint "p != called.p" against
// every call of the file cost seconds per large file.)
@called@
identifier cfn.F;
position p;
@@
F@p(...)

@script:python@
p << called.p;
@@
calls.add(pos_key(p))

@handler@
identifier cfn.F;
identifier fld = {function, routine};
expression E;
position p;
@@
(
 E.fld = F@p
|
 E->fld = F@p
|
 E.fld = &F@p
|
 E->fld = &F@p
)

@script:python@
p << handler.p;
@@
deferred.add(pos_key(p))

@hinit@
identifier cfn.F;
identifier fld = {function, routine};
identifier T, t;
position p;
@@
struct T t = { ..., .fld = F@p, ...};

@script:python@
p << hinit.p;
@@
deferred.add(pos_key(p))

// A method of LIFETIME: its counting is a deliberate pin of an object.
@life@
identifier cfn.F;
identifier T, t, fld;
position p;
@@
struct T t = { ..., .fld = F@p, ...};

@script:python@
T << life.T;
fld << life.fld;
p << life.p;
@@
if fld in LIFETIME.get(T, ()):
	deferred.add(pos_key(p))

// A function other modules call: their symbol dependency holds this
// module while they run, as a method's caller holds it through .owner.
@export@
identifier cfn.F;
declarer name EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, EXPORT_SYMBOL_NOVERS;
position p;
@@
(
EXPORT_SYMBOL(F@p);
|
EXPORT_SYMBOL_GPL(F@p);
|
EXPORT_SYMBOL_NOVERS(F@p);
)

@script:python@
p << export.p;
@@
exported.add(pos_key(p))

@anyref@
identifier cfn.F;
position p;
@@
F@p

@script:python@
F << cfn.F;
p << anyref.p;
@@
_k = pos_key(p)
if _k not in deferred and _k not in calls and _k not in exported:
	refs.add(F)

@nowayout depends on patch && !report@
expression C : script:python () { nowayout_in(C) };
@@
(
- if (C) { MOD_INC_USE_COUNT; }
+ if (C) __module_get(THIS_MODULE);
|
- if (C) { MOD_DEC_USE_COUNT; }
+ if (C) module_put(THIS_MODULE);
|
 if (C)
- MOD_INC_USE_COUNT;
+ __module_get(THIS_MODULE);
|
 if (C)
- MOD_DEC_USE_COUNT;
+ module_put(THIS_MODULE);
|
 if (C) {
 ...
- MOD_INC_USE_COUNT;
+ __module_get(THIS_MODULE);
 ...
 }
|
 if (C) {
 ...
- MOD_DEC_USE_COUNT;
+ module_put(THIS_MODULE);
 ...
 }
)

@helper depends on patch && !report@
identifier F : script:python () {
	(F in defined and F not in refs and
	 F not in ("init_module", "cleanup_module")) };
@@
F(...) { <...
(
- MOD_INC_USE_COUNT;
+ __module_get(THIS_MODULE);
|
- MOD_DEC_USE_COUNT;
+ module_put(THIS_MODULE);
)
...> }
