/*
 * endpoint.c - the calls of the Endpoint and Reply capabilities: a new
 * endpoint, and send / call / recv / reply / reply_recv, and keeping a
 * call's reply cap (reply_save).  Each decodes every argument (slot, type,
 * rights, tag, the caps a message names) before anything moves; the
 * mechanism, kernel/object/ipc.c, then cannot fail except for the other side
 * being gone (E_DEAD).  The common round trip skips these (the fast path,
 * kernel/api/fastpath.c).
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

/* ep_create(dst): a new endpoint; dst gets an unbadged cap with every right. */
SYSCALL(ep_create)
{
	return kobj_create(a->dst, CAP_ENDPOINT);
}

static long send_common(uint32_t slot, uint32_t tag, uint32_t w0, uint32_t w1, int call)
{
	struct task *me = current();
	struct cap *c;
	long r = cap_decode(slot, CAP_NULL, 0, &c);
	if (r)
		return r;
	/* Sending on a saved reply cap answers that call, once. */
	if (c->type == CAP_REPLY && !call) {
		if ((r = ipc_check_reply(me, &c->reply, tag)))
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
	int r = ipc_check_reply(me, &me->reply, a->tag);
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
	if (me->reply.tid && (r = ipc_check_reply(me, &me->reply, a->tag)))
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
