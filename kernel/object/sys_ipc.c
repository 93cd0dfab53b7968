/*
 * sys_ipc.c - the IPC system calls: creating endpoints and notifications,
 * minting badged caps, and send / call / recv / reply / reply_recv.  Each
 * decodes every argument (slot, type, rights, tag, the caps a message
 * names) before anything moves; kernel/object/ipc.c and kernel/object/notify.c then
 * cannot fail except for the other side being gone (E_DEAD).
 */
#include "arch/i386/trapframe.h"
#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/api/syscall.h"
#include "kernel/proc/task.h"

#define ERR(r) user_error((enum pc_error)-(r))

static long create(uint32_t dst_slot, enum cap_type type)
{
	struct cap *dst;
	long r = cap_decode_empty(&current()->cs, dst_slot, &dst);
	if (r)
		return r;
	struct task *me = current();
	if (!kobj_may_create(type, me, me == task_root()))
		return user_error(E_NOMEM);
	void *obj = type == CAP_ENDPOINT ? (void *)endpoint_alloc(me->tid)
					 : (void *)notification_alloc(me->tid);
	struct cap val = { .type = type };
	val.obj = (struct capobj){ obj, 0, type == CAP_ENDPOINT ? EPR_ALL : NTR_ALL };
	cap_install_root(dst, &val);
	return 0;
}

/* ep_create(dst): a new endpoint; dst gets an unbadged cap with every right. */
SYSCALL(ep_create)
{
	return create(a->dst, CAP_ENDPOINT);
}

SYSCALL(ntf_create)
{
	return create(a->dst, CAP_NOTIFY);
}

/*
 * cap_mint(src, dst, value, rights): a child cap with fewer rights and, from
 * an unbadged endpoint or notification cap, a badge (value); from an Irq
 * cap, the sub-mask of lines value.  A badge cannot be changed once set,
 * so a server can trust it to name the client it gave the cap to.
 */
SYSCALL(cap_mint)
{
	struct cap *src, *dst;
	long r = cap_decode(a->src, CAP_NULL, 0, &src);
	if (!r)
		r = cap_decode_empty(&current()->cs, a->dst, &dst);
	if (r)
		return r;
	struct cap val = *src;
	if (src->type == CAP_IRQ) {
		if (!a->value || (a->value & ~src->irq_mask))
			return user_error(E_PERM);
		val.irq_mask = a->value;
	} else if (src->type == CAP_ENDPOINT || src->type == CAP_NOTIFY) {
		if (a->rights & ~src->obj.rights)
			return user_error(E_PERM);
		if (a->value && src->obj.badge)
			return user_error(E_PERM);
		val.obj.rights = a->rights;
		if (a->value)
			val.obj.badge = a->value;
	} else
		return user_error(E_TYPE);
	cap_insert_child(src, dst, &val);
	return 0;
}

/* ---- messages ---- */

static long send_common(uint32_t slot, uint32_t tag, uint32_t w0, uint32_t w1, int call)
{
	struct task *me = current();
	struct cap *c;
	long r = cap_decode(slot, CAP_NULL, 0, &c);
	if (r)
		return r;
	/* Sending on a saved reply cap answers that call, once. */
	if (c->type == CAP_REPLY && !call) {
		if ((r = ipc_check_msg(me, tag, 1)))
			return ERR(r);
		struct capreply rep = c->reply;
		struct ipc_kmsg m = { tag, w0, w1, 0, 1 };
		long res = ipc_reply(me, &rep, &m);
		/* The message may have moved the cap itself; delete it only if it is still here. */
		if (c->type == CAP_REPLY && c->reply.tid == rep.tid && c->reply.cookie == rep.cookie)
			cap_delete(c);
		return res < 0 ? user_error(E_DEAD) : 0;
	}
	if ((r = cap_check(c, CAP_ENDPOINT, EPR_SEND)))
		return r;
	uint32_t rights = c->obj.rights;
	if ((r = ipc_check_msg(me, tag, (rights & EPR_GRANT) != 0)))
		return ERR(r);
	struct ipc_kmsg m = { tag, w0, w1, c->obj.badge, (rights & EPR_GRANT) != 0 };
	return ipc_send(me, c->obj.obj, &m, rights, call);
}

/* ipc_send(slot, tag, w0, w1): blocks until a receiver takes the message. */
SYSCALL(ipc_send)
{
	return send_common(a->slot, a->tag, a->w0, a->w1, 0);
}

/* ipc_call(slot, tag, w0, w1): send, then wait for the reply (in the same registers). */
SYSCALL(ipc_call)
{
	return send_common(a->slot, a->tag, a->w0, a->w1, 1);
}

static long decode_recv(uint32_t slot, struct endpoint **ep)
{
	struct cap *c;
	long r = cap_decode(slot, CAP_ENDPOINT, EPR_RECV, &c);
	if (!r)
		*ep = c->obj.obj;
	return r;
}

/* ipc_recv(slot): the next message: ebx badge, esi tag, edi/ebp words. */
SYSCALL(ipc_recv)
{
	struct endpoint *ep;
	long r = decode_recv(a->slot, &ep);
	if (r)
		return r;
	ipc_drop_reply(current());
	return ipc_recv(current(), ep);
}

static long reply_implicit(struct task *me, uint32_t tag, uint32_t w0, uint32_t w1)
{
	struct capreply rep = me->reply;
	struct ipc_kmsg m = { tag, w0, w1, 0, 1 };
	me->reply.tid = 0;
	return ipc_reply(me, &rep, &m);
}

/* ipc_reply(-, tag, w0, w1): answers the call last received.  E_DEAD if the caller is gone. */
SYSCALL(ipc_reply)
{
	struct task *me = current();
	int r = ipc_check_msg(me, a->tag, 1);
	if (r)
		return ERR(r);
	if (!me->reply.tid)
		return user_error(E_EMPTY);
	return reply_implicit(me, a->tag, a->w0, a->w1) < 0 ? user_error(E_DEAD) : 0;
}

/* ipc_reply_recv(slot, tag, w0, w1): reply if a call is pending, then receive. */
SYSCALL(ipc_reply_recv)
{
	struct task *me = current();
	struct endpoint *ep;
	long r = decode_recv(a->slot, &ep);
	if (r)
		return r;
	if (me->reply.tid && (r = ipc_check_msg(me, a->tag, 1)))
		return ERR(r);
	/* A caller that went away meanwhile is no reason not to serve the next. */
	if (me->reply.tid) {
		reply_implicit(me, a->tag, a->w0, a->w1);
		/* The reply may have moved the receive cap itself away. */
		if ((r = decode_recv(a->slot, &ep)))
			return r;
	}
	return ipc_recv(me, ep);
}

/* reply_save(dst): keeps the pending call's reply cap, to answer later (send on it). */
SYSCALL(reply_save)
{
	struct task *me = current();
	struct cap *dst;
	long r = cap_decode_empty(&me->cs, a->dst, &dst);
	if (r)
		return r;
	if (!me->reply.tid)
		return user_error(E_EMPTY);
	struct cap val = { .type = CAP_REPLY, .reply = me->reply };
	me->reply.tid = 0;
	cap_install_root(dst, &val);
	return 0;
}

/* ---- notifications ---- */

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
