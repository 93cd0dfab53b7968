/*
 * reap.h - how a task ends (kernel/proc/reap.c): exit, kill, the wake-up
 * that makes a blocked task find its kill or restart, and reaping.
 */
#ifndef KERNEL_REAP_H
#define KERNEL_REAP_H

#include <stdint.h>

struct task;
struct exitinfo;

/* Ends the current task; never returns. */
void task_exit(int code, int vector, uint32_t eip, uint32_t addr) __attribute__((noreturn));
int task_kill(struct task *killer, struct task *t);
/*
 * Wakes t from whatever it is blocked in (a queue, a fault, a wait), so
 * that it finds TW_KILL or TW_RESTART on its way out of the kernel.
 */
void task_interrupt(struct task *t);
/* Reaps a zombie child: copies its exitinfo and frees the slot. */
void task_reap(struct task *t, struct exitinfo *info);
/*
 * Called first by task_exit, so that what a debugging facility keeps for
 * t ends with it (kernel/debug/bench.c:bench_task_exit shuts a raw gate t
 * left open).  Set at boot (kmain): proc/ knows nothing of debug/.
 */
extern void (*task_exit_hook)(struct task *t);

#endif
