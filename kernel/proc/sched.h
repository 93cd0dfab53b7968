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
#include "kernel/smp/lock.h"
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

/*
 * The run queue (kernel/proc/sched.c), FIFO, one for every CPU; here for
 * sched_rotate, the yield fast path's.
 */
extern struct task *rq_head, *rq_tail;

/* t, runnable, to the queue's tail. */
static inline void sched_enqueue(struct task *t)
{
	KASSERT_HOT(t->state == TASK_RUNNABLE);
	t->rq_next = 0;
	if (rq_tail)
		rq_tail->rq_next = t;
	else
		rq_head = t;
	rq_tail = t;
}

/* t may run on c: not pinned, or pinned to c (task_affinity). */
static inline int sched_may_run_on(const struct task *t, const struct cpu *c)
{
	return t->pin == 0 || (uint32_t)(t->pin - 1) == c->id;
}

/*
 * schedule()'s queue work for a yield from me, running on c, when it is
 * simple: me may stay on c (so no other CPU needs telling, as note_queued
 * would), and the queue is empty (me goes on: returns me) or its first
 * task may run on c (takes it off the head, puts me at the tail,
 * runnable, and returns it).  0 when it is not so simple: schedule() then
 * does it all.
 */
static inline struct task *sched_rotate(struct cpu *c, struct task *me)
{
	struct task *next = rq_head;
	if (!sched_may_run_on(me, c))
		return 0;
	if (!next)
		return me;
	if (!sched_may_run_on(next, c))
		return 0;
	KASSERT_HOT(next->state == TASK_RUNNABLE && me->state == TASK_RUNNING);
	rq_head = next->rq_next;
	if (!rq_head)
		rq_tail = 0;
	me->state = TASK_RUNNABLE;
	sched_enqueue(me);
	return next;
}

/*
 * The context arch_switch resumes t from.  A task that blocked or yielded
 * in a fast path keeps none (ksp 0: its trap frame holds all it needs),
 * and one is built only if the slow path resumes it: a context that
 * leaves through the trap frame with its result (task_resume_run).
 */
uint32_t sched_context(const struct task *t);

void sched_init_cpu(void);
void sched_start(void) __attribute__((noreturn));
/* The CPU running t (TASK_RUNNING), or 0. */
struct cpu *sched_task_cpu(const struct task *t);
void sched_make_runnable(struct task *t);
/* Runnable, at the head of the queue: the other side of a call or reply. */
void sched_make_runnable_next(struct task *t);
/* The run queue's head (then rq_next): for the invariant checker. */
struct task *sched_queue_first(void);
void schedule(void);
void sched_block(int reason);
/* The boot CPU's PIT tick: time, sleepers, and the running task's turn. */
void sched_tick(void);
/*
 * entry.S, an APIC tick without the lock: 1 if it found this CPU idle with
 * nothing queued (the tick is then over), else 0 (an ordinary trap).
 */
int sched_tick_idle(struct trapframe *tf);
/* Another CPU's APIC tick: its running task's turn only. */
void sched_tick_local(void);
/* Runs c's scheduler soon: the resched IPI if c is another CPU. */
void sched_kick_cpu(struct cpu *c);
/* t, running on another CPU, enters the kernel there at once (a kill, a restart, a move). */
void sched_kick_task(struct task *t);
/* Pins t to CPU cpu (-1: any); a running t leaves a CPU it may no longer use at once. */
void sched_set_affinity(struct task *t, int cpu);
/* This CPU's first schedule() (the boot CPU and each AP); the big lock held. */

/*
 * Loads as (0: the kernel's own) into CR3 unless it is already there,
 * keeping the live sets exact (docs/smp.md): this CPU joins as's set
 * before the CR3 load, from which on the MMU may cache its entries, and
 * leaves the old space's set only after, when it can no longer.
 */
static inline void sched_load_space_on(struct cpu *c, struct aspace *as)
{
	uint32_t pd = as ? as->pgdir : vm_kernel_pgdir();
	if (c->pgdir_loaded == pd)
		return;
	uint32_t me = c->id_bit;
	struct aspace *old = c->space_loaded;
	if (as)
		__atomic_fetch_or(&as->live_cpus, me, __ATOMIC_SEQ_CST);      /* S2 */
	arch_load_pgdir(pd);
	c->pgdir_loaded = pd;
	c->space_loaded = as;
	if (old)
		__atomic_fetch_and(&old->live_cpus, ~me, __ATOMIC_SEQ_CST);   /* S3 */
}

static inline void sched_load_space(struct aspace *as)
{
	sched_load_space_on(this_cpu(), as);
}

/*
 * Makes next current on c (address space, kernel stack, I/O bitmap); the
 * caller switches.  Inline, always: the IPC fast path and every yield run
 * it, and a call with its register saves costs a switch 13 instructions.
 * The idle thread runs on the kernel's directory with no port access, so
 * an idle CPU is in no space's live set and gets no shootdown.
 */
static inline __attribute__((always_inline)) void sched_enter(struct cpu *c, struct task *next)
{
	/* next runs now: it waits on no queue, no fault stop holds it, it has not ended. */
	KASSERT_HOT(next->ipc_ep == 0 && next->ntf_waiting == 0);
	KASSERT_HOT(next->fault_stop == FAULT_NONE);
	KASSERT_HOT(next->state != TASK_ZOMBIE && next->state != TASK_FREE);
	/* Every chooser (dequeue, sched_rotate, the IPC fast path's runs_here) keeps a pin. */
	KASSERT_HOT(sched_may_run_on(next, c));
	KASSERT_HOT(kernel_lock_held());
	fpu_switch_out(c, c->current);
	c->current = next;
	next->state = TASK_RUNNING;
	if (next->kthread) {
		sched_load_space_on(c, 0);
		arch_io_bitmap_enable(&c->arch, IOTSS_OFF);
		return;
	}
	sched_load_space_on(c, &next->as);
	arch_set_kernel_stack(&c->arch, next->kstack_top);
	task_io_switch_in(c, next);
	fpu_switch_in(c, next);
}

#endif
