// SPDX-License-Identifier: GPL-2.0-only
/// Mechanical 2.4 -> module-core API renames on an explicit module pointer:
///   X && !try_inc_mod_count(X)   -> !try_module_get(X)  (NULL guard dropped:
///   !X || try_inc_mod_count(X)   -> try_module_get(X)    try_module_get(NULL)
///   try_inc_mod_count(X)         -> try_module_get(X)    is true)
///   if (X) __MOD_DEC_USE_COUNT(X);      -> module_put(X);   (NULL-safe)
///   if (E && X) __MOD_DEC_USE_COUNT(X); -> if (E) module_put(X);
///   E && X && !try_inc_mod_count(X)     -> E && !try_module_get(X)
///   __MOD_DEC_USE_COUNT(X)       -> module_put(X)
///   if (X) __MOD_INC_USE_COUNT(X);      -> __module_get(X);
///   __MOD_INC_USE_COUNT(X)       -> __module_get(X)
///   GET_USE_COUNT(X)             -> module_refcount(X)
/// This is what history did for busmouse and mtd in 2.5.54.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: __module_get() is only correct when the caller already holds
//  a reference (2.4's __MOD_INC_USE_COUNT had no such rule); the result is
//  reported by ops_call_noref.cocci / owner_read_unlocked.cocci where the
//  surrounding code makes that doubtful.  An unchecked
//  `try_inc_mod_count(X);` statement becomes an unchecked
//  `try_module_get(X);`, which unchecked_get.cocci then fixes or reports.
//  __MOD_*(THIS_MODULE) inside owner-table methods and kernel threads is
//  handled by owner_table.cocci / kthread_self_pin.cocci, which run first.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 70
// Keywords: try_inc_mod_count __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT GET_USE_COUNT

virtual patch
virtual context
virtual org
virtual report

@guard depends on patch && !context && !org && !report@
expression X, E;
@@
(
- E && X && !try_inc_mod_count(X)
+ E && !try_module_get(X)
|
- X && !try_inc_mod_count(X)
+ !try_module_get(X)
|
- X != NULL && !try_inc_mod_count(X)
+ !try_module_get(X)
|
- !X || try_inc_mod_count(X)
+ try_module_get(X)
|
- X == NULL || try_inc_mod_count(X)
+ try_module_get(X)
)

@get depends on patch && !context && !org && !report@
expression X;
@@
- try_inc_mod_count(X)
+ try_module_get(X)

@put_guard depends on patch && !context && !org && !report@
expression X, E;
@@
(
- if (X) __MOD_DEC_USE_COUNT(X);
+ module_put(X);
|
- if (X) { __MOD_DEC_USE_COUNT(X); }
+ module_put(X);
|
- if (X != NULL) __MOD_DEC_USE_COUNT(X);
+ module_put(X);
|
- if (E && X) __MOD_DEC_USE_COUNT(X);
+ if (E)
+ 	module_put(X);
|
- if (X) __MOD_INC_USE_COUNT(X);
+ __module_get(X);
|
- if (X) { __MOD_INC_USE_COUNT(X); }
+ __module_get(X);
|
- if (X != NULL) __MOD_INC_USE_COUNT(X);
+ __module_get(X);
)

@put depends on patch && !context && !org && !report@
expression X;
@@
(
- __MOD_DEC_USE_COUNT(X)
+ module_put(X)
|
- __MOD_INC_USE_COUNT(X)
+ __module_get(X)
|
- GET_USE_COUNT(X)
+ module_refcount(X)
)

// ------------------------------------------------------------------------

@r depends on !patch && (context || org || report)@
expression X;
position p;
@@
(
 try_inc_mod_count@p(X)
|
 __MOD_DEC_USE_COUNT@p(X)
|
 __MOD_INC_USE_COUNT@p(X)
|
 GET_USE_COUNT@p(X)
)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "2.4 module-count call: use try_module_get/module_put/__module_get/module_refcount")

@script:python depends on org@
p << r.p;
@@
cocci.print_main("2.4 module-count call", p)
