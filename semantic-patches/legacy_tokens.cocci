// SPDX-License-Identifier: GPL-2.0-only
/// Catch-all report: every 2.4 module-count token left in a file
/// (MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT, __MOD_INC_USE_COUNT,
/// __MOD_DEC_USE_COUNT, try_inc_mod_count, GET_USE_COUNT, MOD_IN_USE,
/// SET_MODULE_OWNER, EXPORT_NO_SYMBOLS), with its location and whether it
/// sits in code, in a macro definition, in a comment or in a string.
/// The file text is scanned (tokenised for comments and strings), so code
/// that spatch cannot parse, macro bodies, file-scope EXPORT_NO_SYMBOLS and
/// code under any #ifdef are all covered.
///
/// A token left in code says why no rule took it: at file scope; in a
/// preprocessor test; not seen by spatch (a function it could not parse,
/// an #if branch it did not take); or the role of the function it is in,
/// as the files given to spatch show it: the module init or exit, a
/// method of a table (static or filled in at run time) and whether the
/// struct type has an owner member for the target kernel
/// (semantic-patches/owner-types), a callback passed to a function, a
/// helper and its callers, or a function nothing in the files calls.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  A file is scanned when spatch sees anything in
//  it: a legacy token in code, a function definition, an include guard or
//  an #include <linux/module.h>; a file that has none of these (a legacy
//  token only in a comment of a header without a guard) is not scanned.
//  Mentions in comments are reported too (stale documentation).
// Options: --no-includes --include-headers
// Mode: report
// Order: 150
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT try_inc_mod_count GET_USE_COUNT MOD_IN_USE SET_MODULE_OWNER EXPORT_NO_SYMBOLS

virtual org
virtual report

@initialize:python@
@@
import os
import re

BUILTIN = ["MOD_INC_USE_COUNT", "MOD_DEC_USE_COUNT", "__MOD_INC_USE_COUNT",
	   "__MOD_DEC_USE_COUNT", "try_inc_mod_count", "GET_USE_COUNT",
	   "MOD_IN_USE", "SET_MODULE_OWNER", "EXPORT_NO_SYMBOLS"]

def legacy_names():
	# semantic-patches/legacy-names (one name a line, # comments), passed
	# by the engine as MODREF_LEGACY_NAMES; the built-in list otherwise
	path = os.environ.get("MODREF_LEGACY_NAMES")
	if not path:
		return BUILTIN
	with open(path) as fh:
		names = [l.split("#")[0].strip() for l in fh]
	names = [n for n in names if n]
	if not names:
		raise ValueError("%s: no legacy names in it" % path)
	return names

LEGACY = legacy_names()

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

# what the files of this group show about each function (cleared per group)
fn_at = {}	# (file, line, col) of a token spatch parsed: its function
initexit = set()	# named by module_init/module_exit
methods = {}	# function: [(struct, table, field)] of static tables
stored = {}	# function: [(struct or None, lvalue text, field)] at run time
passed = {}	# function: set of functions it is passed to
callers = {}	# function: set of functions that call it
defined = set()	# functions defined in the files
tokfns = set()	# functions a token stands in: the only ones whose role counts
ROLE_MAX = 3

def struct_name(t):
	t = " ".join(t.split())
	if t.startswith("struct "):
		t = t[7:]
	return t.rstrip(" *") if t.replace(" ", "").replace("*", "").isidentifier() else None

# the tokens that count this module in a method (owner_table takes them)
OWN_COUNT = ("MOD_INC_USE_COUNT", "MOD_DEC_USE_COUNT")

def type_says(T, tok):
	if T is None:
		return "a type no rule could see"
	m, why = ot_choice(T)
	if m is None and why is None:
		return "struct %s, which has no owner member a subsystem pins (not in semantic-patches/owner-types)" % T
	if m is None:
		return why
	if tok not in OWN_COUNT:
		return "%s, so the module is pinned while it runs; open_counter rewrites %s in a method only in a clear shape (see the other lines on it)" % (why, tok)
	return "%s, yet owner_table left this table (see its line)" % why

def some(names):
	names = sorted(names)
	s = ", ".join(names[:ROLE_MAX])
	return s + (" and %d more" % (len(names) - ROLE_MAX) if len(names) > ROLE_MAX else "")

def role_of(f, tok):
	if f in initexit or f in ("init_module", "cleanup_module"):
		return ("in %s, the module init or exit: no rule converts counting there "
			"but the hold of an init while it runs, which self_pin drops (the loader "
			"holds the module while init runs, exit runs at count zero); "
			"history deleted it, or moved the pin to the object that needs one" % f)
	if f in methods:
		T, t, fld = sorted(methods[f], key=lambda x: (x[2] == "", x))[0]
		if not fld:
			return ("in %s, a method of %s (a positional initializer): %s" %
				(f, t, type_says(T, tok)))
		return "in %s, the .%s method of %s: %s" % (f, fld, t, type_says(T, tok))
	if f in stored:
		T, lv, fld = sorted(stored[f], key=lambda x: (x[0] is None, x))[0]
		return "in %s, stored in %s->%s at run time: %s" % (f, lv, fld, type_says(T, tok))
	if f in passed:
		return ("in %s, a callback passed to %s(): no rule knows what that "
			"function pins" % (f, some(passed[f])))
	if f in callers:
		return ("in %s, a helper called from %s, not a method of a table "
			"the rules know, and no self-pin shape" % (f, some(callers[f] - {f}) or f))
	return ("in %s, which nothing in the files given to spatch calls or stores: "
		"an entry point reached from elsewhere (extern, EXPORT_SYMBOL, a macro)" % f)

# what history did with each name (2.5/2.6 hand conversions)
FIX = {
	"MOD_INC_USE_COUNT": ".owner = THIS_MODULE in the method table the subsystem pins, or __module_get(THIS_MODULE) for a deliberate self-pin",
	"MOD_DEC_USE_COUNT": "gone with .owner in the method table, or module_put(THIS_MODULE) for a deliberate self-pin",
	"__MOD_INC_USE_COUNT": "try_module_get() with its result checked, or __module_get() where a reference is held",
	"__MOD_DEC_USE_COUNT": "module_put()",
	"try_inc_mod_count": "try_module_get()",
	"GET_USE_COUNT": "module_refcount()",
	"MOD_IN_USE": "delete it in exit (exit only runs at count zero), else module_refcount(THIS_MODULE)",
	"SET_MODULE_OWNER": "x->owner = THIS_MODULE, or delete it for a net_device",
	"EXPORT_NO_SYMBOLS": "delete it",
}

def fix_for(tok):
	return FIX.get(tok, "the module core API (try_module_get/module_put/.owner)")

word = re.compile(r"\b(" + "|".join(LEGACY) + r")\b")
seen = set()
SLASH = "/"
STAR = "*"
OPEN_C = SLASH + STAR
CLOSE_C = STAR + SLASH
LINE_C = SLASH + SLASH
QUOTES = (chr(34), chr(39))
BACKSLASH = chr(92)

def scan(path):
	# yield (line, col, col_end, token, where) for every legacy token
	try:
		with open(path, errors="replace") as fh:
			lines = fh.read().split("\n")
	except OSError:
		return
	in_comment = False
	in_define = False
	in_cond = False
	macro = None
	depth = 0
	for n, text in enumerate(lines, 1):
		if not in_define and re.match(r"\s*#\s*define\b", text):
			in_define = True
			m = re.match(r"\s*#\s*define\s+(\w+)", text)
			macro = m.group(1) if m else None
		if not in_define and not in_cond and re.match(r"\s*#\s*(if|ifdef|ifndef|elif)\b", text):
			in_cond = True
		kinds = []	# per character: c(ode) m(comment) s(tring)
		i = 0
		quote = None
		while i < len(text):
			ch = text[i]
			if in_comment:
				kinds.append("m")
				if text.startswith(CLOSE_C, i):
					kinds.append("m")
					i += 2
					in_comment = False
					continue
			elif quote:
				kinds.append("s")
				if ch == BACKSLASH and i + 1 < len(text):
					kinds.append("s")
					i += 2
					continue
				if ch == quote:
					quote = None
			elif text.startswith(OPEN_C, i):
				kinds += ["m", "m"]
				i += 2
				in_comment = True
				continue
			elif text.startswith(LINE_C, i):
				kinds += ["m"] * (len(text) - i)
				break
			elif ch in QUOTES:
				quote = ch
				kinds.append("s")
			else:
				kinds.append("c")
			i += 1
		at = []		# brace depth before each character of code
		for j, ch in enumerate(text):
			at.append(depth)
			if j < len(kinds) and kinds[j] == "c" and not in_define and not in_cond:
				if ch == "{":
					depth += 1
				elif ch == "}" and depth > 0:
					depth -= 1
		for m in word.finditer(text):
			k = kinds[m.start()] if m.start() < len(kinds) else "c"
			if k == "m":
				where = "in a comment"
			elif k == "s":
				where = "in a string"
			elif in_define and macro in LEGACY:
				where = "in the definition of the legacy API %s" % macro
			elif in_define:
				where = "in a macro definition"
			elif in_cond:
				where = "in a preprocessor test"
			elif at[m.start()] == 0:
				where = "in code at file scope"
			else:
				where = "in code"
			yield n, m.start(), m.end(), m.group(1), where
		if in_define and not text.rstrip().endswith(BACKSLASH):
			in_define = False
		if in_cond and not text.rstrip().endswith(BACKSLASH):
			in_cond = False

def visit(p, org):
	path = p[0].file
	if path in seen:
		return
	seen.add(path)
	for line, col, end, tok, where in scan(path):
		f = fn_at.get((path, line, col))
		if where.startswith("in code") and f in defined:
			why = role_of(f, tok)
			where = "in code"
		elif where == "in code at file scope":
			why = "no rule edits a statement outside a function (spatch 1.1.1 does not parse one)"
		elif where == "in code":
			why = "spatch did not see it (a function it could not parse, see the parse lines of this file, or a branch of #if it did not take)"
		elif where == "in a preprocessor test":
			why = "a compatibility test of the legacy name, which the rules leave"
		elif where == "in a macro definition":
			why = "spatch does not rewrite macro bodies (see legacy_macro)"
		elif where.startswith("in the definition"):
			why = "modref never rewrites a definition of a legacy name (see legacy_macro)"
		else:
			why = "text, which the rules do not edit"
		if where in ("in a comment", "in a string"):
			fix = "update the text to the new API"
		elif where == "in a preprocessor test":
			fix = "delete the test with the fallback it guards once nothing needs it"
		elif where.startswith("in the definition"):
			fix = "none in the 2.4 core; delete a driver's fallback once nothing uses the name"
		else:
			fix = fix_for(tok)
		msg = "legacy token %s left %s: %s; usual fix: %s" % (tok, where, why, fix)
		if org:
			print("* TODO %s:%d:%d %s" % (path, line, col, msg))
		else:
			print("%s:%d:%d-%d: %s" % (path, line, col, end, msg))

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found never leaks into this one.  The rules below only
// collect; the hooks after them print, once everything is known.
@script:python@
@@
for _s in (ot_local, fn_at, initexit, methods, stored, passed, callers, defined,
	   tokfns):
	_s.clear()

@loc depends on report || org@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
ot_local[T] = "owner"

@tok depends on report || org@
identifier I = {MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT, __MOD_INC_USE_COUNT,
		__MOD_DEC_USE_COUNT, try_inc_mod_count, GET_USE_COUNT,
		MOD_IN_USE, SET_MODULE_OWNER, EXPORT_NO_SYMBOLS};
position p;
@@
 I@p

@script:python@
p << tok.p;
@@
for _p in p:
	fn_at[(_p.file, int(_p.line), int(_p.column))] = _p.current_element
	tokfns.add(_p.current_element)

@fdef depends on report || org@
identifier f;
@@
 f(...) { ... }

@script:python@
f << fdef.f;
@@
defined.add(f)

@ie depends on report || org@
declarer name module_init, module_exit;
identifier fn : script:python () { (fn in tokfns) };
@@
(
module_init(fn);
|
module_exit(fn);
)

@script:python@
fn << ie.fn;
@@
initexit.add(fn)

@tbl depends on report || org@
identifier T, t, fld;
identifier fn : script:python () { (fn in tokfns) };
@@
struct T t = { ..., .fld = fn, ...};

@script:python@
T << tbl.T;
t << tbl.t;
fld << tbl.fld;
fn << tbl.fn;
@@
methods.setdefault(fn, []).append((T, t, fld))

@tblpos depends on report || org@
identifier T, t;
identifier fn : script:python () { (fn in tokfns) };
@@
struct T t = { ..., fn, ...};

@script:python@
T << tblpos.T;
t << tblpos.t;
fn << tblpos.fn;
@@
methods.setdefault(fn, []).append((T, t, ""))

@rt depends on report || org@
expression E;
identifier fld;
identifier fn : script:python () { (fn in tokfns) };
@@
(
 E.fld = fn
|
 E->fld = fn
|
 E.fld = &fn
|
 E->fld = &fn
)

@script:python@
E << rt.E;
fld << rt.fld;
fn << rt.fn;
@@
stored.setdefault(fn, []).append((None, E, fld))

@rtt depends on report || org@
type T;
T *E;
identifier fld;
identifier fn : script:python () { (fn in tokfns) };
@@
(
 E->fld = fn
|
 E->fld = &fn
)

@script:python@
T << rtt.T;
E << rtt.E;
fld << rtt.fld;
fn << rtt.fn;
@@
stored.setdefault(fn, []).append((struct_name(T), E, fld))

@arg depends on report || org@
identifier h;
identifier fn : script:python () { (fn in tokfns) };
expression list es;
@@
 h(es, fn, ...)

@script:python@
h << arg.h;
fn << arg.fn;
@@
passed.setdefault(fn, set()).add(h)

@call depends on report || org@
identifier fn : script:python () { (fn in tokfns) };
position p;
@@
 fn@p(...)

@script:python@
fn << call.fn;
p << call.p;
@@
callers.setdefault(fn, set()).add(p[0].current_element)

@hook1 depends on report || org@
identifier I = {MOD_INC_USE_COUNT, MOD_DEC_USE_COUNT, __MOD_INC_USE_COUNT,
		__MOD_DEC_USE_COUNT, try_inc_mod_count, GET_USE_COUNT,
		MOD_IN_USE, SET_MODULE_OWNER, EXPORT_NO_SYMBOLS};
position p;
@@
 I@p

@script:python depends on hook1 && report@
p << hook1.p;
@@
visit(p, False)

@script:python depends on hook1 && org@
p << hook1.p;
@@
visit(p, True)

@hook4 depends on report || org@
identifier f;
position p;
@@
 f@p(...) { ... }

@script:python depends on hook4 && report@
p << hook4.p;
@@
visit(p, False)

@script:python depends on hook4 && org@
p << hook4.p;
@@
visit(p, True)

@hook2 depends on report || org@
identifier G;
position p;
@@
#define G@p

@script:python depends on hook2 && report@
p << hook2.p;
@@
visit(p, False)

@script:python depends on hook2 && org@
p << hook2.p;
@@
visit(p, True)

@hook3 depends on report || org@
position p;
@@
#include <linux/module.h>@p

@script:python depends on hook3 && report@
p << hook3.p;
@@
visit(p, False)

@script:python depends on hook3 && org@
p << hook3.p;
@@
visit(p, True)
