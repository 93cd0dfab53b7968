#ifndef KERNEL_SPAWN_H
#define KERNEL_SPAWN_H
struct task;
struct trapframe;
/* Starts boot module `name` as a child of parent with argv = name + args. 0 or -E_x. */
int spawn_module(struct task *parent, const char *name, const char *args, unsigned flags,
		 struct task **out);
/* Replaces the current task's memory with a fresh copy of its module. */
int spawn_restart(struct task *t, struct trapframe *tf);
#endif
