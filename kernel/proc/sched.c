/*
 * sched.c - a FIFO run queue, round-robin with a one-tick quantum, one
 * idle thread per CPU, and the timer tick.  The queue is global (one CPU
 * runs today; SMP will take a big kernel lock around it, as seL4 does).
 */
#include "arch/i386/arch.h"
#include "abi/syscalls.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

volatile uint64_t ticks;

static struct task *rq_head, *rq_tail;
static struct task idle_tasks[MAX_CPUS];
static uint8_t idle_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));

static void enqueue(struct task *t)
{
	KASSERT_HOT(t->state == TASK_RUNNABLE);
	t->rq_next = 0;
	if (rq_tail)
		rq_tail->rq_next = t;
	else
		rq_head = t;
	rq_tail = t;
}

static struct task *dequeue(void)
{
	struct task *t = rq_head;
	if (t) {
		rq_head = t->rq_next;
		if (!rq_head)
			rq_tail = 0;
	}
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
	KASSERT_HOT(arch_irqs_disabled());
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
}

void sched_make_runnable(struct task *t)
{
	check_wake(t);
	t->state = TASK_RUNNABLE;
	t->blocked_on = BLOCK_NONE;
	enqueue(t);
}

static void idle_main(void)
{
	for (;;) {
		arch_idle_wait();
		schedule();
	}
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
		enqueue(prev);
	}
	struct task *next = dequeue();
	if (!next)
		next = c->idle;
	else
		KASSERT_HOT(next->state == TASK_RUNNABLE && next != c->idle);
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
	arch_switch(&prev->ksp, next->ksp);
}

void sched_start(void)
{
	struct cpu *c = this_cpu();
	struct task *next = dequeue();
	uint32_t boot_ksp;
	KASSERT(c->current == c->idle && arch_irqs_disabled());
	if (!next)
		next = c->idle;
	sched_enter(c, next);
	arch_switch(&boot_ksp, next->ksp);
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

void sched_tick(void)
{
	struct cpu *c = this_cpu();
	KASSERT_HOT(arch_irqs_disabled());
	ticks++;
	c->current->ticks++;
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_SLEEP && t->wake_tick <= ticks)
			sched_make_runnable(t);
	}
	c->current->work |= TW_RESCHED;
}
