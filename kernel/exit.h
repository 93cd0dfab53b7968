/*
 * exit.h - the one way back to ring 3.  Every return path (a trap, the
 * sysenter gate's full and leaf paths, a task resumed from the IPC fast
 * path, a task's first run) tests the current task's work word and, when
 * it is not zero, calls exit_to_user_work (kernel/exit.c).
 */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H
#include "kernel/task.h"

struct trapframe;

/* Does t's pending work (TW_x) until none is left that tf's way out may do. */
void exit_to_user_work(struct trapframe *tf);

/* The test every C return path makes: one word. */
static inline void exit_to_user(const struct task *t, struct trapframe *tf)
{
	if (t->work)
		exit_to_user_work(tf);
}
#endif
