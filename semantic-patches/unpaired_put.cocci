// SPDX-License-Identifier: GPL-2.0-only
/// Delete module_put(THIS_MODULE) when nothing in the module takes a
/// reference on THIS_MODULE any more.  The 2.4 count such a put dropped was
/// taken in a method that lost its counting to an earlier rule (a network
/// driver's open, a protocol family's create), while the drop sat in a
/// helper, a timer or a destructor that self_pin kept as module_put(): a
/// put with no get, which underflows the count.  History deleted those
/// drops with the counting of the method (2.5 network and protocol
/// cleanups); so does this rule.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: "Nothing takes a reference" means: no __module_get(),
//  try_module_get() or try_inc_mod_count() on THIS_MODULE and no
//  MOD_INC_USE_COUNT or __MOD_INC_USE_COUNT anywhere in the text of the
//  files given together (macro bodies, #if branches and code spatch could
//  not parse included), so a get hidden from spatch keeps every put.  Runs
//  after owner_table and before modcount_api.  `if (c) module_put(...);`
//  goes entirely when c has no side effect.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 65
// Keywords: module_put

virtual patch
virtual report

@initialize:python@
@@
import re
files = set()		# the files of the group
_got = {}		# file -> it names a get on THIS_MODULE

GET = re.compile(r"\b(MOD_INC_USE_COUNT|__MOD_INC_USE_COUNT)\b|"
		 r"\b(__module_get|try_module_get|try_inc_mod_count)\s*\(\s*THIS_MODULE\b")

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

def names_get(path):
	if path not in _got:
		try:
			t = open(path, errors="replace").read()
		except (IOError, OSError):
			t = "MOD_INC_USE_COUNT"	# unreadable: keep the puts
		t = re.sub(r"/\*.*?\*/", " ", t, flags=re.S)
		t = re.sub(r"//[^\n]*", " ", t)
		_got[path] = GET.search(t) is not None
	return _got[path]

def unpaired():
	return bool(files) and not any(names_get(f) for f in files)

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
files.clear()
_got.clear()

@fn@
identifier F;
position p;
@@
F@p(...) { ... }

@script:python@
p << fn.p;
@@
for q in p:
	files.add(q.file)

@c1 depends on patch && !report@
expression E : script:python () { (side_effect_free(E) and unpaired()) };
@@
(
- if (E) module_put(THIS_MODULE);
|
- if (E) { module_put(THIS_MODULE); }
)

@c2 depends on patch && !report@
expression E : script:python () { unpaired() };
statement S;
@@
- if (E) { module_put(THIS_MODULE); S }
+ if (E) S

@c3 depends on patch && !report@
position p : script:python () { unpaired() };
@@
- module_put@p(THIS_MODULE);
