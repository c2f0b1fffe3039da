// SPDX-License-Identifier: GPL-2.0-only
/// A driver that reads MOD_IN_USE (or GET_USE_COUNT(THIS_MODULE)) in one
/// of its methods as the number of its users (display7seg's release: the
/// last close resets the panel) gets a counter of its own, as 2.6 gave
/// it: once the table has .owner, the module count no longer counts the
/// opens (the core holds one reference per open file, and the count drops
/// only after release returns).  The counting in the methods stays as
/// atomic_inc()/atomic_dec() of a driver-local `static atomic_t
/// <prefix>users = ATOMIC_INIT(0);` (the prefix of the methods' names),
/// declared before the first function that uses it; the read becomes
/// atomic_read(), and a drop directly followed by `if (0 == MOD_IN_USE`
/// (`!MOD_IN_USE`, `MOD_IN_USE == 0`, alone or first of `&&`/`||`)
/// becomes one `if (atomic_dec_and_test(&<prefix>users)`.  The module
/// counting itself is left to owner_table (Order 60), which removes it and
/// sets the owner; <asm/atomic.h> is included when the file includes
/// neither it nor <linux/atomic.h>.
///
/// Only a clear shape is converted: every count of the module in the
/// files sits in a method (a function set as a field of a table whose
/// type has its owner for the target kernel: owner_table's tables), in one
/// file, both taken and dropped, no count
/// reset loop, no can_unload callback, no `nowayout`, no counting in a
/// macro body, and every read outside the exit function is in such a
/// method.  A read that only guards the counting (`if (MOD_IN_USE)
/// MOD_DEC_USE_COUNT;`, a count reset loop `while (MOD_IN_USE)
/// MOD_DEC_USE_COUNT;`) or that a printk prints is not a use of the
/// count: alone, it converts nothing (owner_table and modcount_api take
/// it).  Any other read outside the exit function is reported.
///
// Confidence: Moderate
// Copyright: (C) 2026 modref contributors.
// Comments: Runs after mod_in_use_exit (30), which deletes the dead
//  checks in the exit function, and before self_pin (55) and owner_table
//  (60), which remove the counting this rule needs to see.  The counter
//  counts what the module count counted in the methods: opens that failed
//  after the take drop it again, as they did.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 52
// Keywords: MOD_IN_USE GET_USE_COUNT
// Needs: MOD_INC_USE_COUNT __MOD_INC_USE_COUNT

virtual patch
virtual org
virtual report

@initialize:python@
@@
# >>> modref owner types: this block is the same in every rule that reads
# semantic-patches/owner-types (tests/t-cocci-rules.sh compares the copies).
# $MODREF_OWNER_TYPES names the list (the modref program writes the tree's
# own owner-bearing types, version `tree`, then owner-types); unset, the
# owner-types next to the rule is read.  $MODREF_TARGET: current (default)
# or 2.4.
import os as _ot_os
import sys as _ot_sys

def _ot_die(msg):
	_ot_sys.stderr.write("modref: %s\n" % msg)
	raise SystemExit(2)

def _ot_version(v):
	try:
		return tuple(int(x) for x in v.split("."))
	except ValueError:
		return None

def _ot_load():
	path = _ot_os.environ.get("MODREF_OWNER_TYPES", "")
	if not path:
		try:
			args = open("/proc/self/cmdline", "rb").read().split(b"\0")
		except (IOError, OSError):
			args = []
		for i in range(len(args) - 1):
			if args[i] == b"--sp-file":
				d = _ot_os.path.dirname(args[i + 1].decode("utf-8", "replace"))
				path = _ot_os.path.join(d, "owner-types")
	if not path:
		_ot_die("MODREF_OWNER_TYPES is not set and no --sp-file to look next to")
	target = _ot_os.environ.get("MODREF_TARGET", "") or "current"
	if target not in ("current", "2.4"):
		_ot_die("MODREF_TARGET=%s: must be current or 2.4" % target)
	try:
		text = open(path).read()
	except (IOError, OSError) as e:
		_ot_die("%s: cannot read the owner-type list: %s" % (path, e.strerror))
	tree = {}
	listed = {}
	n = 0
	for line in text.split("\n"):
		n += 1
		w = line.split("#")[0].split()
		if not w:
			continue
		if (len(w) < 2 or len(w) > 4 or
		    (w[1] != "tree" and _ot_version(w[1]) is None) or
		    (len(w) == 4 and w[3] != "never" and
		     _ot_version(w[3]) is None)):
			_ot_die("%s:%d: not \"<struct> <version> [<member> [<gone>|never]]\"" % (path, n))
		member = w[2] if len(w) > 2 else "owner"
		if w[1] == "tree":
			tree[w[0]] = member
		else:
			listed[w[0]] = (w[1], member, w[3] if len(w) == 4 else None)
	return target, tree, listed

ot_target, ot_tree, ot_listed = _ot_load()
ot_local = {}

def ot_choice(t):
	"""(member, why) for struct t: member is None when t must not get one
	(why then says why, or is None when t is no owner type at all)."""
	l = ot_listed.get(t)
	intree = t in ot_tree or t in ot_local
	tm = ot_tree.get(t) or ot_local.get(t) or "owner"
	if l and l[2] == "never":
		return None, "struct %s has %s, but its core never pins it before it calls in" % (t, l[1])
	if ot_target == "current":
		if l and l[2]:
			return None, "struct %s lost its %s member in %s" % (t, l[1], l[2])
		if l:
			return l[1], "struct %s has %s since %s" % (t, l[1], l[0])
		if intree:
			return tm, "struct %s is declared with %s in the tree" % (t, tm)
		return None, None
	if intree:
		return tm, "the tree declares struct %s with %s" % (t, tm)
	if l and _ot_version(l[0])[:2] <= (2, 4):
		return l[1], "struct %s has %s since %s" % (t, l[1], l[0])
	if l:
		return None, "struct %s has no %s before %s (target 2.4)" % (t, l[1], l[0])
	return None, None

def ot_member(t):
	return ot_choice(t)[0]
# <<< modref owner types

import re
import os

exits = set()		# the exit function(s)
methods = {}		# function -> tables it is a method of
fn_file = {}		# function -> (file, line) of its definition
counts = []		# (function, "inc"|"dec", key) of every count of THIS_MODULE
loops = set()		# keys of counting that is a loop body
reads = {}		# key -> function of every read of the count
quiet = set()		# keys of reads that only guard counting or are printed
dectest = set()		# keys of drops that become atomic_dec_and_test
flags = set()		# "can_unload", "nowayout"
files = set()		# the files of the group
memo = {}

def pos_key(p):
	return (p[0].file, int(p[0].line), int(p[0].column))

_lines = {}
def lines_of(path):
	if path not in _lines:
		try:
			_lines[path] = open(path, errors="replace").read().split("\n")
		except (IOError, OSError):
			_lines[path] = []
	return _lines[path]

COUNT_RE = re.compile(r"\b(__)?MOD_(INC|DEC)_USE_COUNT\b")

def macro_counts():
	"""a #define in the files whose body counts the module"""
	for f in sorted(files):
		ls = lines_of(f)
		i = 0
		while i < len(ls):
			if re.match(r"\s*#\s*define\b", ls[i]):
				body = ls[i]
				while body.endswith(chr(92)) and i + 1 < len(ls):
					i += 1
					body += ls[i]
				if COUNT_RE.search(body.split(None, 2)[-1]) and \
				   not re.match(r"\s*#\s*define\s+(__)?MOD_", body):
					return True
			i += 1
	return False

def common_prefix(names):
	"""the names' common prefix up to its last underscore, when it has a
	letter or digit"""
	p = os.path.commonprefix(sorted(names))
	p = p[:p.rfind("_") + 1]
	return p if re.search(r"[A-Za-z0-9]", p) else ""

def fresh(prefix):
	text = "\n".join("\n".join(lines_of(f)) for f in sorted(files))
	for n in [prefix + "users", prefix + "open_count"] + \
		 ["%susers%d" % (prefix, i) for i in range(2, 10)]:
		if not re.search(r"\b%s\b" % re.escape(n), text):
			return n
	return None

def decision():
	"""{"why": reason it stays} or {"name", "file", "first", "fns"}"""
	if "d" in memo:
		return memo["d"]
	real = dict((k, f) for k, f in reads.items()
		    if k not in quiet and not skip_read(f))
	d = {}
	cfns = set(f for f, _, _ in counts)
	incs = [k for f, kind, k in counts if kind == "inc" and f in methods]
	decs = [k for f, kind, k in counts if kind == "dec" and f in methods]
	outside = sorted(set(f for f in real.values() if f not in methods))
	notm = sorted(cfns - set(methods))
	if not real:
		d["why"] = None
	elif outside:
		d["why"] = "read in %s, no method of a table that has or gets an owner" % ", ".join(outside)
	elif notm:
		d["why"] = "the module is also counted in %s, no method: the count is not only the users" % ", ".join(notm)
	elif not incs or not decs:
		d["why"] = "the methods only %s the count" % ("drop" if not incs else "take")
	elif loops:
		d["why"] = "a loop resets the count"
	elif "can_unload" in flags:
		d["why"] = "a can_unload callback decides the unload"
	elif "nowayout" in flags:
		d["why"] = "a nowayout pin shares the count"
	elif macro_counts():
		d["why"] = "a macro body counts the module"
	else:
		fns = cfns | set(real.values())
		where = set(fn_file[f][0] for f in fns if f in fn_file)
		if len(where) != 1 or any(f not in fn_file for f in fns):
			d["why"] = "the counting methods are not all in one file"
		else:
			prefix = common_prefix(fns)
			if not prefix:
				tables = set()
				for f in fns:
					tables |= methods[f]
				prefix = common_prefix(tables)
			if not prefix:
				base = os.path.basename(list(where)[0]).split(".")[0]
				prefix = re.sub(r"\W", "_", base) + "_"
			name = fresh(prefix)
			if name is None:
				d["why"] = "no fresh name for a counter"
			else:
				d["name"] = name
				d["file"] = list(where)[0]
				d["first"] = min(fns, key=lambda f: fn_file[f][1])
				d["fns"] = fns
	memo["d"] = d
	return d

def skip_read(f):
	"""a read in f is no driver's count of its users: the exit function
	(mod_in_use_exit's), a can_unload callback (module_hooks')"""
	return f in exits or "can_unload" in f

def ok_fn(f):
	d = decision()
	return "name" in d and f in d["fns"]

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found never leaks into this one.
@script:python@
@@
for _s in (ot_local, exits, methods, fn_file, loops, reads, quiet, dectest,
	   flags, files, memo, _lines):
	_s.clear()
del counts[:]
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

@fdef@
identifier F;
position p;
@@
F@p(...) { ... }

@script:python@
F << fdef.F;
p << fdef.p;
@@
fn_file[F] = (p[0].file, int(p[0].line))
files.add(p[0].file)

@loc@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
ot_local[T] = "owner"

@tbl@
identifier T : script:python () { ot_member(T) == "owner" };
identifier t, fld, fn;
@@
struct T t = { ..., .fld = fn, ...};

@script:python@
t << tbl.t;
fn << tbl.fn;
@@
methods.setdefault(fn, set()).add(t)

@rtdecl@
identifier T : script:python () { ot_member(T) == "owner" };
identifier x;
@@
(
 struct T x;
|
 struct T *x;
)

@rtfill@
identifier rtdecl.x;
identifier fld, fn;
@@
(
 x.fld = fn;
|
 x->fld = fn;
|
 x.fld = &fn;
|
 x->fld = &fn;
)

@script:python@
x << rtdecl.x;
fn << rtfill.fn;
@@
methods.setdefault(fn, set()).add(x)

@cinc@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 __MOD_INC_USE_COUNT@p(THIS_MODULE)
)

@script:python@
p << cinc.p;
@@
counts.append((p[0].current_element, "inc", pos_key(p)))

@cdec@
position p;
@@
(
 MOD_DEC_USE_COUNT@p
|
 __MOD_DEC_USE_COUNT@p(THIS_MODULE)
)

@script:python@
p << cdec.p;
@@
counts.append((p[0].current_element, "dec", pos_key(p)))

@loopcnt@
expression E;
identifier cnt =~ "^(__)?MOD_(INC|DEC)_USE_COUNT$";
position p;
@@
(
 while (E) cnt@p;
|
 while (E) { cnt@p; }
|
 while (E) cnt@p(...);
|
 while (E) { cnt@p(...); }
|
 for (...;...;...) cnt@p;
|
 for (...;...;...) { cnt@p; }
)

@script:python@
p << loopcnt.p;
@@
loops.add(pos_key(p))

@rd@
position p;
symbol __this_module;
@@
(
 MOD_IN_USE@p
|
 GET_USE_COUNT@p(THIS_MODULE)
|
 GET_USE_COUNT@p(&__this_module)
)

@script:python@
p << rd.p;
@@
reads[pos_key(p)] = p[0].current_element

// Reads that are no use of the count: a guard of the counting itself, a
// value a printk prints.
@guard@
identifier cnt =~ "^MOD_(INC|DEC)_USE_COUNT$";
identifier pr =~ "^(printk|pr_[a-z]+|DPRINTK|DEBUG|dprintk)$";
expression E;
position p;
@@
(
 if (MOD_IN_USE@p) cnt;
|
 if (MOD_IN_USE@p) { cnt; }
|
 if (!MOD_IN_USE@p) cnt;
|
 if (!MOD_IN_USE@p) { cnt; }
|
 while (MOD_IN_USE@p) cnt;
|
 while (MOD_IN_USE@p) { cnt; }
|
 while (<+... GET_USE_COUNT@p(E) ...+>) cnt;
|
 while (<+... GET_USE_COUNT@p(E) ...+>) { cnt; }
|
 pr(..., <+... MOD_IN_USE@p ...+>, ...)
|
 pr(..., <+... GET_USE_COUNT@p(E) ...+>, ...)
)

@script:python@
p << guard.p;
@@
quiet.add(pos_key(p))

@fl@
identifier f = {can_unload, nowayout};
@@
f

@script:python@
f << fl.f;
@@
flags.add(f)

@fl2@
identifier f = {can_unload};
expression E;
@@
(
 E.f
|
 E->f
)

@script:python@
f << fl2.f;
@@
flags.add(f)

// A 2.4 can_unload callback reads the count for the module core
// (module_hooks reports it).
@cu@
identifier fn;
expression E;
@@
(
 E.can_unload = fn
|
 E->can_unload = fn
)

@script:python@
fn << cu.fn;
@@
exits.add(fn)

// ------------------------------------------------------------------------
// The conversion.

@first depends on patch && !org && !report@
identifier fn : script:python () { ok_fn(fn) and fn == decision()["first"] };
@@
fn(...) { ... }

@script:python mk@
fn << first.fn;
ctr;
@@
coccinelle.ctr = cocci.make_ident(decision()["name"])

// A drop directly followed by a test of the count for zero: the drop and
// the test become one atomic_dec_and_test(), when the test is evaluated
// first (the whole condition, or the left operand of && or ||).  The drop
// stays for owner_table.  (Positions do not survive a rule that changed
// the file: each rule below matches by shape alone, or on positions that
// the match-only rule right before it took.)
@dt depends on patch && !org && !report@
identifier fn : script:python () { ok_fn(fn) };
identifier mk.ctr;
expression E;
statement S1, S2;
@@
fn(...) { <...
 MOD_DEC_USE_COUNT;
(
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
 ) S1
|
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
 ) S1 else S2
|
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  && E) S1
|
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  && E) S1 else S2
|
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  || E) S1
|
 if (
- 0 == MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  || E) S1 else S2
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
 ) S1
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
 ) S1 else S2
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
  && E) S1
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
  && E) S1 else S2
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
  || E) S1
|
 if (
- MOD_IN_USE == 0
+ atomic_dec_and_test(&ctr)
  || E) S1 else S2
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
 ) S1
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
 ) S1 else S2
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  && E) S1
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  && E) S1 else S2
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  || E) S1
|
 if (
- !MOD_IN_USE
+ atomic_dec_and_test(&ctr)
  || E) S1 else S2
)
...> }

// Every other read in the methods: atomic_read() of the counter.
@rd2 depends on patch && !org && !report@
identifier fn : script:python () { ok_fn(fn) };
identifier mk.ctr;
symbol __this_module;
@@
fn(...) { <...
(
- MOD_IN_USE
+ atomic_read(&ctr)
|
- GET_USE_COUNT(THIS_MODULE)
+ atomic_read(&ctr)
|
- GET_USE_COUNT(&__this_module)
+ atomic_read(&ctr)
)
...> }

// The drops that became an atomic_dec_and_test()
@dtp depends on patch && !org && !report exists@
identifier fn : script:python () { ok_fn(fn) };
identifier mk.ctr;
expression E;
statement S1, S2;
position p;
@@
fn(...) { <+...
 MOD_DEC_USE_COUNT@p;
(
 if (atomic_dec_and_test(&ctr)) S1
|
 if (atomic_dec_and_test(&ctr)) S1 else S2
|
 if (atomic_dec_and_test(&ctr) && E) S1
|
 if (atomic_dec_and_test(&ctr) && E) S1 else S2
|
 if (atomic_dec_and_test(&ctr) || E) S1
|
 if (atomic_dec_and_test(&ctr) || E) S1 else S2
|
 if (atomic_dec_and_test(&ctr)) S1
|
 if (atomic_dec_and_test(&ctr)) S1 else S2
|
 if (atomic_dec_and_test(&ctr) && E) S1
|
 if (atomic_dec_and_test(&ctr) && E) S1 else S2
|
 if (atomic_dec_and_test(&ctr) || E) S1
|
 if (atomic_dec_and_test(&ctr) || E) S1 else S2
|
 if (atomic_dec_and_test(&ctr)) S1
|
 if (atomic_dec_and_test(&ctr)) S1 else S2
|
 if (atomic_dec_and_test(&ctr) && E) S1
|
 if (atomic_dec_and_test(&ctr) && E) S1 else S2
|
 if (atomic_dec_and_test(&ctr) || E) S1
|
 if (atomic_dec_and_test(&ctr) || E) S1 else S2
)
...+> }

@script:python@
p << dtp.p;
@@
dectest.add(pos_key(p))

// Every count in the methods: the counter beside the module count
// (owner_table removes the module count after this rule).
@ci depends on patch && !org && !report@
identifier fn : script:python () { ok_fn(fn) };
identifier mk.ctr;
position p : script:python () { pos_key(p) not in dectest };
@@
fn(...) { <...
(
 MOD_INC_USE_COUNT@p;
+ atomic_inc(&ctr);
|
 __MOD_INC_USE_COUNT@p(THIS_MODULE);
+ atomic_inc(&ctr);
|
 MOD_DEC_USE_COUNT@p;
+ atomic_dec(&ctr);
|
 __MOD_DEC_USE_COUNT@p(THIS_MODULE);
+ atomic_dec(&ctr);
)
...> }

@decl depends on patch && !org && !report@
identifier first.fn;
identifier mk.ctr;
@@
+ static atomic_t ctr = ATOMIC_INIT(0);
+
fn(...) { ... }

@hasatomic@
@@
(
#include <asm/atomic.h>
|
#include <linux/atomic.h>
)

// <asm/atomic.h> before the file's first <asm/...> include, else after
// <linux/module.h>.
@asminc depends on patch && !org && !report && first && !hasatomic@
position p;
@@
#include <asm/...>@p

@script:python@
p << asminc.p;
@@
k = pos_key(p)
if k[0] == decision()["file"] and ("asm" not in memo or k < memo["asm"]):
	memo["asm"] = k

@addinc depends on patch && !org && !report && first && !hasatomic@
position p : script:python () { memo.get("asm") == pos_key(p) };
@@
+#include <asm/atomic.h>
 #include <asm/...>@p

@addinc2 depends on patch && !org && !report && first && !hasatomic && !addinc@
@@
 #include <linux/module.h>
+#include <asm/atomic.h>

// ------------------------------------------------------------------------

@rr depends on !patch && (org || report)@
position p;
symbol __this_module;
@@
(
 MOD_IN_USE@p
|
 GET_USE_COUNT@p(THIS_MODULE)
|
 GET_USE_COUNT@p(&__this_module)
)

@script:python depends on report@
p << rr.p;
@@
fn = p[0].current_element
if pos_key(p) not in quiet and not skip_read(fn):
	d = decision()
	if "name" in d:
		why = "open_counter gives the driver its own counter %s in convert" % d["name"]
	elif d.get("why") and counts:
		why = "the shape is not clear: %s" % d["why"]
	else:
		why = "the shape is not clear: open_counter converts it only when all of the module's counting is in methods of owner tables in one file, taken and dropped, and every read is in one of them"
	coccilib.report.print_report(p[0], "use count read in %s as a count of its users left: %s; usual fix (2.6 display7seg): a driver-local atomic_t count of the users, atomic_inc() in open, atomic_dec_and_test() in release" % (fn, why))

@script:python depends on org@
p << rr.p;
@@
if pos_key(p) not in quiet and not skip_read(p[0].current_element):
	cocci.print_main("use count read in " + p[0].current_element, p)
