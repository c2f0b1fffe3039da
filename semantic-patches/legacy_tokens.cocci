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
	macro = None
	for n, text in enumerate(lines, 1):
		if not in_define and re.match(r"\s*#\s*define\b", text):
			in_define = True
			m = re.match(r"\s*#\s*define\s+(\w+)", text)
			macro = m.group(1) if m else None
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
			else:
				where = "in code"
			yield n, m.start(), m.end(), m.group(1), where
		if in_define and not text.rstrip().endswith(BACKSLASH):
			in_define = False

def visit(p, org):
	path = p[0].file
	if path in seen:
		return
	seen.add(path)
	for line, col, end, tok, where in scan(path):
		if where == "in code":
			why = "no rule matched it (code spatch could not parse, a branch of #if it did not take, or a form the rules do not know)"
		elif where == "in a macro definition":
			why = "spatch does not rewrite macro bodies (see legacy_macro)"
		elif where.startswith("in the definition"):
			why = "modref never rewrites a definition of a legacy name (see legacy_macro)"
		else:
			why = "text, which the rules do not edit"
		if where in ("in a comment", "in a string"):
			fix = "update the text to the new API"
		elif where.startswith("in the definition"):
			fix = "none in the 2.4 core; delete a driver's fallback once nothing uses the name"
		else:
			fix = fix_for(tok)
		msg = "legacy token %s left %s: %s; usual fix: %s" % (tok, where, why, fix)
		if org:
			print("* TODO %s:%d:%d %s" % (path, line, col, msg))
		else:
			print("%s:%d:%d-%d: %s" % (path, line, col, end, msg))

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
