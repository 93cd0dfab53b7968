#ifndef KERNEL_SPAWN_H
#define KERNEL_SPAWN_H
struct task;
/* Starts boot module `name` as a child of parent with argv = name + args. 0 or -E_x. */
int spawn_module(struct task *parent, const char *name, const char *args, struct task **out);
#endif
