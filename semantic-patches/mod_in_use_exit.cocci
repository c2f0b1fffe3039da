// SPDX-License-Identifier: GPL-2.0-only
/// Remove MOD_IN_USE checks from a module's exit function.  The module core
/// calls the exit function only after delete_module() saw a zero reference
/// count, so the check is always false there.  Only checks whose branch is
/// harmless are removed: a branch made of printk/pr_* calls and/or a bare
/// `return;`.  The exit function is the one named by module_exit() or
/// called cleanup_module.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: An `if (MOD_IN_USE)` with an else branch, a branch that does
//  anything else, or MOD_IN_USE outside the exit function (for example in a
//  can_unload callback) is left alone and reported by legacy_tokens.cocci.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 30
// Keywords: MOD_IN_USE

virtual patch
virtual org
virtual report

@initialize:python@
@@
exits = set(["cleanup_module"])

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
exits.clear()
exits.add("cleanup_module")

@ex@
declarer name module_exit;
identifier fn;
@@
module_exit(fn);

@script:python@
fn << ex.fn;
@@
exits.add(fn)

@depends on patch && !org && !report@
identifier fn : script:python () { fn in exits };
identifier pr = {printk, pr_warn, pr_warning, pr_info, pr_notice, pr_err,
		 pr_debug};
statement S;
@@
fn(...) { <...
(
- if (MOD_IN_USE) return;
|
- if (MOD_IN_USE) { pr(...); return; }
|
- if (MOD_IN_USE) { pr(...); pr(...); return; }
|
- if (MOD_IN_USE) pr(...); else S
+ S
|
- if (MOD_IN_USE) pr(...);
|
- if (MOD_IN_USE) { pr(...); pr(...); }
)
...> }

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
position p;
@@
MOD_IN_USE@p

@script:python depends on report@
p << r.p;
@@
if p[0].current_element in exits:
	coccilib.report.print_report(p[0], "MOD_IN_USE in the module exit function: always false now, remove the check")

@script:python depends on org@
p << r.p;
@@
if p[0].current_element in exits:
	cocci.print_main("MOD_IN_USE in exit", p)
