// SPDX-License-Identifier: GPL-2.0-only
/// Report a method table without `.owner` in code that can be built as a
/// module.  A table is a static initializer of a struct type whose subsystem
/// pins `owner` (semantic-patches/owner-types for the target kernel, the
/// tree's own owner-bearing types, and any struct defined in the files
/// given to spatch with a `struct module *owner;` member) that sets at least one field to a function defined or
/// declared in those files.  Modular: the files contain module_init,
/// module_exit or MODULE_LICENSE.  Without .owner the subsystem calls into
/// the module with nothing pinning it.
///
/// Skipped (their subsystem protects itself or the table is not pinned
/// through .owner): file_operations passed to debugfs_create_file*(),
/// proc_create*() or create_proc_entry()/->proc_fops, and seq_file tables
/// (`.read = seq_read`); file_operations of a file that creates debugfs
/// files and has no other way to hand out a file (no misc/cdev/chrdev/
/// anon inode/->fops/f_op/i_fop use: the debugfs call is in a macro or
/// loops over a table); nls tables given to register_nls() (it sets the
/// owner); file_operations in a directory that defines a
/// file_system_type (the mount pins the filesystem's module); proto_ops
/// in a directory whose struct proto has .owner (the socket pins it);
/// tables in a preprocessor branch only kernels before 2.4.0 compile
/// (`#if LINUX_VERSION_CODE < 0x20326`: a 2.2 copy of the table);
/// and tables in a .c file that is built in only: the directory's
/// Makefile/Kbuild lists its object (or the composite object holding it)
/// as obj-y, or as obj-$(CONFIG_X) with X bool in every Kconfig defining
/// it (read from the kernel tree around the file; outside a tree, or
/// anything not understood, counts as modular).  A 2.4 tree (its root has
/// scripts/Configure) says the same in its Config.in files (bool, dep_bool,
/// define_bool, choice against tristate, dep_tristate), and its obj-y
/// parts are a module when `obj-m := $(O_TARGET)`; export-objs and
/// list-multi only name objects.
///
// Confidence: Moderate
// Copyright: (C) 2025 modref contributors.
// Comments: Report only.  Needs the module's files in one invocation (as
//  owner_table.cocci) to see a struct or the module_init that live in
//  another file.  Tables filled in at run time are not seen.
// Options: --no-includes --include-headers
// Mode: report
// Order: 130
// Keywords: module_init module_exit MODULE_LICENSE
// Needs: <owner-table>

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

funcs = set()
skip = set()
done = set()

import os, re

# -- cheap context checks on the files' text (cached per file/directory) --
_text = {}
def text_of(path):
	if path not in _text:
		try:
			with open(path, errors="replace") as fh:
				_text[path] = fh.read()
		except OSError:
			_text[path] = ""
	return _text[path]

def dir_sources(path):
	d = os.path.dirname(path) or "."
	try:
		names = sorted(os.listdir(d))
	except OSError:
		return []
	return [os.path.join(d, n) for n in names if n.endswith((".c", ".h"))]

_dirmatch = {}
def dir_has(path, key, rx):
	d = os.path.dirname(path) or "."
	if (d, key) not in _dirmatch:
		_dirmatch[(d, key)] = any(rx.search(text_of(f))
					  for f in dir_sources(path))
	return _dirmatch[(d, key)]

# A filesystem's own file_operations: every open file holds the mount,
# the mount the superblock, the superblock file_system_type.owner.
FS_TYPE = re.compile(r"\bstruct\s+file_system_type\s+\w+[^;=]*=\s*\{")
# A socket pins its protocol's module through sk->sk_prot_creator->owner.
PROTO_OWNER = re.compile(r"\bstruct\s+proto\s+\w+[^;=]*=\s*\{[^}]*\.owner\s*=", re.S)
# Files whose file_operations only reach debugfs (through a macro or a
# table of files the calls in the parse do not show): no other way in.
DEBUGFS = re.compile(r"\bdebugfs_create_file\w*\s*\(")
OTHER_FOPS_USE = re.compile(r"\b(misc_register|miscdevice|cdev_init|cdev_alloc|"
	r"register_chrdev\w*|__register_chrdev|anon_inode_get\w*|alloc_file\w*|"
	r"usb_register_dev|usb_class_driver|video_register_device|"
	r"sock_alloc_file|i_fop|f_op|register_filesystem)\b|[.>]fops\s*=")

def debugfs_only(path):
	t = text_of(path)
	return DEBUGFS.search(t) is not None and OTHER_FOPS_USE.search(t) is None

# -- a table in a preprocessor branch compiled only before 2.4.0 (a 2.2
# copy of the table next to the 2.4 one): no kernel the result targets
# builds it
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
	for l in text_of(path).split("\n")[:max(0, line - 1)]:
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

# -- built-in only: the file's object is obj-y, or obj-$(CONFIG_X) with X
# bool in every Kconfig (a 2.4 tree: Config.in) that defines it.  Needs the
# kernel tree around the file (its root has scripts/kconfig, or a 2.4
# tree with scripts/Configure); anything not understood: modular.
_root = {}
def tree_root(path):
	d = os.path.abspath(os.path.dirname(path) or ".")
	if d in _root:
		return _root[d]
	r, x = None, d
	while True:
		if (os.path.isdir(os.path.join(x, "scripts", "kconfig")) or
		    os.path.isfile(os.path.join(x, "scripts", "Configure"))):
			r = x
			break
		up = os.path.dirname(x)
		if up == x:
			break
		x = up
	_root[d] = r
	return r

# 2.4 Config.in lines (a prompt is quoted): bool PROMPT CONFIG_X,
# dep_tristate PROMPT CONFIG_X CONFIG_DEP, define_bool CONFIG_X y, and
# choice PROMPT QUOTED-LIST-OF-NAME-CONFIG_A DEFAULT (every choice a bool)
CI_BOOL = ("bool", "dep_bool", "dep_mbool", "define_bool")
CI_TRI = ("tristate", "dep_tristate", "define_tristate")
CI_QUOTED = re.compile("|".join("%s[^%s]*%s" % (q, q, q) for q in (chr(39), chr(34))))
CI_NAME = re.compile(r"\bCONFIG_(\w+)")

def config_in_types(text, types):
	for line in text.replace("\\\n", " ").split("\n"):
		w = line.split("#")[0].split(None, 1)
		if len(w) < 2:
			continue
		if w[0] == "choice":
			for q in CI_QUOTED.findall(w[1])[1:2]:
				for m in CI_NAME.finditer(q):
					types.setdefault(m.group(1), set()).add("bool")
			continue
		if w[0] not in CI_BOOL + CI_TRI:
			continue
		m = CI_NAME.search(CI_QUOTED.sub(" ", w[1]))
		if m:
			t = "bool" if w[0] in CI_BOOL else "tristate"
			types.setdefault(m.group(1), set()).add(t)

_ktypes = {}
def kconfig_types(root):
	if root in _ktypes:
		return _ktypes[root]
	types = {}
	cfg = re.compile(r"^\s*(?:menu)?config\s+(\w+)")
	typ = re.compile(r"^\s*(bool|tristate|def_bool|def_tristate)\b")
	for dp, dn, fn in os.walk(root):
		dn[:] = [n for n in dn if n not in (".git", "Documentation", "tools")]
		for n in fn:
			if n in ("Config.in", "config.in"):
				config_in_types(text_of(os.path.join(dp, n)), types)
				continue
			if not n.startswith("Kconfig"):
				continue
			cur = None
			for line in text_of(os.path.join(dp, n)).split("\n"):
				m = cfg.match(line)
				if m:
					cur = m.group(1)
					continue
				m = typ.match(line)
				if m and cur:
					t = "tristate" if "tristate" in m.group(1) else "bool"
					types.setdefault(cur, set()).add(t)
					cur = None
	_ktypes[root] = types
	return types

_mk = {}
def makefile_rules(d):
	if d not in _mk:
		rules = []
		for n in ("Makefile", "Kbuild"):
			t = text_of(os.path.join(d, n)).replace("\\\n", " ")
			for line in t.split("\n"):
				m = re.match(r"^\s*([\w$()-]+)\s*[:+]?=(.*)$", line.split("#")[0])
				if m:
					rules.append((m.group(1), m.group(2).split()))
		# 2.4: O_TARGET names the object of the directory, made of its obj-y
		# parts; `obj-m := $(O_TARGET)` makes those parts a module
		ot = [objs[0] for lhs, objs in rules if lhs == "O_TARGET" and objs]
		if ot:
			rules = [(lhs, [ot[-1] if o == "$(O_TARGET)" else o for o in objs])
				 for lhs, objs in rules]
		_mk[d] = rules
	return _mk[d]

def o_target(d):
	ot = [objs[0] for lhs, objs in makefile_rules(d) if lhs == "O_TARGET" and objs]
	return ot[-1] if ot else None

# 2.4 lists that name objects without building them
NOT_COMPOSITE = ("export-objs", "list-multi", "mod-subdirs")

def object_kind(d, obj, types, depth=0):
	# "builtin", "modular" or None (not found)
	kinds = set()
	for lhs, objs in makefile_rules(d):
		if obj not in objs:
			continue
		if lhs in ("obj-y", "lib-y"):
			ot = o_target(d)
			if ot and ot != obj and depth < 4:
				kinds.add(object_kind(d, ot, types, depth + 1) or "builtin")
			else:
				kinds.add("builtin")
			continue
		if lhs in NOT_COMPOSITE:
			continue
		m = re.match(r"^obj-\$\(CONFIG_(\w+)\)$", lhs)
		if m:
			ts = types.get(m.group(1))
			kinds.add("builtin" if ts == {"bool"} else "modular")
			continue
		if lhs == "obj-m":
			kinds.add("modular")
			continue
		m = re.match(r"^([\w-]+?)-(y|objs|\$\(CONFIG_\w+\))$", lhs)
		if m and depth < 4 and m.group(1) + ".o" != obj:
			k = object_kind(d, m.group(1) + ".o", types, depth + 1)
			kinds.add(k or "modular")
	if not kinds:
		return None
	return "builtin" if kinds == {"builtin"} else "modular"

def builtin_only(path):
	root = tree_root(path)
	if root is None:
		return False
	d = os.path.dirname(os.path.abspath(path))
	obj = os.path.basename(path)[:-2] + ".o"
	if not path.endswith(".c"):
		return False
	return object_kind(d, obj, kconfig_types(root)) == "builtin"

// One spatch process runs many file groups (--file-groups): a script rule
// with no metavariables runs at the start of each group, so what the
// groups before found (tables, methods, functions by name) never leaks
// into this one.
@script:python@
@@
for _s in (ot_local, funcs, skip, done):
	_s.clear()

@modular@
declarer name module_init, module_exit, MODULE_LICENSE;
expression E;
@@
(
module_init(E);
|
module_exit(E);
|
MODULE_LICENSE(E);
)

@loc@
identifier T;
@@
struct T { ... struct module *owner; ... };

@script:python@
T << loc.T;
@@
ot_local[T] = "owner"

@fdef@
identifier f;
@@
f(...) { ... }

@script:python@
f << fdef.f;
@@
funcs.add(f)

@fdecl@
identifier f;
type R;
@@
R f(...);

@script:python@
f << fdecl.f;
@@
funcs.add(f)

@ex@
identifier t;
identifier reg = {debugfs_create_file, debugfs_create_file_unsafe,
		  debugfs_create_file_size, proc_create, proc_create_data,
		  create_proc_entry, register_nls};
expression E;
@@
(
 reg(..., &t, ...)
|
 E->proc_fops = &t
)

@script:python@
t << ex.t;
@@
skip.add(t)

@sq@
identifier t;
symbol seq_read;
@@
struct file_operations t = { ..., .read = seq_read, ...};

@script:python@
t << sq.t;
@@
skip.add(t)

@has@
identifier T, t;
expression E;
position p;
@@
struct T t@p = { ..., .owner = E, ...};

@r depends on modular@
identifier T, t, fld, fn;
position p != has.p;
@@
struct T t@p = { ..., .fld = fn, ...};

@script:python depends on report@
p << r.p;
T << r.T;
t << r.t;
fn << r.fn;
@@
key = (p[0].file, p[0].line, p[0].column)
f = p[0].file
if ot_member(T) == "owner" and t not in skip and fn in funcs and key not in done:
	done.add(key)
	if T == "file_operations" and dir_has(f, "fs", FS_TYPE):
		pass
	elif T == "file_operations" and debugfs_only(f):
		pass
	elif T == "proto_ops" and dir_has(f, "proto", PROTO_OWNER):
		pass
	elif builtin_only(f):
		pass
	elif pre24(f, int(p[0].line)):
		pass
	else:
		coccilib.report.print_report(p[0], "method table %s has no .owner in modular code, left: none of its methods counted, so no rule added one; usual fix (2.4/2.6 drivers): .owner = THIS_MODULE, so the subsystem pins the module while a method runs" % t)
