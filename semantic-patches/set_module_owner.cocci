// SPDX-License-Identifier: GPL-2.0-only
/// SET_MODULE_OWNER(x) on a structure other than a net_device (a proc
/// entry, a video device, an ISDN interface, a board): the macro was
/// `x->owner = THIS_MODULE`, and 2.5/2.6 wrote that out:
///   SET_MODULE_OWNER(p);       -> p->owner = THIS_MODULE;
///   SET_MODULE_OWNER(&s.f);    -> s.f.owner = THIS_MODULE;
/// When x is `&t` for a table `t` with a static initializer in the file,
/// `.owner = THIS_MODULE,` goes into the initializer instead and the
/// statement goes.  When the kernel targeted (MODREF_TARGET, default
/// current) sets the owner in the registration the file calls with the
/// same object (usb_register(), pci_register_driver(), ... since 2.6.16),
/// the statement is removed.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: net_device is netdev_open_stop.cocci's (its owner is gone;
//  the statement is deleted there, which runs first).  The rewrite is the
//  macro's own expansion, so it builds wherever the 2.4 code built; a type
//  that lost its owner later (struct proc_dir_entry in 2.6.30) needs the
//  line deleted when that kernel is the target, which is left to a human.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 55
// Keywords: SET_MODULE_OWNER

virtual patch
virtual org
virtual report

@initialize:python@
@@
import os

target = os.environ.get("MODREF_TARGET", "current")
owned = set()
tabled = set()
tabled_at = set()

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (owned, tabled, tabled_at):
	_s.clear()

// ---- the registration sets the owner (current kernels) --------------

@reg@
identifier t;
identifier regf = {usb_register, usb_register_driver, pci_register_driver,
		   pci_module_init, i2c_add_driver, platform_driver_register,
		   serio_register_driver, gameport_register_driver,
		   usb_serial_register, pcmcia_register_driver};
@@
regf(&t, ...)

@script:python reg_current@
@@
if target == "2.4":
	cocci.include_match(False)

@regdel depends on reg_current && patch && !org && !report@
identifier reg.t;
@@
- SET_MODULE_OWNER(&t);

// ---- a table at hand: into its initializer ---------------------------

@so@
identifier t;
@@
SET_MODULE_OWNER(&t);

@script:python@
t << so.t;
@@
owned.add(t)

@ownset@
identifier t;
type T;
position p;
@@
T t@p = { ..., .owner = THIS_MODULE, ... };

@script:python@
tn << ownset.t;
@@
if tn in owned:
	tabled.add(tn)

@has_any@
identifier t;
type T;
expression E;
position p;
@@
T t@p = { ..., .owner = E, ... };

@tbl@
identifier t;
type T;
position p != has_any.p;
@@
T t@p = { ... };

@script:python@
p << tbl.p;
tn << tbl.t;
@@
if tn in owned:
	tabled_at.add((p[0].file, p[0].line))
	tabled.add(tn)

@tbl_add depends on patch && !org && !report@
identifier t;
type T;
position p : script:python () { (p[0].file, p[0].line) in tabled_at };
@@
T t@p = {
+	.owner = THIS_MODULE,
	...
};

@tbl_del depends on patch && !org && !report@
identifier t : script:python () { t in tabled };
@@
- SET_MODULE_OWNER(&t);

// ---- anything else: the macro's expansion -----------------------------

@expand depends on patch && !org && !report@
expression E;
struct net_device *nd;
struct net_device ndv;
@@
(
 SET_MODULE_OWNER(nd);
|
 SET_MODULE_OWNER(&ndv);
|
- SET_MODULE_OWNER(&E);
+ E.owner = THIS_MODULE;
|
- SET_MODULE_OWNER(E);
+ E->owner = THIS_MODULE;
)

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
expression E;
position p;
@@
SET_MODULE_OWNER@p(E)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "SET_MODULE_OWNER left: not a statement the rules match (a macro, a condition); usual fix (2.5/2.6): x->owner = THIS_MODULE, .owner in the static table, or delete it for a net_device")

@script:python depends on org@
p << r.p;
@@
cocci.print_main("SET_MODULE_OWNER", p)
