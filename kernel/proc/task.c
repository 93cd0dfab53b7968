/*
 * task.c - the task table: allocation, lookup by tid, exit, kill and
 * reaping.  A task dies only on its own way out of the kernel (task_exit
 * runs on its own kernel stack); kill just marks it and wakes it.
 */
#include "arch/i386/arch.h"
#include "abi/errno.h"
#include "kernel/debug/bench.h"
#include "kernel/proc/fpu.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/object/ipc.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/supervise.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"
#include "arch/i386/trapframe.h"

struct task tasks[MAX_TASKS];
static uint8_t kstacks[MAX_TASKS][KSTACK_SIZE] __attribute__((aligned(16)));
static uint32_t generation[MAX_TASKS];
static struct task *root;

struct task *task_alloc(const char *name, struct task *parent)
{
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *t = &tasks[i];
		if (t->state != TASK_FREE)
			continue;
		/* A child is made by its running parent (or is the root task). */
		KASSERT(!parent || parent->state == TASK_RUNNING);
		*t = (struct task){ 0 };
		t->tid = (int)(generation[i] * MAX_TASKS + (uint32_t)i + 1);
		t->state = TASK_BLOCKED;        /* not runnable until fully built */
		t->parent = parent;
		if (parent)
			parent->nchildren++;
		t->kstack_top = (uint32_t)(kstacks[i] + KSTACK_SIZE);
		strlcpy(t->name, name, sizeof(t->name));
		cspace_init(&t->cs);
		task_io_refresh(t);
		if (!root)
			root = t;
		return t;
	}
	return 0;
}

/* Only for a task that never ran (spawn failed part-way). */
void task_free(struct task *t)
{
	KASSERT(t->state == TASK_BLOCKED && t->blocked_on == BLOCK_NONE);
	if (t->as.pgdir)
		aspace_destroy(&t->as);
	generation[t - tasks]++;
	if (t == root)
		root = 0;
	if (t->parent) {
		KASSERT(t->parent->nchildren > 0);
		t->parent->nchildren--;
	}
	t->state = TASK_FREE;
}

struct task *task_root(void)
{
	return root;
}


static void wake_waiter(struct task *parent, const struct task *child)
{
	if (!parent)
		return;
	if (parent->state == TASK_BLOCKED && parent->blocked_on == BLOCK_WAIT &&
	    (parent->wait_for == child->tid || parent->wait_for == -1))
		sched_make_runnable(parent);
	else if (parent->supervising)
		supervisor_notify(parent);
}

/*
 * A task's children end with it: each is killed (killed_by names the
 * parent) and goes to the root task, which reaps it.  Nobody else could:
 * an orphan left running, suspended or stopped at a fault would hold its
 * slot for good, and a task spawning children in a loop would fill the
 * table for everyone.  A task that wants a child to outlive it must not
 * exit first.
 */
static void reparent_children(struct task *dying)
{
	for (int i = 0; i < MAX_TASKS; i++) {
		struct task *c = &tasks[i];
		if (c->state == TASK_FREE || c->parent != dying)
			continue;
		c->parent = root;
		root->nchildren++;
		fault_ep_drop(c);
		if (c->state == TASK_ZOMBIE) {
			wake_waiter(root, c);
			continue;
		}
		if (!c->killed_by)
			c->killed_by = dying->tid;
		c->work |= TW_KILL;
		task_interrupt(c);
	}
}

void task_exit(int code, int vector, uint32_t eip, uint32_t addr)
{
	struct task *t = current();
	KASSERT(t->state == TASK_RUNNING && t != this_cpu()->idle);
	t->exit = (struct exitinfo){ code, vector, eip, addr, t->killed_by };
	if (t == root) {
		kprintf("root task %s exited (code %d, vector %d): shutting down\n", t->name, code, vector);
		arch_shutdown(code == 0 && vector < 0 ? 0 : 2);
	}
	bench_task_exit(t);
	fpu_forget(this_cpu(), t);
	reparent_children(t);
	ipc_task_reset(t);              /* also drops supervise_bind's reference */
	fault_ep_drop(t);
	cspace_clear(&t->cs);
	caps_commit();
	/* Leave the address space before freeing its page directory. */
	sched_load_space(0);
	aspace_destroy(&t->as);
	/* A zombie is on no queue, holds no cap, no binding and no FPU state. */
	KASSERT(t->ipc_ep == 0 && t->ntf_waiting == 0 && t->ntf_bound == 0);
	KASSERT(!t->fpu_used && !t->reply.tid);
	t->state = TASK_ZOMBIE;
	wake_waiter(t->parent, t);
	schedule();
	panic("task_exit: zombie %s was scheduled", t->name);
}

int task_kill(struct task *killer, struct task *t)
{
	if (t->state == TASK_ZOMBIE)
		return -E_SRCH;
	if (killer != root && t->parent != killer && t != killer)
		return -E_PERM;
	if (t == root)
		return -E_PERM;
	if (!t->killed_by)
		t->killed_by = killer->tid;
	t->work |= TW_KILL;
	task_interrupt(t);
	return 0;
}

void task_interrupt(struct task *t)
{
	if (t->state != TASK_BLOCKED)
		return;
	if (t->blocked_on == BLOCK_FAULT) {
		supervise_release(t, FA_KILL);      /* supervise_decision() looks at why */
		return;
	}
	KASSERT(t->fault_stop == FAULT_NONE);
	ipc_cancel(t);
	sched_make_runnable(t);
}

void task_reap(struct task *t, struct exitinfo *info)
{
	KASSERT(t->state == TASK_ZOMBIE);
	/* task_exit dropped it and fault_ep refuses zombies; no path may leave a reference behind. */
	fault_ep_drop(t);
	*info = t->exit;
	generation[t - tasks]++;
	if (t->parent) {
		KASSERT(t->parent->nchildren > 0);
		t->parent->nchildren--;
	}
	t->state = TASK_FREE;
}

void task_get_info(const struct task *t, struct taskinfo *info)
{
	*info = (struct taskinfo){ 0 };
	info->tid = t->tid;
	info->parent = t->parent ? t->parent->tid : 0;
	info->state = (int)t->state;
	info->ticks = t->ticks;
	info->restarts = t->restarts;
	info->iofaults = t->iofaults;
	info->iopl = t->iopl_on;
	strlcpy(info->name, t->name, sizeof(info->name));
}

int task_is_descendant(const struct task *t, const struct task *anc)
{
	while (t && t != anc)
		t = t->parent;
	return t != 0;
}
