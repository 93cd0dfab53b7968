/*
 * faultstop.c - a task stopped at a fault until its supervisor answers
 * through supervise() and fault_reply() (kernel/proc/supervise.c).
 *
 * The stop is one explicit state, t->fault_stop: FAULT_WAITING (stopped,
 * not reported), FAULT_SEEN (reported; fault_reply may answer), or
 * FAULT_NONE.  It is not FAULT_NONE exactly while t is blocked on
 * BLOCK_FAULT, and supervise_release() is the one way out: it clears the
 * state and wakes t in the same step, so t is woken once, by whichever
 * comes first: the answer, a kill, a restart or its supervisor's exit
 * (task_interrupt).  A kill or a restart withdraws the fault; the answer
 * is then refused.  What t does next is supervise_decision(): a kill wins
 * over a restart, a restart over the answer.  Pure bookkeeping, no user
 * memory: tests/unit/test_supervise.c runs it on the host.
 */
#include "abi/errno.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/supervise.h"
#include "kernel/proc/task.h"

void supervisor_notify(struct task *sup)
{
	if (sup->state == TASK_BLOCKED && sup->blocked_on == BLOCK_SUPERVISE)
		sched_make_runnable(sup);
	if (sup->sup_ntf)
		notification_signal(sup->sup_ntf, sup->sup_badge);
}

uint32_t supervise_decision(const struct task *t, long failed)
{
	if (t->work & TW_KILL)
		return FA_KILL;
	if (t->work & TW_RESTART)
		return FA_RESTART;
	return failed ? FA_KILL : t->fault_action;
}

void supervise_release(struct task *t, uint32_t action)
{
	KASSERT(t->fault_stop != FAULT_NONE);
	KASSERT(t->state == TASK_BLOCKED && t->blocked_on == BLOCK_FAULT);
	t->fault_stop = FAULT_NONE;
	t->fault_action = action;
	sched_make_runnable(t);
}

int supervise_stop(struct task *t)
{
	struct task *sup = t->parent;
	KASSERT(t->fault_stop == FAULT_NONE);
	t->fault_action = FA_KILL;
	/* Nobody to ask, or killed or restarted on the way here: nothing to wait for. */
	if (!sup || !sup->supervising || sup->state == TASK_ZOMBIE || task_interrupted(t))
		return 0;
	t->fault_stop = FAULT_WAITING;
	supervisor_notify(sup);
	return 1;
}

uint32_t supervise_fault(struct task *t)
{
	if (supervise_stop(t)) {
		sched_block(BLOCK_FAULT);
		KASSERT(t->fault_stop == FAULT_NONE);
	}
	return supervise_decision(t, 0);
}

struct task *supervise_next_event(struct task *me, struct supmsg *msg, int *children)
{
	*children = 0;
	/* Stops once every child has been seen: a supervisor is woken on every event. */
	for (int i = 0; i < MAX_TASKS && *children < me->nchildren; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_FREE || t->parent != me)
			continue;
		(*children)++;
		if (t->fault_stop == FAULT_WAITING) {
			t->fault_stop = FAULT_SEEN;
			*msg = t->fault;
			return t;
		}
		if (t->state == TASK_ZOMBIE) {
			*msg = (struct supmsg){ 0 };
			msg->kind = SUP_EXIT;
			msg->tid = t->tid;
			msg->vector = t->exit.fault_vector;
			msg->restarts = t->restarts;
			msg->faults = t->faults;
			/* NUL-padded, as tasks start zeroed (fill_message does the same). */
			memcpy(msg->name, t->name, sizeof(msg->name));
			return t;
		}
	}
	return 0;
}

int supervise_answer(const struct task *me, struct task *t, uint32_t answer)
{
	uint32_t action = answer & ~FA_QUIET;
	if (t->parent != me)
		return -E_CHILD;
	/* Not stopped, not yet reported, or withdrawn by a kill or restart. */
	if (t->fault_stop != FAULT_SEEN)
		return -E_STATE;
	if (action != FA_KILL && action != FA_RESUME && action != FA_RESTART)
		return -E_INVAL;
	/* Resuming re-runs the faulting instruction unless we can skip it. */
	if (action == FA_RESUME && t->fault.io_op == IOOP_NONE && t->fault.vector != 3)
		return -E_INVAL;
	supervise_release(t, answer);
	return 0;
}
