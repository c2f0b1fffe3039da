// SPDX-License-Identifier: GPL-2.0-only
/// Remove EXPORT_NO_SYMBOLS wherever it stands: as a statement (2.4
/// drivers often put it in init_module()), at file scope, and inside #if
/// blocks, in every file that uses it; a conditional left empty goes too.
/// A module that exports nothing needs no marker.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: This rule removes the statement form.  spatch 1.1.1 does not
//  parse `EXPORT_NO_SYMBOLS;` at file scope (a bare identifier
//  declaration) nor see into a branch of #if it does not take, so
//  semantic-patches/postpass deletes those lines, in the files the rules
//  changed and (--exports-only) in every other file that has the token;
//  legacy_tokens.cocci reports any that remain (in a macro body).
// Options: --no-includes --include-headers
// Mode: patch
// Order: 20
// Keywords: EXPORT_NO_SYMBOLS

virtual patch
virtual org
virtual report

@depends on patch && !org && !report@
@@
- EXPORT_NO_SYMBOLS;

// ------------------------------------------------------------------------

@r depends on !patch && (org || report)@
position p;
@@
EXPORT_NO_SYMBOLS@p;

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "EXPORT_NO_SYMBOLS: remove")

@script:python depends on org@
p << r.p;
@@
cocci.print_main("EXPORT_NO_SYMBOLS", p)
