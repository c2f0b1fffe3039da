// SPDX-License-Identifier: GPL-2.0-only
// macros-2.4.h: Coccinelle macro file (spatch --macro-file) for Linux 2.4
// code.  Written for modref; every body below is a parse shape, not the
// kernel's definition: it only has to give spatch's C parser a construct of
// the same syntactic kind (a declaration, a statement, a loop header, an
// expression) so that the code around the use is parsed and seen by the
// rules.  Conventions are those of Coccinelle's standard.h: MACROSTATEMENT
// makes a call a statement, an empty body makes a word disappear.
//
// How spatch uses this file (measured with spatch 1.1.1): an entry is only
// expanded where the code fails to parse without it, so a name that means
// something else in another driver is left alone there.  The builtins of
// /usr/lib/coccinelle/standard.h win over this file (a name it already
// defines, such as __unused, CALLBACK, D1 or ASSERT, cannot be redefined
// here), and so does a #define in the file being parsed (an entry for a
// macro a driver defines itself has no effect).  The body of an entry is
// parsed like any #define, so it must be C on its own and use base types.
//
// Never define one of the nine legacy names (MOD_INC_USE_COUNT & co.),
// THIS_MODULE, module_init/module_exit or a name the rules match: the
// rules must see those as written.
//
// Each entry says which 2.4 construct it covers and where it is used.
// semantic-patches/parse-stats measures the effect on a whole tree;
// tests/t-macros.sh has one hand-written 2.4-style case per family.

// ---- Family 1: debug macros used as statements ---------------------------

// ifppcdebug(FLAGS) { ... }: ppc64 debug guard, an if header whose
// condition is hidden in the macro.  (spatch 1.1.1 only takes the shape
// when the condition is a call; "if (__flags)" is not expanded.)
#define ifppcdebug(__flags) if (ppc_debug_enabled(__flags))

// SK_DBG_MSG(pAC, comp, cat, ("fmt", args)): sk98lin debug message with a
// parenthesised printf argument list, used without a trailing semicolon.
#define SK_DBG_MSG(__ac, __comp, __cat, __args) MACROSTATEMENT

// ---- Family 2: declaration macros in structs ----------------------------

// DECLARE_PCI_UNMAP_ADDR(name) / DECLARE_PCI_UNMAP_LEN(name): 2.4's DMA
// unmap bookkeeping fields; 2.4 drivers (acenic, tg3) use them with no
// semicolon after, the macro supplied it.
// The shape uses base types: spatch does not know dma_addr_t or __u32 in
// a file parsed alone, and a typedef it cannot infer inside an expansion
// fails the parse.  Limit (spatch 1.1.1): a member declared with a base
// type (unsigned int x;) right after such a use still fails; one declared
// with a typedef name (u32 x;), as in acenic and tg3, parses.
#define DECLARE_PCI_UNMAP_ADDR(__name) unsigned long __name;
#define DECLARE_PCI_UNMAP_LEN(__name) unsigned int __name;

// NCR5380_implementation_fields;: the per-board fields each NCR5380 glue
// driver adds to the shared NCR5380 host data struct.
#define NCR5380_implementation_fields int ncr5380_board_fields

// __ATM_API_ALIGN: alignment attribute macro of the ATM user API structs.
#define __ATM_API_ALIGN

// ---- Family 3: zlib's prototype macros -----------------------------------

// OF((args)): zlib's prototype wrapper (K&R compilers got "()").
#define OF(__args) __args

// struct internal_state FAR *state: zlib's 16-bit "far" pointer qualifier.
#define FAR

// ---- Family 3b: name wrappers ---------------------------------------------

// static struct proto_ops SOCKOPS_WRAPPED(x25_proto_ops) = {...}: the 2.4
// network families name their proto_ops through a macro (its SMP form
// renames the table and SOCKOPS_WRAP() defines a locking copy).  spatch
// reads the line as a function declarator, so no rule sees the table.  An
// entry of the form `#define W(a) a` is more than a parse shape: the modref
// program shows spatch `W(name)` as `name` in its work copy and puts the
// macro back in the result (src/declarer.c).
#define SOCKOPS_WRAPPED(__name) __name

// ---- Family 4: expression pieces ----------------------------------------

// fb->color_map CM(i, j): sbus frame buffer drivers index their colour map
// with a macro that is a whole subscript.
#define CM(__i, __j) [(__i) + (__j)]

// 50 MS: pc110pad gives times in milliseconds with a postfix macro.
#define MS * 1
