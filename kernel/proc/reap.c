/*
 * reap.c - how a task ends: it exits or is killed, every subsystem lets go
 * of it (task_exit: the one place that calls every teardown), its
 * children go to the root task, and its parent reaps it.  A task dies
 * only on its own way out of the kernel (task_exit runs on its own kernel
 * stack); kill just marks it and wakes it.  Above the rest of proc/ and
 * the objects, as it reaches all of them; nothing below includes it.
 */
#include "arch/i386/arch.h"
#include "abi/errno.h"
#include "kernel/proc/fpu.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/object/ipc.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/supervise.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

void (*task_exit_hook)(struct task *t);

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
	struct task *root = task_root();
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
		sched_kick_task(c);
	}
}

void task_exit(int code, int vector, uint32_t eip, uint32_t addr)
{
	struct task *t = current(), *root = task_root();
	KASSERT(t->state == TASK_RUNNING && t != this_cpu()->idle);
	t->exit = (struct exitinfo){ code, vector, eip, addr, t->killed_by };
	if (t == root) {
		kprintf("root task %s exited (code %d, vector %d): shutting down\n", t->name, code, vector);
		arch_shutdown(code == 0 && vector < 0 ? 0 : 2);
	}
	task_exit_hook(t);
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
	struct task *root = task_root();
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
	sched_kick_task(t);          /* running on another CPU: it dies there now */
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
	task_slot_free(t);
}
