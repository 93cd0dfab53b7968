/*
 * supervise.c - faults as messages to a supervisor.
 *
 * A task's supervisor is its parent, once the parent has called
 * supervise().  A child that faults is stopped and the facts go to the
 * supervisor as a message; the supervisor's fault_reply() chooses kill,
 * resume (skip a trapped I/O instruction or a breakpoint) or restart (a
 * fresh incarnation with the same capabilities).  Policy lives in the
 * supervisor, in ring 3; the kernel only carries it out.  A task whose
 * parent does not supervise is killed on any fault.
 *
 * A stopped task is woken exactly once, by whichever comes first: the
 * answer, a kill, a restart, or its supervisor's exit (which kills it).
 * A kill or a restart withdraws the fault: its answer is then refused
 * (E_STATE; on a fault endpoint the reply finds no caller, E_DEAD), and a
 * restart wins over the fault on both paths, a kill over everything.
 */
#include "kernel/abi/ipc.h"
#include "kernel/ipc.h"
#include "kernel/lib.h"
#include "kernel/sched.h"
#include "kernel/supervise.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

void supervisor_notify(struct task *sup)
{
	if (sup->state == TASK_BLOCKED && sup->blocked_on == BLOCK_SUPERVISE)
		sched_make_runnable(sup);
	if (sup->sup_ntf)
		notification_signal(sup->sup_ntf, sup->sup_badge);
}

uint32_t supervise_decision(const struct task *t, long failed)
{
	if (t->killed_by)
		return FA_KILL;
	if (t->restart_pending)
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

uint32_t supervise_fault(struct task *t)
{
	struct task *sup = t->parent;
	KASSERT(t->fault_stop == FAULT_NONE);
	if (!sup || !sup->supervising || sup->state == TASK_ZOMBIE)
		return FA_KILL;
	t->fault_action = FA_KILL;
	/* Killed or restarted on the way here: nothing to ask. */
	if (task_interrupted(t))
		return supervise_decision(t, 0);
	t->fault_stop = FAULT_WAITING;
	supervisor_notify(sup);
	sched_block(BLOCK_FAULT);
	KASSERT(t->fault_stop == FAULT_NONE);
	return supervise_decision(t, 0);
}

static struct task *next_event(struct task *me, struct supmsg *msg, int *children)
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
			strlcpy(msg->name, t->name, sizeof(msg->name));
			return t;
		}
	}
	return 0;
}

/*
 * supervise(msg, flags): blocks until a child faults or has exited (with
 * SUP_POLL: E_AGAIN if none has).  An exited child stays a zombie, and is
 * reported again, until wait() reaps it.
 */
SYSCALL(supervise)
{
	struct task *me = current();
	struct supmsg msg;
	int children;
	if (!user_writable(&me->as, uptr(a0), sizeof(msg)))
		return user_error(E_FAULT);
	me->supervising = 1;
	for (;;) {
		struct task *t = next_event(me, &msg, &children);
		if (t) {
			if (copyout(&me->as, uptr(a0), &msg, sizeof(msg))) {
				t->fault_stop = FAULT_WAITING;
				return user_error(E_FAULT);
			}
			return 0;
		}
		if (!children)
			return user_error(E_CHILD);
		if (a1 & SUP_POLL)
			return -E_AGAIN;
		if (task_interrupted(me))
			return -E_SRCH;
		sched_block(BLOCK_SUPERVISE);
	}
}

SYSCALL(fault_reply)
{
	struct task *t = task_lookup((int)a0);
	uint32_t action = a1 & ~FA_QUIET;
	if (!t)
		return user_error(E_SRCH);
	if (t->parent != current())
		return user_error(E_CHILD);
	/* Not stopped, not yet reported, or withdrawn by a kill or restart. */
	if (t->fault_stop != FAULT_SEEN)
		return user_error(E_STATE);
	if (action != FA_KILL && action != FA_RESUME && action != FA_RESTART)
		return user_error(E_INVAL);
	/* Resuming re-runs the faulting instruction unless we can skip it. */
	if (action == FA_RESUME && t->fault.io_op == IOOP_NONE && t->fault.vector != 3)
		return user_error(E_INVAL);
	supervise_release(t, a1);
	return 0;
}

void fault_ep_drop(struct task *t)
{
	if (t->fault_cap.type == CAP_NULL)
		return;
	struct cap old = t->fault_cap;
	t->fault_cap = (struct cap){ .type = CAP_NULL };
	kobj_ref(&old, -1);
}

/*
 * fault_ep(tid, ep_slot): the child tid's faults go as messages (label
 * IPC_LABEL_FAULT) to the endpoint in ep_slot, which needs the send right;
 * the message carries that cap's badge.  FAULT_EP_NONE: back to
 * supervise().  The kernel keeps its own send-only reference, outside any
 * cspace: the child holds nothing, and deleting the supervisor's caps
 * does not undo it (a fault then finds nobody to receive and kills).
 */
SYSCALL(fault_ep)
{
	struct task *me = current();
	struct task *t = task_lookup((int)a0);
	struct cap *c = 0;
	if (!t)
		return user_error(E_SRCH);
	if (t->parent != me)
		return user_error(E_CHILD);
	if (a1 != FAULT_EP_NONE) {
		int r = cap_lookup(&me->cs, a1, &c);
		if (r)
			return user_error((enum pc_error)-r);
		if (c->type != CAP_ENDPOINT)
			return user_error(E_TYPE);
		if (!(c->obj.rights & EPR_SEND))
			return user_error(E_PERM);
	}
	fault_ep_drop(t);
	if (c) {
		t->fault_cap = (struct cap){ .type = CAP_ENDPOINT };
		t->fault_cap.obj = (struct capobj){ c->obj.obj, c->obj.badge, EPR_SEND };
		kobj_ref(&t->fault_cap, +1);
	}
	return 0;
}

/*
 * supervise_bind(ntf slot): also signal this notification (its badge) on
 * every child event, so a supervisor that serves requests in ipc_recv
 * learns of faults there and fetches them with supervise(msg, SUP_POLL).
 */
SYSCALL(supervise_bind)
{
	struct task *me = current();
	struct notification *n;
	uint32_t badge;
	int r = notification_decode_signal(me, a0, &n, &badge);
	if (r)
		return user_error((enum pc_error)-r);
	notification_hold(&me->sup_ntf, n);
	me->sup_badge = badge ? badge : 1;
	me->supervising = 1;
	return 0;
}
