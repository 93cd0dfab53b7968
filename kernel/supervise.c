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

uint32_t supervise_fault(struct task *t)
{
	struct task *sup = t->parent;
	if (!sup || !sup->supervising || sup->state == TASK_ZOMBIE)
		return FA_KILL;
	t->fault_pending = 1;
	t->fault_delivered = 0;
	t->fault_action = FA_KILL;
	supervisor_notify(sup);
	while (t->fault_pending && !task_interrupted(t))
		sched_block(BLOCK_FAULT);
	t->fault_pending = 0;
	return t->killed_by ? FA_KILL : t->fault_action;
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
		if (t->fault_pending && !t->fault_delivered) {
			t->fault_delivered = 1;
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
				t->fault_delivered = 0;
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
	if (!t->fault_pending || !t->fault_delivered)
		return user_error(E_STATE);
	if (action != FA_KILL && action != FA_RESUME && action != FA_RESTART)
		return user_error(E_INVAL);
	/* Resuming re-runs the faulting instruction unless we can skip it. */
	if (action == FA_RESUME && t->fault.io_op == IOOP_NONE && t->fault.vector != 3)
		return user_error(E_INVAL);
	t->fault_action = a1;
	t->fault_pending = 0;
	sched_make_runnable(t);
	return 0;
}

void fault_ep_drop(struct task *t)
{
	if (t->fault_cap.type == CAP_NULL)
		return;
	struct cap old = t->fault_cap;
	/* A fault already queued there was sent with this reference: it fails with it. */
	ipc_fault_call_cancel(t);
	t->fault_cap = (struct cap){ .type = CAP_NULL };
	kobj_ref(&old, -1);
}

/*
 * fault_ep(tid, ep_slot): the child tid's faults go as messages (label
 * IPC_LABEL_FAULT) to the endpoint in ep_slot, which needs the send right;
 * the message carries that cap's badge.  FAULT_EP_NONE: back to
 * supervise().  The kernel keeps its own send-only reference, outside any
 * cspace (the child holds nothing), for as long as the supervisor keeps
 * the cap in ep_slot: when that cap leaves its slot (deleted, revoked,
 * moved), faults go back to supervise() (kernel/lifecycle.c).  A zombie
 * child is refused (E_SRCH): nothing would ever drop the reference.
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
	if (t->state == TASK_ZOMBIE)
		return user_error(E_SRCH);
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
		t->fault_src_slot = a1;
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
	me->sup_ntf_slot = a0;
	me->supervising = 1;
	return 0;
}
