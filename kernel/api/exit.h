/*
 * exit.h - the one way back to ring 3.  Every return path (a trap, the
 * sysenter gate's full and leaf paths, a task resumed from the IPC fast
 * path, a task's first run) tests the current task's work word and, when
 * it is not zero, calls exit_to_user_work (kernel/api/exit.c).  The C sides
 * of the return paths are in kernel/api/trap.c and, for a system call,
 * kernel/api/fastpath.c:syscall_slowpath.
 */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H
#include "kernel/lib.h"
#include "kernel/proc/task.h"

struct trapframe;

/* Does t's pending work (TW_x) until none is left that tf's way out may do; t is current. */
void exit_to_user_work(struct task *t, struct trapframe *tf);

/* entry.S:task_resume_return: a task that blocked in the fast path runs again. */
void task_resume_run(void);
/* entry.S:task_first_return: a new task's first way out; one killed before it ran ends here. */
void task_first_run(void);

/* The test every C return path makes: one word. */
static inline void exit_to_user(struct task *t, struct trapframe *tf)
{
	KASSERT_HOT(t->state == TASK_RUNNING);  /* the task leaving is the one running */
	if (t->work)
		exit_to_user_work(t, tf);
}
#endif
