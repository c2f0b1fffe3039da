// SPDX-License-Identifier: GPL-2.0-only
/// Delete a driver's alias of the use count where the target kernel
/// compiles it as a no-op.  2.4 MTD block drivers counted for kernels
/// before 2.4.14 only, behind `#if LINUX_VERSION_CODE <
/// KERNEL_VERSION(2,4,14)` `#define BLK_INC_USE_COUNT MOD_INC_USE_COUNT`
/// `#else` `#define BLK_INC_USE_COUNT do {} while(0)` `#endif`, with the
/// owner in their block table from 2.4.14 on; acenic counted for 2.2
/// behind `#ifndef SET_MODULE_OWNER`.  On the target each `ALIAS;` or
/// `ALIAS();` does nothing: it goes (`if (e) { ALIAS; return r; }` keeps
/// no braces), and so does the conditional that defined the aliases once
/// nothing in its .c file uses them.  2.5/2.6 deleted both (MTD's block
/// drivers with their open/release counting, acenic its ACE_MOD_* block).
///
// Confidence: High
// Copyright: (C) 2026 modref contributors.
// Comments: The aliases are found in the text of the files given to spatch
//  together (a header of the module too): a conditional whose branches
//  only define the same names, one branch each as a legacy name (`#define
//  A MOD_INC_USE_COUNT`, `#define A() MOD_DEC_USE_COUNT`), every other as
//  nothing (`do {} while(0)`, `{do{} while(0);}`, `(void)0`, empty); a
//  branch may also define a legacy name itself (acenic's SET_MODULE_OWNER
//  fallback).  A name defined anywhere else in the files is left.
//  `if (e) ALIAS;` goes when e has no side effect, else `e;` stays.
//  Target kernels (MODREF_TARGET): current is tested as 2.6.31 and 6.1,
//  2.4 as the tree's version (its Makefile; 2.4.31 when it has none);
//  `defined(SET_MODULE_OWNER)` counts as 2.4.0 or later
//  (2.4 added the macro; such a test separates 2.2 from 2.4).  An alias
//  the target compiles as counting, or whose condition tests anything
//  else, is left (legacy_macro reports it).  The conditional is dropped
//  by semantic-patches/postpass, in a .c file only.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 15
// Keywords: MOD_INC_USE_COUNT MOD_DEC_USE_COUNT __MOD_INC_USE_COUNT __MOD_DEC_USE_COUNT
// Needs: <legacy-define>

virtual patch
virtual report

@initialize:python@
@@
import os

# semantic-patches/legacy-names, passed by the engine as
# MODREF_LEGACY_NAMES; the nine 2.4 names otherwise
LEGACY = ("MOD_INC_USE_COUNT", "MOD_DEC_USE_COUNT", "__MOD_INC_USE_COUNT",
	  "__MOD_DEC_USE_COUNT", "try_inc_mod_count", "GET_USE_COUNT",
	  "MOD_IN_USE", "SET_MODULE_OWNER", "EXPORT_NO_SYMBOLS")
if os.environ.get("MODREF_LEGACY_NAMES"):
	with open(os.environ["MODREF_LEGACY_NAMES"]) as _fh:
		LEGACY = tuple(n for n in (l.split("#")[0].strip() for l in _fh) if n)

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

scanned = set()
dead_names = set()	# aliases a dead block defines
kept_names = set()	# names defined anywhere else (a live block, a macro)

def scan(path):
	"""the alias blocks of path into dead_names and kept_names"""
	if path in scanned:
		return
	scanned.add(path)
	try:
		lines = open(path, errors="replace").read().split("\n")
	except (IOError, OSError):
		return
	inblock = set()
	for first, last, names, state in alias_blocks(lines, LEGACY):
		(dead_names if state == "dead" else kept_names).update(names)
		inblock.update(range(first, last + 1))
	for n, name in alias_defines(lines).items():
		if n not in inblock:
			kept_names.add(name)

def dead(a):
	return a in dead_names and a not in kept_names

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

// One spatch process runs many file groups: a script rule with no
// metavariables runs at the start of each group.
@script:python@
@@
for _s in (scanned, dead_names, kept_names):
	_s.clear()

// every file of the group with a #define: its text is scanned
@hook@
identifier G;
position p;
@@
#define G@p

@script:python@
p << hook.p;
@@
scan(p[0].file)

@a0 depends on patch && !report@
identifier A : script:python () { dead(A) };
expression E;
statement S;
@@
(
- if (E) { A; S }
+ if (E) S
|
- if (E) { A(); S }
+ if (E) S
|
- if (E) S else A;
+ if (E) S
|
- if (E) S else A();
+ if (E) S
)

@a1 depends on patch && !report@
identifier A : script:python () { dead(A) };
expression E : script:python () { side_effect_free(E) };
@@
(
- if (E) A;
|
- if (E) { A; }
|
- if (E) A();
|
- if (E) { A(); }
)

@a1e depends on patch && !report@
identifier A : script:python () { dead(A) };
expression E;
@@
(
- if (E) A;
+ E;
|
- if (E) { A; }
+ E;
|
- if (E) A();
+ E;
|
- if (E) { A(); }
+ E;
)

@a2 depends on patch && !report@
identifier A : script:python () { dead(A) };
@@
(
- A;
|
- A();
)
