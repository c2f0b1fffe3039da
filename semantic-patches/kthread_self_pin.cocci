// SPDX-License-Identifier: GPL-2.0-only
/// Kernel threads that pin their own module: the function passed to
/// kernel_thread() (or kthread_run/kthread_create) counts the module at its
/// start and drops the count just before it exits.  Convert to
///   MOD_INC_USE_COUNT;                       -> __module_get(THIS_MODULE);
///   MOD_DEC_USE_COUNT; complete_and_exit(c, r); -> complete(c);
///                                               module_put_and_exit(r);
///   MOD_DEC_USE_COUNT; do_exit(r);           -> module_put_and_exit(r);
///   MOD_DEC_USE_COUNT; return r;             -> module_put_and_exit(r);
/// so that the final put happens in code that is not part of the module.
/// module_put_and_exit() is the historic name; it became
/// module_put_and_kthread_exit() in 5.17 and modref's compat header maps
/// either name to the kernel's.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: __module_get() needs a reference held by the thread's creator
//  across kernel_thread(); 2.4 code rarely had one, so the start of the
//  thread still races with rmmod until the creator takes the reference
//  (report it to a human).  A thread in which no count drop is directly
//  followed by the thread's exit is not converted at all (reported).
// Options: --no-includes --include-headers
// Mode: patch
// Order: 40
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT
// Needs: kernel_thread kthread_run kthread_create

virtual patch
virtual org
virtual report

@initialize:python@
@@
threads = set()
convertible = set()

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
threads.clear()
convertible.clear()

@th@
identifier fn;
@@
(
 kernel_thread(fn, ...)
|
 kernel_thread(&fn, ...)
|
 kthread_run(fn, ...)
|
 kthread_create(fn, ...)
)

@script:python@
fn << th.fn;
@@
threads.add(fn)

// Only threads whose count drop is directly followed by their exit are
// converted, so that a thread is never left half converted.
@ends@
identifier fn : script:python () { fn in threads };
expression C, R;
position p;
@@
fn@p(...) { <+...
(
 MOD_DEC_USE_COUNT;
|
 __MOD_DEC_USE_COUNT(THIS_MODULE);
)
(
 complete_and_exit(C, R);
|
 do_exit(R);
|
 return R;
)
...+> }

@script:python@
p << ends.p;
@@
convertible.add(p[0].current_element)

@depends on patch && !org && !report@
identifier fn : script:python () { fn in convertible };
expression C, R;
@@
fn(...) { <...
(
- MOD_INC_USE_COUNT;
+ __module_get(THIS_MODULE);
|
- __MOD_INC_USE_COUNT(THIS_MODULE);
+ __module_get(THIS_MODULE);
|
- MOD_DEC_USE_COUNT;
- complete_and_exit(C, R);
+ complete(C);
+ module_put_and_exit(R);
|
- MOD_DEC_USE_COUNT;
- do_exit(R);
+ module_put_and_exit(R);
|
- MOD_DEC_USE_COUNT;
- return R;
+ module_put_and_exit(R);
|
- __MOD_DEC_USE_COUNT(THIS_MODULE);
- complete_and_exit(C, R);
+ complete(C);
+ module_put_and_exit(R);
|
- __MOD_DEC_USE_COUNT(THIS_MODULE);
- do_exit(R);
+ module_put_and_exit(R);
|
- __MOD_DEC_USE_COUNT(THIS_MODULE);
- return R;
+ module_put_and_exit(R);
)
...> }

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 MOD_DEC_USE_COUNT@p
|
 __MOD_INC_USE_COUNT@p(THIS_MODULE)
|
 __MOD_DEC_USE_COUNT@p(THIS_MODULE)
)

@script:python depends on report@
p << r.p;
@@
if p[0].current_element in threads:
	coccilib.report.print_report(p[0], "kernel thread %s counts its own module: use __module_get(THIS_MODULE) at start (creator must hold a reference) and module_put_and_exit() at the end" % p[0].current_element)

@script:python depends on org@
p << r.p;
@@
if p[0].current_element in threads:
	cocci.print_main("self-pinning kernel thread", p)
