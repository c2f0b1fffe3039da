#ifndef _FOO_H
#define _FOO_H
#ifdef MODULE
#else
#endif
int foo(void);	/* EXPORT_NO_SYMBOLS; inside a comment stays */
#endif
