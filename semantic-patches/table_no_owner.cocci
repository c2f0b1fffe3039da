// SPDX-License-Identifier: GPL-2.0-only
/// Report a method table without `.owner` in code that can be built as a
/// module.  A table is a static initializer of a struct type whose subsystem
/// pins `owner` (the kernel types listed in owner_table.cocci, plus any
/// struct defined in the files given to spatch with a `struct module
/// *owner;` member) that sets at least one field to a function defined or
/// declared in those files.  Modular: the files contain module_init,
/// module_exit or MODULE_LICENSE.  Without .owner the subsystem calls into
/// the module with nothing pinning it.
///
/// Skipped (their subsystem protects itself or the table is not pinned
/// through .owner): file_operations passed to debugfs_create_file*(),
/// proc_create*() or create_proc_entry()/->proc_fops, and seq_file tables
/// (`.read = seq_read`).
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  Needs the module's files in one invocation (as
//  owner_table.cocci) to see a struct or the module_init that live in
//  another file.  Tables filled in at run time are not seen.
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
owner_types = set(["file_operations", "block_device_operations",
		   "tty_driver", "tty_ldisc", "tty_ldisc_ops", "proto_ops",
		   "net_proto_family", "fb_ops", "file_system_type",
		   "nls_table", "atmdev_ops", "watchdog_ops",
		   "v4l2_file_operations", "mixer_operations", "audio_driver",
		   "midi_operations", "synth_operations"])
funcs = set()
skip = set()
done = set()

@modular@
declarer name module_init, module_exit, MODULE_LICENSE;
expression E;
@@
(
module_init(E);
|
module_exit(E);
|
MODULE_LICENSE(E);
)

@loc@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
owner_types.add(T)

@fdef@
identifier f;
@@
f(...) { ... }

@script:python@
f << fdef.f;
@@
funcs.add(f)

@fdecl@
identifier f;
type R;
@@
R f(...);

@script:python@
f << fdecl.f;
@@
funcs.add(f)

@ex@
identifier t;
identifier reg = {debugfs_create_file, debugfs_create_file_unsafe,
		  debugfs_create_file_size, proc_create, proc_create_data,
		  create_proc_entry};
expression E;
@@
(
 reg(..., &t, ...)
|
 E->proc_fops = &t
)

@script:python@
t << ex.t;
@@
skip.add(t)

@sq@
identifier t;
symbol seq_read;
@@
struct file_operations t = { ..., .read = seq_read, ...};

@script:python@
t << sq.t;
@@
skip.add(t)

@has@
identifier T, t;
expression E;
position p;
@@
struct T t@p = { ..., .owner = E, ...};

@r depends on modular@
identifier T, t, fld, fn;
position p != has.p;
@@
struct T t@p = { ..., .fld = fn, ...};

@script:python depends on report || org@
p << r.p;
T << r.T;
t << r.t;
fn << r.fn;
@@
key = (p[0].file, p[0].line, p[0].column)
if T in owner_types and t not in skip and fn in funcs and key not in done:
	done.add(key)
	coccilib.report.print_report(p[0], "method table %s has no .owner in modular code: add .owner = THIS_MODULE" % t)
