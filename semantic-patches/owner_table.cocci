// SPDX-License-Identifier: GPL-2.0-only
/// Remove module use counting (MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT and
/// __MOD_INC/DEC_USE_COUNT(THIS_MODULE)) from the methods of a method table
/// whose subsystem pins the table's owner, and set `.owner = THIS_MODULE` in
/// that table (once; a table that already has .owner is left alone).
/// The subsystem then takes the reference before it calls in, which closes
/// the window in which the 2.4 code ran with a zero count.
///
/// Owner tables: the kernel types listed in @initialize below (their struct
/// has `struct module *owner` and the core pins it: VFS fops_get, block
/// layer, tty, line disciplines, sockets, fbdev, filesystems, nls, atm,
/// watchdog, v4l2, OSS) and every struct defined in the files given to
/// spatch that has a `struct module *owner;` member.
///
/// Counting is removed everywhere in a method: error paths, switch cases,
/// `#ifdef MODULE` blocks (the directives themselves stay: SmPL cannot match
/// preprocessor conditionals; run semantic-patches/postpass afterwards to
/// drop conditionals that became empty).  `if (c) MOD_DEC_USE_COUNT;` goes
/// entirely when c has no side effect; otherwise c is kept as a statement.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: A table and its methods may live in different files of one
//  module: pass all of the module's .c and .h files to one spatch
//  invocation (not --dir, which handles files one by one).  Tables filled
//  in at run time (`fops.open = f`) or with positional initializers are not
//  seen; counting left behind is reported by legacy_tokens.cocci.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 60
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT

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

tables_of = {}
counted_tables = set()

def side_effect_free(e):
	return not any(c in e for c in "(=") and "++" not in e and "--" not in e

@loc@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
owner_types.add(T)

@tbl@
identifier T : script:python () { T in owner_types };
identifier t, fld, fn;
@@
struct T t = { ..., .fld = fn, ...};

@script:python@
t << tbl.t;
fn << tbl.fn;
@@
tables_of.setdefault(fn, set()).add(t)

@counted@
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

@script:python@
p << counted.p;
@@
if p[0].current_element in tables_of:
	counted_tables.update(tables_of[p[0].current_element])
else:
	cocci.include_match(False)

// `if (e) { MOD_DEC_USE_COUNT; return r; }` keeps no braces around the
// one statement left (kernel style).
@c0 depends on patch && !context && !org && !report@
identifier tbl.fn;
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

@c1 depends on patch && !context && !org && !report@
identifier tbl.fn;
expression E : script:python () { side_effect_free(E) };
@@
fn(...) { <...
(
- if (E) MOD_DEC_USE_COUNT;
|
- if (E) { MOD_DEC_USE_COUNT; }
|
- if (E) __MOD_DEC_USE_COUNT(THIS_MODULE);
|
- if (E) { __MOD_DEC_USE_COUNT(THIS_MODULE); }
)
...> }

@c2 depends on patch && !context && !org && !report@
identifier tbl.fn;
expression E;
statement S;
@@
fn(...) { <...
(
- if (E) MOD_DEC_USE_COUNT; else S
+ if (!E) S
|
- if (E) MOD_DEC_USE_COUNT;
+ E;
)
...> }

@c3 depends on patch && !context && !org && !report@
identifier tbl.fn;
@@
fn(...) { <...
(
- MOD_INC_USE_COUNT;
|
- MOD_DEC_USE_COUNT;
|
- __MOD_INC_USE_COUNT(THIS_MODULE);
|
- __MOD_DEC_USE_COUNT(THIS_MODULE);
)
...> }

@has@
identifier T, t;
expression E;
position p;
@@
struct T t@p = { ..., .owner = E, ...};

@add depends on patch && !context && !org && !report@
identifier t : script:python () { t in counted_tables };
identifier T;
position p != has.p;
@@
struct T t@p = {
+	.owner = THIS_MODULE,
	...
};

// ------------------------------------------------------------------------

@script:python depends on report@
p << counted.p;
@@
fn = p[0].current_element
coccilib.report.print_report(p[0], "use count in %s, a method of owner table %s: set .owner = THIS_MODULE in the table and drop the counting" % (fn, "/".join(sorted(tables_of.get(fn, ())))))

@script:python depends on org@
p << counted.p;
@@
cocci.print_main("use count in method " + p[0].current_element, p)
