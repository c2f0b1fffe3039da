// SPDX-License-Identifier: GPL-2.0-only
/// Remove module use counting (MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT and
/// __MOD_INC/DEC_USE_COUNT(THIS_MODULE)) from the methods of a method table
/// whose subsystem pins the table's owner, and set the owner in that table:
/// `.owner = THIS_MODULE` in a static initializer (once; a table that
/// already has .owner is left alone), or `x.owner = THIS_MODULE;` (`x->`)
/// after the first statement that fills in a method of a table filled in
/// at run time (`serial_driver.open = rs_open;`).  The subsystem then takes
/// the reference before it calls in, which closes the window in which the
/// 2.4 code ran with a zero count.
///
/// Owner tables: the types of semantic-patches/owner-types that the target
/// kernel has the member in (MODREF_TARGET: current, or 2.4 for trees that
/// must still build on 2.4: struct tty_driver, for one, gained its owner in
/// 2.5.58), the tree's own owner-bearing types (MODREF_OWNER_TYPES, from the
/// tree-wide index) and every struct defined in the files given to spatch
/// that has a `struct module *owner;` member.
///
/// Counting is removed everywhere in a method: error paths, switch cases,
/// `#ifdef MODULE` blocks (the directives themselves stay: SmPL cannot match
/// preprocessor conditionals; run semantic-patches/postpass afterwards to
/// drop conditionals that became empty).  `if (c) MOD_DEC_USE_COUNT;` goes
/// entirely when c has no side effect; otherwise c is kept as a statement.
/// When the methods only take the count (or only drop it), the other half
/// lives elsewhere (a motor-off timer): that half is a self-pin and becomes
/// __module_get(THIS_MODULE) (module_put) instead of going.
/// A method keeps its counting when its table cannot get the owner: a
/// positional initializer, a table only in a pre-2.4 `#if` branch, a type
/// the target kernel lacks the member in (the report says which).
///
/// A type whose member current kernels lost (struct video_device, 2.6.27)
/// is an owner table anyway when the table sets the member itself: that
/// code builds only on kernels that have it, and their core pins it.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: A table and its methods may live in different files of one
//  module: pass all of the module's .c and .h files to one spatch
//  invocation (not --dir, which handles files one by one).  A run-time
//  table is recognised by the name of a variable declared `struct T x;` or
//  `struct T *x;` in the files.  Self-pins (watchdog nowayout, timers) are
//  converted by self_pin.cocci before this rule; counting left behind is
//  reported by legacy_tokens.cocci.
// Options: --no-includes --include-headers --allow-inconsistent-paths
// Reports: changed
// Mode: patch
// Order: 60
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT __module_get module_put

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

tables_of = {}		# method -> tables it fills (tables that get an owner)
kept_of = {}		# method -> {table: why its counting stays}
counted_tables = set()
n_inc = [0]		# counting sites in methods that take the count
n_dec = [0]		# ... and that drop it
static_owner = set()	# static tables (by name) that already have .owner
ok_copies = set()	# (file, line, col) of static initializers to extend
loop_sites = set()	# (file, line, col) of counting that is the body of a loop
rt_vars = {}		# run-time table variable -> struct type
rt_first = {}		# run-time table -> (file, line, col) of its first method
rt_owned = set()	# run-time tables that already get an owner
rt_set = set()		# ... by an assignment to the member itself
defined = set()		# functions defined in the files
fields_of = {}		# method -> fields it fills in tables that get an owner
gs_tty = {}		# close/hangup -> tables whose method is gs_close/gs_hangup
rd_fields = {}		# function -> fields of a struct real_driver it fills
h_sites = {}		# counting function, no method -> [n inc, n dec, nowayout]
h_calls = {}		# such a function -> {(file, line, col): caller}
h_other = set()		# such functions referenced other than by a call
h_memo = {}		# the group's helper verdict, computed once
static_ok = set()	# static tables (by name) that may get .owner

# >>> modref side_effect_free: the same in every rule that has it
# (tests/t-cocci-rules.sh compares the copies)
def side_effect_free(e):
	"""e has no call, assignment, ++ or --: a test that may go; a
	comparison (==, !=, <=, >=) is no assignment"""
	if "<<=" in e or ">>=" in e:
		return False
	for op in ("==", "!=", "<=", ">="):
		e = e.replace(op, " ")
	return not any(c in e for c in "(=") and "++" not in e and "--" not in e
# <<< modref side_effect_free

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

_KV = re.compile(r"KERNEL_VERSION\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")

def _version_cond(c, v):
	"""the #if condition c for a kernel of version code v; None when c
	tests anything but LINUX_VERSION_CODE"""
	c = c.split("/*")[0].split("//")[0]
	c = _KV.sub(lambda m: str(int(m.group(1)) * 65536 +
				  int(m.group(2)) * 256 + int(m.group(3))), c)
	if "LINUX_VERSION_CODE" not in c:
		return None
	c = c.replace("LINUX_VERSION_CODE", "V")
	if re.search(r"[A-UW-Za-z_]", re.sub(r"0[xX][0-9a-fA-F]+", "0", c)):
		return None
	c = c.replace("&&", " and ").replace("||", " or ")
	c = re.sub(r"!(?!=)", " not ", c)
	try:
		return bool(eval(c, {"__builtins__": {}}, {"V": v}))
	except Exception:
		return None

def pre24(path, line):
	"""line is in a preprocessor branch compiled only before 2.4.0"""
	stack = []		# per level: [earlier conditions, current or None]
	for l in lines_of(path)[:max(0, line - 1)]:
		m = re.match(r"\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)", l)
		if not m:
			continue
		d, rest = m.group(1), m.group(2).strip()
		if d in ("if", "ifdef", "ifndef"):
			stack.append([[], rest if d == "if" else ""])
		elif d == "elif" and stack:
			stack[-1][0].append(stack[-1][1])
			stack[-1][1] = rest
		elif d == "else" and stack:
			stack[-1][0].append(stack[-1][1])
			stack[-1][1] = None
		elif d == "endif" and stack:
			stack.pop()
	for earlier, cur in stack:
		live = False
		for v in (0x020400, 0x02061f, 0x060100):
			ok = not any(_version_cond(e, v) is True for e in earlier)
			if cur is not None and _version_cond(cur, v) is False:
				ok = False
			live = live or ok
		if not live:
			return True
	return False

def designated_at(path, line, col):
	"""the initializer of the table declared at line:col starts with a
	designator (or is empty)"""
	text = "\n".join(lines_of(path)[line - 1:line + 40])[col:]
	i = text.find("{")
	if i < 0:
		return False
	rest = re.sub(r"/\*.*?\*/", " ", text[i + 1:], flags=re.S).lstrip()
	return rest[:1] in (".", "}")

def say_gained(T, p):
	l = ot_listed.get(T)
	if (ot_target == "current" and l and not l[2] and
	    _ot_version(l[0])[:2] > (2, 4)):
		coccilib.report.print_report(p[0], "owner of struct %s set for target current: the member exists since %s, so this no longer builds on 2.4 (TARGET=2.4 keeps the counting)" % (T, l[0]))

def relied_on(T):
	"""the member of a type that current kernels lost (struct video_device,
	gone in 2.6.27), or None.  A table that sets that member itself builds
	only where the member exists, and there its subsystem pins the owner
	(video_open() in 2.4): the counting in its methods may go whatever the
	target.  SET_MODULE_OWNER() is no such proof: a macro, not the member."""
	l = ot_listed.get(T)
	return l[1] if l and l[2] and l[2] != "never" else None

def keep(fn, t, why):
	kept_of.setdefault(fn, {})[t] = why

# generic_serial (2.4 drivers/char/generic_serial.c) calls a struct
# real_driver's close and hungup from gs_close and gs_hangup, the close
# and hangup methods of the tty_driver: they run inside those methods.
RD_ORDER = ("disable_tx_interrupts", "enable_tx_interrupts",
	    "disable_rx_interrupts", "enable_rx_interrupts", "get_CD",
	    "shutdown_port", "set_real_termios", "chars_in_buffer", "close",
	    "hungup", "getserial")
GS_METHOD = {"gs_close": "close", "gs_hangup": "hangup"}
OPEN_FIELDS = ("open",)
CLOSE_FIELDS = ("open", "release", "close", "hangup")

def note_method(fn, t, fld):
	fields_of.setdefault(fn, set()).add((t, fld))

def note_gs(t, fld, fn):
	if GS_METHOD.get(fn) == fld:
		gs_tty.setdefault(fld, set()).add(t)

def rd_table(path, line, col):
	"""the functions of the struct real_driver initializer at line:col,
	by field: designated, or positional in the 2.4 member order"""
	text = "\n".join(lines_of(path)[line - 1:line + 40])[col:]
	i = text.find("{")
	j = text.find("}", i)
	if i < 0 or j < 0:
		return
	body = re.sub(r"/\*.*?\*/", " ", text[i + 1:j], flags=re.S)
	items = [x.strip() for x in body.split(",")]
	for k, x in enumerate(items):
		m = re.match(r"\.(\w+)\s*=\s*&?\s*(\w+)$", x)
		if m:
			fld, fn = m.group(1), m.group(2)
		elif re.match(r"&?\s*\w+$", x) and k < len(RD_ORDER):
			fld, fn = RD_ORDER[k], x.lstrip("&").strip()
		else:
			continue
		rd_fields.setdefault(fn, set()).add(fld)

def method_fields(fn):
	"""(table, field) pairs of fn: its own, and a real_driver close or
	hungup's through the tty tables whose close or hangup is gs_*"""
	r = set(fields_of.get(fn, ()))
	for fld in rd_fields.get(fn, ()):
		tty = {"close": "close", "hungup": "hangup"}.get(fld)
		for t in gs_tty.get(tty, ()):
			r.add((t, tty))
	return r

def helper_verdict():
	"""(ok, why, tables): whether the counting of the group's helpers
	goes: every function that counts and is no method is a helper only
	called from methods of tables that get an owner, the taking helpers
	only from open, the dropping ones from open (its error path),
	release, close or hangup, no helper under nowayout; why says what
	keeps the helpers' pin"""
	if "v" in h_memo:
		return h_memo["v"]
	ok, why, tables = bool(h_sites), None, set()
	n_i = n_d = 0
	for F in sorted(h_sites):
		inc, dec, nwo = h_sites[F]
		callers = set(h_calls.get(F, {}).values())
		if F in ("init_module", "cleanup_module") or not callers:
			why = "%s also counts and is no helper called from methods" % F
		elif F in h_other:
			why = "%s is also used other than by a call" % F
		elif nwo:
			why = "%s %s" % (F, nwo)
		elif inc and dec:
			why = "%s both takes and drops the count" % F
		else:
			want = OPEN_FIELDS if inc else CLOSE_FIELDS
			for c in sorted(callers):
				mf = method_fields(c)
				if not mf:
					why = "%s is called from %s, no method of a table that gets an owner" % (F, c)
					break
				if not any(f in want for t, f in mf):
					why = "%s is called from %s, a method that is no %s" % (F, c, "/".join(want))
					break
				tables.update(t for t, f in mf)
		for t in sorted(tables):
			if not (t in rt_first or t in rt_owned or t in static_ok):
				why = "%s's methods are filled in nowhere in these files" % t
		if why:
			ok = False
			break
		n_i += inc
		n_d += dec
	if ok and (n_i + n_inc[0] == 0 or n_d + n_dec[0] == 0):
		ok, why = False, "the count is not both taken and dropped in the helpers and methods"
	if ok:
		n_inc[0] += n_i
		n_dec[0] += n_d
	h_memo["v"] = (ok, why, tables if ok else set())
	return h_memo["v"]

def n_all():
	helper_verdict()
	return n_inc[0], n_dec[0]

def helper_goes(F):
	return F in h_sites and helper_verdict()[0]

def helper_tables():
	return helper_verdict()[2]

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (ot_local, tables_of, kept_of, counted_tables, static_owner, ok_copies,
	   rt_vars, rt_first, rt_owned, rt_set, defined, loop_sites, fields_of, gs_tty,
	   rd_fields, h_sites, h_calls, h_other, h_memo, static_ok):
	_s.clear()
n_inc[0] = 0
n_dec[0] = 0

@fdef@
identifier F;
@@
F(...) { ... }

@script:python@
F << fdef.F;
@@
defined.add(F)

@loc@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
ot_local[T] = "owner"

@has@
identifier T, t;
expression E;
@@
struct T t = { ..., .owner = E, ...};

@script:python@
t << has.t;
@@
static_owner.add(t)

@tbl@
identifier T : script:python () { ot_choice(T)[1] is not None };
identifier t, fld, fn;
position p;
@@
struct T t@p = { ..., .fld = fn, ...};

@script:python@
T << tbl.T;
t << tbl.t;
fld << tbl.fld;
fn << tbl.fn;
p << tbl.p;
@@
m, why = ot_choice(T)
f, ln, col = pos_key(p)
if m is None and t in static_owner:
	m = relied_on(T)
if m is None:
	keep(fn, t, why)
elif m != "owner":
	keep(fn, t, "struct %s's member is %s: set it by hand" % (T, m))
elif pre24(f, ln):
	keep(fn, t, "its initializer is in a pre-2.4 #if branch")
elif not designated_at(f, ln, col) and t not in static_owner:
	keep(fn, t, "its initializer is positional: rewrite it with designators")
else:
	ok_copies.add((f, ln, col))
	static_ok.add(t)
	tables_of.setdefault(fn, set()).add(t)
	note_method(fn, t, fld)
	note_gs(t, fld, fn)

// Run-time tables: a variable of an owner type whose methods are assigned.
@rtdecl@
identifier T : script:python () { ot_choice(T)[1] is not None };
identifier x;
@@
(
 struct T x;
|
 struct T *x;
)

@script:python@
T << rtdecl.T;
x << rtdecl.x;
@@
rt_vars[x] = T

@rtown@
identifier x : script:python () { (x in rt_vars) };
expression E;
@@
(
 x.owner = E
|
 x->owner = E
|
 SET_MODULE_OWNER(x)
|
 SET_MODULE_OWNER(&x)
)

@script:python@
x << rtown.x;
@@
rt_owned.add(x)

@rtset@
identifier x : script:python () { (x in rt_vars) };
expression E;
@@
(
 x.owner = E
|
 x->owner = E
)

@script:python@
x << rtset.x;
@@
rt_set.add(x)

@rtfill@
identifier x : script:python () { (x in rt_vars) };
identifier fld, fn;
position p;
@@
(
 x.fld@p = fn;
|
 x->fld@p = fn;
|
 x.fld@p = &fn;
|
 x->fld@p = &fn;
)

@script:python@
x << rtfill.x;
fld << rtfill.fld;
fn << rtfill.fn;
p << rtfill.p;
@@
T = rt_vars[x]
m, why = ot_choice(T)
if m is None and x in rt_set:
	m = relied_on(T)
if m == "owner":
	note_gs(x, fld, fn)
if fld == "owner" or fn not in defined:
	pass
elif m is None:
	keep(fn, x, why)
elif m != "owner":
	keep(fn, x, "struct %s's member is %s: set it by hand" % (T, m))
else:
	tables_of.setdefault(fn, set()).add(x)
	note_method(fn, x, fld)
	if x not in rt_first or pos_key(p) < rt_first[x]:
		rt_first[x] = pos_key(p)

// Helpers of methods: a function that counts, is no method itself and is
// only called (rio's rio_inc_mod_count() from the tty open,
// rio_dec_mod_count() from the generic_serial close and hangup).  self_pin
// ran first and made its counting __module_get/module_put(THIS_MODULE);
// when every caller is an open (the taking helper) or open, release,
// close or hangup method (the dropping one) of a table that gets an
// owner, the pin only spans an open file, which the core now holds: it
// goes, as 2.5.59 deleted rio's helpers, and the table gets its owner.
@rdtbl@
identifier t;
position p;
@@
struct real_driver t@p = { ... };

@script:python@
p << rdtbl.p;
@@
rd_table(*pos_key(p))

@hsite@
position p;
@@
(
 MOD_INC_USE_COUNT@p
|
 __module_get@p(THIS_MODULE)
|
 __MOD_INC_USE_COUNT@p(THIS_MODULE)
|
 MOD_DEC_USE_COUNT@p
|
 module_put@p(THIS_MODULE)
|
 __MOD_DEC_USE_COUNT@p(THIS_MODULE)
)

@script:python hf@
p << hsite.p;
F;
@@
_f = p[0].current_element
if _f in tables_of or _f in kept_of:
	cocci.include_match(False)
else:
	_l = lines_of(p[0].file)[int(p[0].line) - 1][int(p[0].column):]
	_s = h_sites.setdefault(_f, [0, 0, False])
	if re.match(r"(MOD_INC|__module_get|__MOD_INC)", _l):
		_s[0] += 1
	else:
		_s[1] += 1
	_w = lines_of(p[0].file)[max(0, int(p[0].line) - 4):int(p[0].line)]
	if any(re.search(r"\bnowayout\b", x) for x in _w):
		_s[2] = "pins under nowayout"
	elif _l.startswith("__MOD"):
		_s[2] = "counts with __MOD_*_USE_COUNT"
	coccinelle.F = cocci.make_ident(_f)

@hcall@
identifier hf.F;
position p;
@@
F@p(...)

@script:python@
F << hf.F;
p << hcall.p;
@@
h_calls.setdefault(F, {})[pos_key(p)] = p[0].current_element

@href@
identifier hf.F;
position p;
@@
F@p

@script:python@
F << hf.F;
p << href.p;
@@
if pos_key(p) not in h_calls.get(F, {}):
	h_other.add(F)

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
fn = p[0].current_element
if fn in tables_of:
	counted_tables.update(tables_of[fn])
elif fn not in kept_of:
	cocci.include_match(False)

// Counting that is the whole body of a loop (`while (GET_USE_COUNT(
// &__this_module) > 1) MOD_DEC_USE_COUNT;`, a count reset) is not a
// method's take or drop: removing it would leave an empty loop on a
// condition that no longer changes.  It stays, for legacy_tokens to report.
// (while and for only: spatch 1.1 does not support a do-while pattern
// whose body is an identifier statement.)
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
loop_sites.add(pos_key(p))

// Balance: when the methods only take (or only drop) the count, the other
// half is elsewhere (a motor-off timer, a helper): the methods' half is
// then a self-pin and stays, as __module_get()/module_put(THIS_MODULE).
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
if p[0].current_element in tables_of and pos_key(p) not in loop_sites:
	n_inc[0] += 1

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
if p[0].current_element in tables_of and pos_key(p) not in loop_sites:
	n_dec[0] += 1

@k1 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of and n_all()[1] == 0) };
position p : script:python () { (pos_key(p) not in loop_sites) };
@@
fn(...) { <...
(
- MOD_INC_USE_COUNT@p;
+ __module_get(THIS_MODULE);
|
- __MOD_INC_USE_COUNT@p(THIS_MODULE);
+ __module_get(THIS_MODULE);
)
...> }

@k2 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of and n_all()[0] == 0) };
position p : script:python () { (pos_key(p) not in loop_sites) };
@@
fn(...) { <...
(
- MOD_DEC_USE_COUNT@p;
+ module_put(THIS_MODULE);
|
- __MOD_DEC_USE_COUNT@p(THIS_MODULE);
+ module_put(THIS_MODULE);
)
...> }

// `if (e) { MOD_DEC_USE_COUNT; return r; }` keeps no braces around the
// one statement left (kernel style).
@c0 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of) };
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

@c1 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of) };
expression E : script:python () { side_effect_free(E) };
@@
fn(...) { <...
(
- if (E) MOD_DEC_USE_COUNT;
|
- if (E) { MOD_DEC_USE_COUNT; }
|
- if (E) MOD_INC_USE_COUNT;
|
- if (E) { MOD_INC_USE_COUNT; }
|
- if (E) __MOD_DEC_USE_COUNT(THIS_MODULE);
|
- if (E) { __MOD_DEC_USE_COUNT(THIS_MODULE); }
)
...> }

@c2 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of) };
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
|
- if (E) MOD_INC_USE_COUNT;
+ E;
)
...> }

@c3 depends on patch && !org && !report@
identifier fn : script:python () { (fn in tables_of) };
position p : script:python () { (pos_key(p) not in loop_sites) };
@@
fn(...) { <...
(
- MOD_INC_USE_COUNT@p;
|
- MOD_DEC_USE_COUNT@p;
|
- __MOD_INC_USE_COUNT@p(THIS_MODULE);
|
- __MOD_DEC_USE_COUNT@p(THIS_MODULE);
)
...> }

@hdrop depends on patch && !org && !report@
identifier F : script:python () { helper_goes(F) };
@@
F(...) { <...
(
- MOD_INC_USE_COUNT;
|
- MOD_DEC_USE_COUNT;
|
- __module_get(THIS_MODULE);
|
- module_put(THIS_MODULE);
)
...> }

@add depends on patch && !org && !report@
identifier t : script:python () {
	((t in counted_tables or t in helper_tables()) and t not in static_owner) };
identifier T;
position p : script:python () { (pos_key(p) in ok_copies) };
@@
struct T t@p = {
+	.owner = THIS_MODULE,
	...
};

@rtadd depends on patch && !org && !report@
identifier x : script:python () {
	((x in counted_tables or x in helper_tables()) and x in rt_first and
	 x not in rt_owned) };
identifier fld, fn;
position p : script:python () { (pos_key(p) in rt_first.values()) };
@@
(
  x.fld@p = fn;
+ x.owner = THIS_MODULE;
|
  x->fld@p = fn;
+ x->owner = THIS_MODULE;
|
  x.fld@p = &fn;
+ x.owner = THIS_MODULE;
|
  x->fld@p = &fn;
+ x->owner = THIS_MODULE;
)

// ------------------------------------------------------------------------

@script:python depends on report@
p << counted.p;
@@
fn = p[0].current_element
if pos_key(p) in loop_sites:
	coccilib.report.print_report(p[0], "use count as the body of a loop in %s (a count reset on GET_USE_COUNT), left: removing it would leave an empty loop; usual fix: drop the reset with the 2.4 count it adjusts (the core holds the reference of each open file)" % fn)
elif fn in tables_of:
	coccilib.report.print_report(p[0], "use count in %s, a method of owner table %s: set .owner = THIS_MODULE in the table and drop the counting" % (fn, "/".join(sorted(tables_of[fn]))))
else:
	t = sorted(kept_of[fn])[0]
	coccilib.report.print_report(p[0], "use count in %s, a method of %s, kept: %s" % (fn, t, kept_of[fn][t]))

// A helper only called from methods whose pin stays (self_pin's
// __module_get/module_put): why it did not go with the methods' counting.
@hrep depends on report@
position p;
@@
(
 __module_get@p(THIS_MODULE)
|
 module_put@p(THIS_MODULE)
)

@script:python depends on report@
p << hrep.p;
@@
F = p[0].current_element
_c = set(h_calls.get(F, {}).values())
if F in h_sites and _c and all(method_fields(c) for c in _c):
	ok, why, _t = helper_verdict()
	if not ok:
		coccilib.report.print_report(p[0], "pin in %s, a helper only called from methods, left as a self-pin: %s; usual fix (2.5.59 rio_linux.c): when the pin only spans an open file, set the table's owner and drop the helpers' counting" % (F, why))

// Which choice made a table convert: an owner the target needs 2.5 or
// later for (a tree that must still build on 2.4 converts with TARGET=2.4).
@gained depends on report@
identifier T, t;
position p;
@@
struct T t@p = { ..., .owner = THIS_MODULE, ...};

@script:python depends on report@
T << gained.T;
p << gained.p;
@@
say_gained(T, p)

@rtgained depends on report@
identifier x : script:python () { (x in rt_vars) };
position p;
@@
(
 x.owner@p = THIS_MODULE;
|
 x->owner@p = THIS_MODULE;
)

@script:python depends on report@
x << rtgained.x;
p << rtgained.p;
@@
say_gained(rt_vars[x], p)

@script:python depends on org@
p << counted.p;
@@
cocci.print_main("use count in method " + p[0].current_element, p)
