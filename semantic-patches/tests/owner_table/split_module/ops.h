/* the module's own method table type; its core pins ->owner */
#ifndef _FOO_OPS_H
#define _FOO_OPS_H

struct foo_ops {
	struct module *owner;
	const char *name;
	int (*start)(int unit);
	void (*stop)(int unit);
};

int foo_start(int unit);
void foo_stop(int unit);

#endif
