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

# >>> modref alias blocks: this block is the same in legacy_alias and
# legacy_macro (tests/t-cocci-rules.sh compares the copies).  An alias
# block is a conditional (`#if`/`#ifdef`/`#ifndef`, one `#else`, nothing
# nested) whose branches only define the same names, in one branch as a
# legacy name, in the other as nothing; a branch may also define a legacy
# name itself (a fallback).  The target kernels ($MODREF_TARGET) decide
# which branch counts: current is tested as 2.6.31 and 6.1, 2.4 as the
# tree's own version (2.4.31 when unknown);
# defined(SET_MODULE_OWNER) is true from 2.4.0 (2.4 added the macro).
import os as _al_os
import re as _al_re

# target 2.4 is the tree's own kernel: MODREF_TREE_VERSION (the modref
# program reads it from the tree's Makefile), 2.4.31 when it is not given
def _al_code(m):
	"""the version code of a match of three numbers, as KERNEL_VERSION()"""
	return int(m.group(1)) * 65536 + int(m.group(2)) * 256 + int(m.group(3))

def _al_version(s):
	m = _al_re.match(r"^(\d+)\.(\d+)\.(\d+)$", s or "")
	return _al_code(m) if m else 0x02041f

_AL_KERNELS = {"2.4": (_al_version(_al_os.environ.get("MODREF_TREE_VERSION")),),
	       "current": (0x02061f, 0x060100)}
_al_target = _al_os.environ.get("MODREF_TARGET") or "current"
if _al_target not in _AL_KERNELS:
	raise ValueError("MODREF_TARGET=%s: not current or 2.4" % _al_target)
_AL_KV = _al_re.compile(r"KERNEL_VERSION\s*\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")
_AL_DEF = _al_re.compile(r"\s*#\s*define\s+(\w+)(\(\s*\w*\s*\))?(.*)$")
_AL_NOOP = _al_re.compile(r"^(\{\s*)?(do\s*\{\s*\}\s*while\s*\(\s*0\s*\)\s*;?|\(\s*void\s*\)\s*0|\(\s*\(\s*void\s*\)\s*0\s*\))?(\s*\})?$")
_AL_SMO = 0x020400
# no comment openers in this block: spatch would read them as SmPL's
_AL_SLASH = chr(47)
_AL_STAR = chr(42)
_AL_COMMENT = _al_re.compile(_al_re.escape(_AL_SLASH + _AL_STAR) + ".*?" +
			     _al_re.escape(_AL_STAR + _AL_SLASH))

def _al_uncomment(s):
	s = _AL_COMMENT.sub(" ", s)
	return s.split(_AL_SLASH + _AL_SLASH)[0].strip()

def _al_cond(d, rest, v):
	"""directive d (if, ifdef, ifndef) with condition rest on a kernel of
	version code v; None when it tests anything else"""
	c = _al_uncomment(rest)
	if d in ("ifdef", "ifndef"):
		if c != "SET_MODULE_OWNER":
			return None
		return (v >= _AL_SMO) == (d == "ifdef")
	c = _al_re.sub(r"defined\s*\(?\s*SET_MODULE_OWNER\s*\)?",
		       "(V >= %d)" % _AL_SMO, c)
	c = _AL_KV.sub(lambda m: str(_al_code(m)), c)
	c = c.replace("LINUX_VERSION_CODE", "V")
	if "V" not in c or _al_re.search(r"[A-UW-Za-z_]",
					 _al_re.sub(r"0[xX][0-9a-fA-F]+", "0", c)):
		return None
	# what is left is evaluated: numbers, V, comparisons, parentheses and
	# the logical operators only (no shift, power or string can make it
	# costly)
	if not _al_re.match(r"^[\sV0-9a-fA-FxX()<>=!&|]*$", c) or \
	   "<<" in c or ">>" in c:
		return None
	c = c.replace("&&", " and ").replace("||", " or ")
	c = _al_re.sub(r"!(?!=)", " not ", c)
	try:
		return bool(eval(c, {"__builtins__": {}}, {"V": v}))
	except Exception:
		return None

def _al_block(d, rest, branches, legacy):
	"""(names, state) of one conditional, state dead, live or other; None
	when it is no alias block"""
	kinds = []
	for br in branches:
		k = {}
		for l in br:
			if not _al_uncomment(l):
				continue
			m = _AL_DEF.match(l)
			if not m or l.rstrip().endswith(chr(92)):
				return None
			name, body = m.group(1), _al_uncomment(m.group(3))
			if name in legacy:
				continue
			if body in legacy:
				k[name] = "count"
			elif _AL_NOOP.match(body):
				k[name] = "noop"
			else:
				return None
		kinds.append(k)
	if len(kinds) != 2 or not kinds[0] or set(kinds[0]) != set(kinds[1]):
		return None
	for n in kinds[0]:
		if sorted((kinds[0][n], kinds[1][n])) != ["count", "noop"]:
			return None
	state = "dead"
	for v in _AL_KERNELS[_al_target]:
		c = _al_cond(d, rest, v)
		if c is None:
			return (set(kinds[0]), "other")
		if "count" in kinds[0 if c else 1].values():
			state = "live"
	return (set(kinds[0]), state)

def alias_blocks(lines, legacy):
	"""[(first, last, names, state)]: each alias block of lines (indexes
	of its #if and #endif lines), its alias names and its state"""
	out = []
	i = 0
	while i < len(lines):
		m = _al_re.match(r"\s*#\s*(if|ifdef|ifndef)\b(.*)$", lines[i])
		if not m:
			i += 1
			continue
		branches = [[]]
		j = i + 1
		while j < len(lines):
			e = _al_re.match(r"\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b",
					 lines[j])
			if e and e.group(1) != "else":
				break
			if e:
				branches.append([])
			else:
				branches[-1].append(lines[j])
			j += 1
		r = None
		if j < len(lines) and _al_re.match(r"\s*#\s*endif", lines[j]):
			r = _al_block(m.group(1), m.group(2), branches, legacy)
		if r:
			out.append((i, j, r[0], r[1]))
			i = j + 1
		else:
			i += 1
	return out

def alias_defines(lines):
	"""the name of each #define line of lines, by index"""
	out = {}
	for n, l in enumerate(lines):
		m = _AL_DEF.match(l)
		if m:
			out[n] = m.group(1)
	return out
# <<< modref alias blocks

def alias_states(path):
	"""{(line, name): state} of the aliases of path's alias blocks (line
	1-based)"""
	try:
		lines = open(path, errors="replace").read().split("\n")
	except OSError:
		return {}
	out = {}
	for first, last, names, state in alias_blocks(lines, LEGACY):
		for n in range(first, last + 1):
			for name in names:
				out[(n + 1, name)] = state
	return out

ALIAS_DEAD = "macro %s aliases legacy call %s only in a branch the target kernel does not compile (a no-op there), left: a header's copy may serve other files, or a use legacy_alias could not delete is left; usual fix (2.6 MTD block drivers, acenic): delete the block and its uses once nothing counts through it"
ALIAS_LIVE = "macro %s aliases legacy call %s in the branch the target kernel compiles, left: spatch does not rewrite macro bodies; usual fix: expand it at its users and convert those (%s), then delete the block"

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
	aliases = alias_states(path)
	for line, col, end, tok, where, macro in scan(path):
		if where != "in a macro definition":
			continue
		if macro in LEGACY:
			# the definition itself, reported once at its name
			if tok != macro or (path, line) in defined:
				continue
			defined.add((path, line))
			msg = DEFINITION % macro
		elif aliases.get((line, macro)) == "dead":
			msg = ALIAS_DEAD % (macro, tok)
		elif aliases.get((line, macro)) == "live":
			msg = ALIAS_LIVE % (macro, tok, fix_for(tok))
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
