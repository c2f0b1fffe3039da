// SPDX-License-Identifier: GPL-2.0-only
/// Convert GNU old-style field initializers (`open: foo_open`) to C99
/// designated initializers (`.open = foo_open`).  Every other modref rule
/// matches `.field = value` only, so this rule must run first.  It works on
/// any struct/union/typedef initializer: plain, const/static, arrays of
/// structs, and one level of nested braces.  A plain value becomes
/// `.f = v` (single spaces, column alignment is not kept); for a braced
/// value only the designator is rewritten.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: spatch breaks a rewritten line longer than --max-width
//  (default 78) without indenting it; the Options below raise the limit.
//  Idempotent (converted code no longer matches).  Nesting deeper
//  than one brace level inside a field is left alone (reported by nothing;
//  the compiler still accepts GNU initializers).
// Options: --no-includes --include-headers --max-width 100
// Mode: patch
// Order: 10
// Keywords: *
// Needs: <gnu-init>
// Scope: function

virtual patch
virtual org
virtual report

// A plain value directly followed by a preprocessor directive (the last
// field, no comma, before an #endif): spatch 1.1.1 re-emits the directive
// after a re-printed value ("#endif" twice, "#endif without #if"), so only
// the designator of such a field is rewritten (topb below).
@initialize:python@
@@
def directive_follows(path, line, col):
	# the next character after line:col that is not blank or in a
	# comment starts a preprocessor directive
	try:
		with open(path, errors="replace") as fh:
			lines = fh.read().split("\n")
	except OSError:
		return False
	text = "\n".join([lines[line - 1][col:]] + lines[line:])
	i = 0
	while i < len(text):
		if text[i] in " \t\r\n\f\v":
			i += 1
		elif text.startswith("/" + "*", i):
			j = text.find("*" + "/", i + 2)
			if j < 0:
				return False
			i = j + 2
		elif text.startswith("/" + "/", i):
			j = text.find("\n", i)
			if j < 0:
				return False
			i = j
		else:
			return text[i] == "#"
	return False

@last depends on patch && !org && !report@
type T;
identifier f, x;
expression v;
position p;
@@
T x = { ..., f: v@p, ...};

@script:python lastdir depends on last@
p << last.p;
@@
if not directive_follows(p[0].file, int(p[0].line_end), int(p[0].column_end)):
	cocci.include_match(False)

// A plain value: rewrite the whole element, `.f = v` with single spaces.
@top depends on patch && !org && !report@
type T;
identifier f, x;
expression v;
position p != last.p;
@@
T x = { ...,
- f: v@p
+ .f = v
  ,...};

// A braced value: rewrite only the designator, keep the braces' layout.
@topb depends on patch && !org && !report@
type T;
identifier f, x;
initializer v;
@@
T x = { ...,
- f:
+ .f =
  v
  ,...};

@arr depends on patch && !org && !report@
type T;
identifier f, x;
initializer v;
@@
T x[...] = { ..., { ...,
- f:
+ .f =
  v
  ,...}, ...};

@neste depends on patch && !org && !report@
type T;
identifier f, g, x;
expression v;
@@
T x = { ..., .g = { ...,
- f: v
+ .f = v
  ,...}, ...};

@nest depends on patch && !org && !report@
type T;
identifier f, g, x;
initializer v;
@@
T x = { ..., .g = { ...,
- f:
+ .f =
  v
  ,...}, ...};

@arrnest depends on patch && !org && !report@
type T;
identifier f, g, x;
initializer v;
@@
T x[...] = { ..., { ..., .g = { ...,
- f:
+ .f =
  v
  ,...}, ...}, ...};

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
type T;
identifier f, x;
initializer v;
position p;
@@
(
T x = { ..., f@p: v, ...};
|
T x[...] = { ..., { ..., f@p: v, ...}, ...};
)

@script:python depends on report@
p << r.p;
f << r.f;
@@
coccilib.report.print_report(p[0], "GNU old-style initializer '%s:', use '.%s ='" % (f, f))

@script:python depends on org@
p << r.p;
f << r.f;
@@
cocci.print_main("GNU initializer " + f, p)
