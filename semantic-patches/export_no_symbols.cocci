// SPDX-License-Identifier: GPL-2.0-only
/// Remove EXPORT_NO_SYMBOLS; written as a statement (2.4 drivers often put
/// it in init_module()).  A module that exports nothing needs no marker.
///
// Confidence: High
// Copyright: (C) 2025 modref contributors.
// Comments: spatch 1.1.1 does not parse `EXPORT_NO_SYMBOLS;` at file scope
//  (a bare identifier declaration); semantic-patches/postpass deletes such
//  lines, and legacy_tokens.cocci reports any that remain.
// Options: --no-includes --include-headers
// Mode: patch
// Order: 20
// Keywords: EXPORT_NO_SYMBOLS

virtual patch
virtual context
virtual org
virtual report

@depends on patch && !context && !org && !report@
@@
- EXPORT_NO_SYMBOLS;

// ------------------------------------------------------------------------

@r depends on !patch && (context || org || report)@
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
