/*
 * notification.c - the calls of the Notification capability: a new one,
 * signal, wait and poll, and binding it to the caller's recv.  Each decodes
 * its cap (type, rights) before acting; the mechanism is
 * kernel/object/notify.c.
 */
#include "arch/i386/trapframe.h"
#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/cnode.h"
#include "kernel/object/decode.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"

SYSCALL(ntf_create)
{
	return kobj_create(a->dst, CAP_NOTIFY);
}

/* ntf_signal(slot): ORs the cap's badge (1 if unbadged) into the word. */
SYSCALL(ntf_signal)
{
	struct cap *c;
	long r = cap_decode(a->slot, CAP_NOTIFY, NTR_SIGNAL, &c);
	if (r)
		return r;
	notification_signal(c->obj.obj, c->obj.badge ? c->obj.badge : 1);
	return 0;
}

/* ntf_wait(slot) blocks until bits are set; ntf_poll(slot) does not.  The bits come in ebx. */
static long wait_common(uint32_t slot, int block)
{
	struct task *me = current();
	struct cap *c;
	long r = cap_decode(slot, CAP_NOTIFY, NTR_WAIT, &c);
	if (r)
		return r;
	struct notification *n = c->obj.obj;
	if (n->word || !block) {
		notification_take(n, me);
		return 0;
	}
	if (n->waiter || (n->bound && n->bound != me))
		return user_error(E_STATE);
	n->waiter = me;
	me->ntf_waiting = n;
	sched_block(BLOCK_NOTIFY);
	return me->ipc_result;
}

SYSCALL(ntf_wait)
{
	return wait_common(a->slot, 1);
}

SYSCALL(ntf_poll)
{
	return wait_common(a->slot, 0);
}

/* ntf_bind(slot): recv also returns this notification's bits; IPC_NO_SLOT unbinds. */
SYSCALL(ntf_bind)
{
	struct task *me = current();
	struct cap *c;
	if (a->slot == IPC_NO_SLOT) {
		notification_unbind(me);
		return 0;
	}
	long r = cap_decode(a->slot, CAP_NOTIFY, NTR_WAIT, &c);
	if (r)
		return r;
	struct notification *n = c->obj.obj;
	if ((n->bound && n->bound != me) || n->waiter)
		return user_error(E_STATE);
	notification_unbind(me);
	n->bound = me;
	me->ntf_bound = n;
	me->ntf_bound_slot = a->slot;
	return 0;
}
