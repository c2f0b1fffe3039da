// SPDX-License-Identifier: GPL-2.0-only
/// Report legacy module-count calls hidden in macros: a #define whose body
/// (continuation lines included) uses one of the nine 2.4 tokens.  Such a
/// macro hides the counting from every other rule (spatch does not match
/// inside macro bodies), and each of its uses is a conversion site: rewrite
/// the macro, or expand it at its users, by hand.  A #define of a legacy
/// name itself (2.4's <linux/module.h>, a driver's fallback) is the legacy
/// API's definition: reported once, as left (modref never rewrites one).
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  Text scan of the file, like legacy_tokens.cocci
//  (same file-visit hooks and limits); macros defined in a file that is not
//  given to spatch are not seen.
// Options: --no-includes --include-headers
// Mode: report
// Order: 140
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
defined = set()
# a #define of a legacy name itself: modref never rewrites one (the
# engine puts it back if a rule did), whatever its body uses
DEFINITION = "definition of the legacy API %s, left: the module core's own (2.4's <linux/module.h>) or a driver's fallback for kernels without it; modref never rewrites a definition, the users not converted rely on its 2.4 meaning; usual fix: none in the 2.4 core (the compat header builds on it); delete a driver's fallback once nothing uses the name"
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
	macro = "?"
	for n, text in enumerate(lines, 1):
		if not in_define and re.match(r"\s*#\s*define\b", text):
			in_define = True
			m = re.match(r"\s*#\s*define\s+(\w+)", text)
			macro = m.group(1) if m else "?"
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
			elif in_define:
				where = "in a macro definition"
			else:
				where = "in code"
			yield n, m.start(), m.end(), m.group(1), where, macro
		if in_define and not text.rstrip().endswith(BACKSLASH):
			in_define = False

def visit(p, org):
	path = p[0].file
	if path in seen:
		return
	seen.add(path)
	for line, col, end, tok, where, macro in scan(path):
		if where != "in a macro definition":
			continue
		if macro in LEGACY:
			# the definition itself, reported once at its name
			if tok != macro or (path, line) in defined:
				continue
			defined.add((path, line))
			msg = DEFINITION % macro
		else:
				msg = "macro %s hides legacy call %s, left: spatch does not rewrite macro bodies, and the callers may rely on it; usual fix: rewrite the macro by hand (%s), or delete it with its callers when it only counted (HiSax, 2.5.50)" % (macro, tok, fix_for(tok))
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
