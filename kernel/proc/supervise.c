/*
 * supervise.c - faults as messages to a supervisor.
 *
 * A task's supervisor is its parent, once the parent has called
 * supervise().  A child that faults is stopped and the facts go to the
 * supervisor as a message; the supervisor's fault_reply() chooses kill,
 * resume (skip a trapped I/O instruction or a breakpoint) or restart (a
 * fresh incarnation with the same capabilities).  Policy lives in the
 * supervisor, in ring 3; the kernel only carries it out.  A task whose
 * parent does not supervise is killed on any fault.  The stopped task's
 * state and its transitions are kernel/proc/faultstop.c; here are the system
 * calls.  A kill or a restart withdraws a fault: its answer is then
 * refused (E_STATE; on a fault endpoint the reply finds no caller,
 * E_DEAD), and a restart wins over the fault on both paths.  An answer the
 * fault does not take is E_INVAL on both (abi/fault.h:fault_answer_check).
 */
#include "abi/ipc.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/supervise.h"
#include "kernel/object/decode.h"
#include "kernel/proc/task.h"
#include "kernel/mm/uaccess.h"

/*
 * supervise(msg, flags): blocks until a child faults or has exited (with
 * SUP_POLL: E_AGAIN if none has).  An exited child stays a zombie, and is
 * reported again, until wait() reaps it.
 */
SYSCALL(supervise)
{
	struct task *me = current();
	struct supmsg exit_msg;
	struct task *t;
	int children;
	if (!user_writable(&me->as, a->msg, sizeof(exit_msg)))
		return user_error(E_FAULT);
	me->supervising = 1;
	for (;;) {
		/* A fault's message goes out as the fault wrote it, not through a copy. */
		const struct supmsg *msg = supervise_next_event(me, &exit_msg, &t, &children);
		if (msg) {
			if (copyout(&me->as, a->msg, msg, sizeof(*msg))) {
				if (msg->kind == SUP_FAULT)      /* not seen after all */
					t->fault_stop = FAULT_WAITING;
				return user_error(E_FAULT);
			}
			return 0;
		}
		if (!children)
			return user_error(E_CHILD);
		if (a->flags & SUP_POLL)
			return -E_AGAIN;
		if (task_interrupted(me))
			return -E_SRCH;
		sched_block(BLOCK_SUPERVISE);
	}
}

SYSCALL(fault_reply)
{
	struct task *t = task_lookup(a->tid);
	if (!t)
		return user_error(E_SRCH);
	int r = supervise_answer(current(), t, a->action);
	return r ? user_error((enum pc_error)-r) : 0;
}

void fault_ep_drop(struct task *t)
{
	if (t->fault_cap.type == CAP_NULL)
		return;
	struct cap old = t->fault_cap;
	/* A fault already queued there was sent with this reference: it fails with it. */
	ipc_fault_call_cancel(t);
	t->fault_cap = (struct cap){ .type = CAP_NULL };
	endpoint_ref(old.obj.obj, 0, -1);
}

/*
 * fault_ep(tid, ep_slot): the child tid's faults go as messages (label
 * IPC_LABEL_FAULT) to the endpoint in ep_slot, which needs the send right;
 * the message carries that cap's badge.  FAULT_EP_NONE: back to
 * supervise().  The kernel keeps its own send-only reference, outside any
 * cspace (the child holds nothing), for as long as the supervisor keeps
 * the cap in ep_slot: when that cap leaves its slot (deleted, revoked,
 * moved), faults go back to supervise() (kernel/object/lifecycle.c).  A zombie
 * child is refused (E_SRCH): nothing would ever drop the reference.
 */
SYSCALL(fault_ep)
{
	struct task *me = current();
	struct task *t = task_lookup(a->tid);
	struct cap *c = 0;
	if (!t)
		return user_error(E_SRCH);
	if (t->parent != me)
		return user_error(E_CHILD);
	if (t->state == TASK_ZOMBIE)
		return user_error(E_SRCH);
	if (a->ep_slot != FAULT_EP_NONE) {
		long r = cap_decode(a->ep_slot, CAP_ENDPOINT, EPR_SEND, &c);
		if (r)
			return r;
	}
	fault_ep_drop(t);
	if (c) {
		t->fault_cap = (struct cap){ .type = CAP_ENDPOINT };
		t->fault_cap.obj = (struct capobj){ c->obj.obj, c->obj.badge, EPR_SEND };
		t->fault_src_slot = a->ep_slot;
		endpoint_ref(c->obj.obj, 0, +1);   /* send only: it keeps no receiver alive */
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
	struct cap *ntf;
	long r = cap_decode(a->ntf_slot, CAP_NOTIFY, NTR_SIGNAL, &ntf);
	if (r)
		return r;
	notification_hold(&me->sup_ntf, ntf->obj.obj);
	me->sup_badge = ntf->obj.badge ? ntf->obj.badge : 1;
	me->sup_ntf_slot = a->ntf_slot;
	me->supervising = 1;
	return 0;
}
