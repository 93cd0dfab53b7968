/*
 * sched.h - round-robin scheduling, blocking and the tick.  The kernel is
 * not preemptible: it runs with interrupts off, and a task switch happens
 * only in schedule(), called on the way out of a trap or when blocking.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdint.h>
#include "arch/i386/pgtable.h"
#include "kernel/smp/cpu.h"
#include "kernel/lib.h"
#include "kernel/proc/fpu.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/mm/vm.h"

extern volatile uint64_t ticks;

static inline struct task *current(void)
{
	return this_cpu()->current;
}

void sched_init_cpu(void);
void sched_start(void) __attribute__((noreturn));
void sched_make_runnable(struct task *t);
/* Runnable, at the head of the queue: the other side of a call or reply. */
void sched_make_runnable_next(struct task *t);
/* The run queue's head (then rq_next): for the invariant checker. */
struct task *sched_queue_first(void);
void schedule(void);
void sched_block(int reason);
void sched_tick(void);

/* Loads as (0: the kernel's own) into CR3 unless it is already there. */
static inline void sched_load_space(const struct aspace *as)
{
	struct cpu *c = this_cpu();
	uint32_t pd = as ? as->pgdir : vm_kernel_pgdir();
	if (c->pgdir_loaded != pd) {
		arch_load_pgdir(pd);
		c->pgdir_loaded = pd;
	}
}

/*
 * Makes next current on c (address space, kernel stack, I/O bitmap); the
 * caller switches.  Inline: the IPC fast path runs it on every message.
 */
static inline void sched_enter(struct cpu *c, struct task *next)
{
	/* next runs now: it waits on no queue, no fault stop holds it, it has not ended. */
	KASSERT_HOT(next->ipc_ep == 0 && next->ntf_waiting == 0);
	KASSERT_HOT(next->fault_stop == FAULT_NONE);
	KASSERT_HOT(next->state != TASK_ZOMBIE && next->state != TASK_FREE);
	c->current = next;
	next->state = TASK_RUNNING;
	if (next->kthread)
		return;
	sched_load_space(&next->as);
	arch_set_kernel_stack(&c->arch, next->kstack_top);
	task_io_switch_in(c, next);
	fpu_switch_in(c, next);
}

#endif
