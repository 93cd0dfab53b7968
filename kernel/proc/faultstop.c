/*
 * faultstop.c - a task stopped at a fault until its supervisor answers.
 * fault_ask() is the one way a fault reaches the supervisor, through either
 * face: a call on the task's fault endpoint (kernel/object/ipc.c), or a
 * stop that supervise() reports and fault_reply() answers (the system
 * calls are kernel/proc/supervise.c).  Either way the message is t->fault
 * (abi/fault.h), the answer passes fault_answer_check(), and what t does
 * next is supervise_decision().
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

uint32_t fault_ask(struct task *t)
{
	long failed = 0;
	if (t->fault_cap.type == CAP_ENDPOINT) {
		failed = ipc_fault_call(t);
		t->fault_call = 0;
	} else if (supervise_stop(t)) {
		sched_block(BLOCK_FAULT);
		KASSERT(t->fault_stop == FAULT_NONE);
	}
	return supervise_decision(t, failed);
}

const struct supmsg *supervise_next_event(struct task *me, struct supmsg *exit_msg,
					  struct task **child, int *children)
{
	*children = 0;
	/* Stops once every child has been seen: a supervisor is woken on every event. */
	for (int i = 0; i < MAX_TASKS && *children < me->nchildren; i++) {
		struct task *t = &tasks[i];
		if (t->state == TASK_FREE || t->parent != me)
			continue;
		(*children)++;
		*child = t;
		if (t->fault_stop == FAULT_WAITING) {
			t->fault_stop = FAULT_SEEN;
			return &t->fault;
		}
		if (t->state == TASK_ZOMBIE) {
			*exit_msg = (struct supmsg){ 0 };
			exit_msg->kind = SUP_EXIT;
			exit_msg->tid = t->tid;
			exit_msg->vector = (signed char)t->exit.fault_vector;
			exit_msg->restarts = t->restarts;
			exit_msg->faults = t->faults;
			/* NUL-padded, as tasks start zeroed (fill_message does the same). */
			memcpy(exit_msg->name, t->name, sizeof(exit_msg->name));
			return exit_msg;
		}
	}
	return 0;
}

int supervise_answer(const struct task *me, struct task *t, uint32_t answer)
{
	if (t->parent != me)
		return -E_CHILD;
	/* Not stopped, not yet reported, or withdrawn by a kill or restart. */
	if (t->fault_stop != FAULT_SEEN)
		return -E_STATE;
	int r = fault_answer_check(&t->fault, answer);
	if (r)
		return r;
	supervise_release(t, answer);
	return 0;
}
