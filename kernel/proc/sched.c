/*
 * sched.c - a FIFO run queue, round-robin with a one-tick quantum, one
 * idle thread per CPU, and the timer ticks.  One queue for every CPU,
 * under the big kernel lock (kernel/smp/lock.h); a CPU takes the first
 * task it may run (a pinned task waits for its CPU).  An idle CPU finds
 * new work at its next tick, or at once through the resched IPI when the
 * task is pinned to it (note_queued).
 */
#include "arch/i386/arch.h"
#include "abi/syscalls.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "kernel/smp/ipi.h"
#include "arch/i386/mmu.h"

volatile uint64_t ticks;

struct task *rq_head, *rq_tail;
static struct task idle_tasks[MAX_CPUS];
static uint8_t idle_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));

void sched_kick_cpu(struct cpu *c)
{
	if (c != this_cpu() && c->online)
		smp_ipi(c, T_IPI_RESCHED);
}

/*
 * t was queued.  A task any CPU may run waits for the first CPU that
 * looks at the queue: this one at its next schedule(), a busy one at its
 * next tick, an idle one at its next tick too (every CPU's timer wakes it
 * from hlt 100 times a second).  No IPI: a waker usually blocks at once
 * (a call, a fault report), and its partner then runs here, warm, rather
 * than bouncing to another CPU and back on every message.  A task pinned
 * to another CPU cannot run here: its CPU, if idle, is told now.
 */
static void note_queued(const struct task *t)
{
	if (t->pin == 0 || ncpus_online == 1)
		return;
	struct cpu *c = &cpus[t->pin - 1];
	if (c != this_cpu() && c->current == c->idle)
		sched_kick_cpu(c);
}

/* The first queued task c may run, taken off the queue; or 0. */
static struct task *dequeue(const struct cpu *c)
{
	struct task *prev = 0, *t = rq_head;
	while (t && !sched_may_run_on(t, c)) {
		prev = t;
		t = t->rq_next;
	}
	if (!t)
		return 0;
	if (prev)
		prev->rq_next = t->rq_next;
	else
		rq_head = t->rq_next;
	if (rq_tail == t)
		rq_tail = prev;
	return t;
}

/*
 * What a wake-up requires: t is on no queue (a runnable or running task is
 * on the run queue or a CPU; a task waiting on an endpoint or a
 * notification is taken off it first), and the run queue is ours alone
 * (interrupts off; on SMP, the kernel lock).
 */
static inline void check_wake(const struct task *t)
{
	KASSERT(t->state != TASK_RUNNABLE && t->state != TASK_RUNNING);
	KASSERT(t->fault_stop == FAULT_NONE);     /* supervise_release() first */
	KASSERT_HOT(t->ipc_ep == 0);
	KASSERT_HOT(t->ntf_waiting == 0);
	KASSERT_HOT(arch_irqs_disabled() && kernel_lock_held());
}

/*
 * The partner of a call or a reply runs next: the caller is about to block
 * for it, so it would otherwise wait behind every runnable task for no
 * reason.  The tick still ends the pair's turn, so nobody starves.
 */
void sched_make_runnable_next(struct task *t)
{
	check_wake(t);
	t->state = TASK_RUNNABLE;
	t->blocked_on = BLOCK_NONE;
	t->rq_next = rq_head;
	rq_head = t;
	if (!rq_tail)
		rq_tail = t;
	note_queued(t);
}

void sched_make_runnable(struct task *t)
{
	check_wake(t);
	t->state = TASK_RUNNABLE;
	t->blocked_on = BLOCK_NONE;
	sched_enqueue(t);
	note_queued(t);
}

static int queue_hint(void);

/*
 * The idle thread holds the big lock only to look for work: it waits for
 * an interrupt without it, so the other CPUs run the kernel meanwhile.
 * Requests that came while it took the lock are served in the spin.
 */
static void idle_main(void)
{
	for (;;) {
		kernel_unlock();
		do
			arch_idle_wait();
		while (!queue_hint());
		kernel_lock();
		schedule();
	}
}

/*
 * Without the lock, a hint only: the queue may change at once.  A task
 * queued just after an idle CPU looked is found at that CPU's next tick,
 * or by the CPU that queued it.
 */
static int queue_hint(void)
{
	return __atomic_load_n(&rq_head, __ATOMIC_RELAXED) != 0;
}

int sched_tick_idle(struct trapframe *tf)
{
	struct cpu *c = this_cpu();
	if (tf_from_user(tf) || c->current != c->idle || c->lock_depth || queue_hint())
		return 0;
	arch_lapic_eoi();
	return 1;
}

void sched_init_cpu(void)
{
	struct cpu *c = this_cpu();
	KASSERT(c->id < MAX_CPUS && !c->idle);
	struct task *idle = &idle_tasks[c->id];
	strlcpy(idle->name, "idle", sizeof(idle->name));
	idle->kthread = 1;
	idle->state = TASK_RUNNING;
	idle->kstack_top = (uint32_t)(idle_stacks[c->id] + sizeof(idle_stacks[0]));
	idle->ksp = arch_kthread_stack_init(idle->kstack_top, idle_main);
	c->idle = idle;
	c->current = idle;
	c->pgdir_loaded = vm_kernel_pgdir();
}

uint32_t sched_context(const struct task *t)
{
	return t->ksp != 0 ? t->ksp : arch_resume_context(t->kstack_top);
}

void schedule(void)
{
	struct cpu *c = this_cpu();
	struct task *prev = c->current;
	KASSERT_HOT(arch_irqs_disabled());
	/* Running, blocked (sched_block) or a zombie (task_exit): never queued twice. */
	KASSERT_HOT(prev->state == TASK_RUNNING || prev->state == TASK_BLOCKED ||
		    prev->state == TASK_ZOMBIE);
	if (prev->state == TASK_RUNNING && prev != c->idle) {
		prev->state = TASK_RUNNABLE;
		sched_enqueue(prev);
	}
	struct task *next = dequeue(c);
	if (!next)
		next = c->idle;
	else
		KASSERT_HOT(next->state == TASK_RUNNABLE && next != c->idle);
	/* prev may be pinned elsewhere now (task_affinity): its CPU hears of it. */
	if (prev->state == TASK_RUNNABLE)
		note_queued(prev);
	if (next == prev) {
		prev->state = TASK_RUNNING;
		return;
	}
	/* The CPU's work goes with the CPU: log news is the next task's to pass on. */
	if (prev->work & TW_LOG) {
		prev->work &= ~(uint32_t)TW_LOG;
		next->work |= TW_LOG;
	}
	sched_enter(c, next);
	KASSERT_HOT(c->lock_depth == 1);      /* one level: whoever resumes next leaves it at trapret */
	arch_switch(&prev->ksp, sched_context(next));
}

void sched_start(void)
{
	struct cpu *c = this_cpu();
	struct task *next = dequeue(c);
	uint32_t boot_ksp;
	KASSERT(c->current == c->idle && arch_irqs_disabled() && kernel_lock_held());
	if (!next)
		next = c->idle;
	sched_enter(c, next);
	arch_switch(&boot_ksp, sched_context(next));
	panic("sched_start: returned to the boot stack");
}

void sched_block(int reason)
{
	struct task *t = current();
	/* Only the running task blocks, once, and never the idle thread (it must always be able to run). */
	KASSERT_HOT(t->state == TASK_RUNNING && t != this_cpu()->idle);
	KASSERT_HOT(reason != BLOCK_NONE);
	t->state = TASK_BLOCKED;
	t->blocked_on = reason;
	schedule();
}

struct task *sched_queue_first(void)
{
	return rq_head;
}

void sched_tick_local(void)
{
	struct cpu *c = this_cpu();
	c->current->ticks++;
	c->current->work |= TW_RESCHED;
}

struct cpu *sched_task_cpu(const struct task *t)
{
	if (t->state != TASK_RUNNING)
		return 0;
	for (uint32_t i = 0; i < ncpus_online; i++)
		if (cpus[i].current == t)
			return &cpus[i];
	return 0;
}

void sched_kick_task(struct task *t)
{
	struct cpu *c = sched_task_cpu(t);
	if (c && c != this_cpu())
		sched_kick_cpu(c);
}

void sched_set_affinity(struct task *t, int cpu)
{
	KASSERT(cpu >= -1 && cpu < (int)ncpus_online);
	t->pin = cpu + 1;
	struct cpu *c = sched_task_cpu(t);
	if (c && !sched_may_run_on(t, c)) {
		/* Its CPU's next schedule() puts it back on the queue, where its own CPU finds it. */
		t->work |= TW_RESCHED;
		sched_kick_cpu(c);
	} else if (t->state == TASK_RUNNABLE) {
		note_queued(t);
	}
}

void sched_tick(void)
{
	KASSERT_HOT(arch_irqs_disabled());
	ticks++;
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_SLEEP && t->wake_tick <= ticks)
			sched_make_runnable(t);
	}
	sched_tick_local();
}
