/*
 * ipc.c - endpoints: synchronous rendezvous message passing.  A sender and
 * a receiver meet at an endpoint; whichever comes first waits in its queue.
 * A call leaves the caller waiting for a reply, and gives the receiver the
 * one-shot right to answer it (the implicit reply cap, Iris' "call
 * capability"): two kernel entries per round trip.
 *
 * A message is a tag, two words in registers, more words and up to two
 * capabilities through the UTCBs (abi/ipc.h).  The message of a
 * queued sender stays in its saved registers and UTCB until a receiver
 * takes it, so queueing copies nothing.
 *
 * A reply cap is (caller tid, cookie); it answers only if that caller still
 * waits for that call, so a reply to a caller that died or was killed does
 * nothing.  A reply cap that goes away unused (deleted, overwritten by the
 * next receive, or its holder exits or restarts) fails the call with E_DEAD
 * instead of leaving the caller blocked forever.
 */
#include "arch/i386/trapframe.h"
#include "abi/errno.h"
#include "abi/ipc.h"
#include "kernel/object/epqueue.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

_Static_assert(sizeof(struct utcb) <= 4096, "the UTCB is one page");

static struct endpoint endpoints[MAX_ENDPOINTS];
uint32_t ipc_cookie_seq;

struct endpoint *endpoint_alloc(int owner)
{
	for (int i = 0; i < MAX_ENDPOINTS; i++)
		if (!endpoints[i].refs) {
			endpoints[i] = (struct endpoint){ .owner = owner };
			return &endpoints[i];
		}
	return 0;
}

void endpoint_pool_use(int tid, int *mine, int *free)
{
	*mine = *free = 0;
	for (int i = 0; i < MAX_ENDPOINTS; i++) {
		*free += !endpoints[i].refs;
		*mine += endpoints[i].refs && endpoints[i].owner == tid;
	}
}

/*
 * An object counts against its maker for as long as it lives, wherever its
 * caps went, so a task cannot launder its quota by handing caps away; a
 * tid is never reused, so a dead maker's objects count against nobody.
 */
int kobj_may_create(enum cap_type type, const struct task *t, int is_root)
{
	int mine, free;
	if (type == CAP_ENDPOINT)
		endpoint_pool_use(t->tid, &mine, &free);
	else
		notification_pool_use(t->tid, &mine, &free);
	if (is_root)
		return free > 0;
	return mine < KOBJ_TASK_QUOTA && free > KOBJ_ROOT_RESERVE;
}

int endpoint_index(const struct endpoint *ep)
{
	return (int)(ep - endpoints);
}

struct endpoint *endpoint_at(int i)
{
	return &endpoints[i];
}

/* ---- queues ---- */

void ipc_wake(struct task *t, long result)
{
	t->ipc_result = result;
	sched_make_runnable(t);
}

/* The other side of a call or reply: it runs as soon as we block. */
static void hand_to(struct task *t, long result)
{
	t->ipc_result = result;
	sched_make_runnable_next(t);
}

static void endpoint_flush(struct endpoint *ep)
{
	while (ep->head)
		ipc_wake(ep_pop(ep), -E_DEAD);
}

/* ---- moving a message ---- */

/* The caps named in from's UTCB go to the receive slots in to's UTCB; returns how many did. */
static uint32_t transfer_caps(struct task *from, uint32_t n, struct task *to)
{
	uint32_t got = 0;
	KASSERT_HOT(n <= IPC_CAPS);              /* ipc_check_msg */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t want = from->utcb->send_cap[i];
		struct cap *src, *dst;
		/* Checked at send time; rechecked, as a revoke may have emptied it since. */
		if (cap_lookup(&from->cs, want & ~IPC_CAP_MOVE, &src) ||
		    cap_empty_slot(&to->cs, to->utcb->recv_slot[got], &dst))
			continue;
		if (want & IPC_CAP_MOVE)
			cap_move(src, dst);
		else if (src->type != CAP_REPLY)
			cap_insert_child(src, dst, src);
		else
			continue;
		got++;
	}
	if (n)
		caps_commit();
	return got;
}

void ipc_deliver(struct task *from, const struct ipc_kmsg *m, struct task *to)
{
	uint32_t words = IPC_TAG_WORDS(m->tag);
	KASSERT_HOT(words <= IPC_WORDS);         /* ipc_check_msg, or the fast path's short_message */
	for (uint32_t i = IPC_REG_WORDS; i < words; i++)
		to->utcb->mr[i] = from->utcb->mr[i];
	uint32_t caps = m->grant ? transfer_caps(from, IPC_TAG_CAPS(m->tag), to) : 0;
	struct trapframe *tf = task_user_frame(to);
	tf->ebx = m->badge;
	tf->esi = IPC_TAG(IPC_TAG_LABEL(m->tag), words, caps);
	tf->edi = m->w0;
	tf->ebp = m->w1;
}

/*
 * A fault message, written by the kernel into t->fault (kernel/proc/fault.c):
 * its words go as they are (abi/fault.h) straight into the receiver's
 * registers and UTCB, never through t's own UTCB, whose words belong to
 * whatever t was doing when it faulted.
 */
static void fault_deliver(const struct task *t, uint32_t badge, struct task *to)
{
	const uint32_t *w = t->fault.word;
	struct trapframe *tf = task_user_frame(to);
	tf->ebx = badge;
	tf->esi = IPC_TAG(IPC_LABEL_FAULT, FAULT_MSG_WORDS, 0);
	tf->edi = w[0];
	tf->ebp = w[1];
	/* Words 2-7 one by one: a loop costs the denied-`in` round trip a dozen instructions. */
	_Static_assert(FAULT_MSG_WORDS == 8, "fault_deliver copies words 2-7");
	to->utcb->mr[2] = w[2];
	to->utcb->mr[3] = w[3];
	to->utcb->mr[4] = w[4];
	to->utcb->mr[5] = w[5];
	to->utcb->mr[6] = w[6];
	to->utcb->mr[7] = w[7];
}

/* A sender's message into to: a fault's words come from the kernel, not from the sender. */
static void deliver_message(struct task *from, const struct ipc_kmsg *m, struct task *to)
{
	if (from->fault_call)
		fault_deliver(from, m->badge, to);
	else
		ipc_deliver(from, m, to);
}

/* What a queued sender offers: its registers as it entered, and its cap's badge. */
static struct ipc_kmsg queued_msg(const struct task *t)
{
	const struct trapframe *tf = task_user_frame(t);
	return (struct ipc_kmsg){ tf->esi, tf->edi, tf->ebp, t->ipc_badge,
				  (t->ipc_rights & EPR_GRANT) != 0 };
}

int ipc_check_msg(const struct task *t, uint32_t tag, int may_grant)
{
	if (IPC_TAG_WORDS(tag) > IPC_WORDS || IPC_TAG_CAPS(tag) > IPC_CAPS ||
	    IPC_TAG_LABEL(tag) == IPC_LABEL_NOTIFY || IPC_TAG_LABEL(tag) == IPC_LABEL_FAULT)
		return -E_INVAL;
	if (IPC_TAG_CAPS(tag) && !may_grant)
		return -E_PERM;
	for (uint32_t i = 0; i < IPC_TAG_CAPS(tag); i++) {
		struct cap *c;
		uint32_t want = t->utcb->send_cap[i];
		int r = cap_lookup((struct cspace *)&t->cs, want & ~IPC_CAP_MOVE, &c);
		if (r)
			return r;
		if (c->type == CAP_REPLY && !(want & IPC_CAP_MOVE))
			return -E_PERM;     /* one-shot: it can move, never multiply */
	}
	return 0;
}

int ipc_check_reply(const struct task *t, const struct capreply *r, uint32_t tag)
{
	int err = ipc_check_msg(t, tag, 1);
	if (err)
		return err;
	/* The answer to a fault is an action, checked as fault_reply checks it. */
	const struct task *caller = waiting_caller(r);
	if (caller && caller->fault_call)
		return fault_answer_check(&caller->fault, IPC_TAG_LABEL(tag));
	return 0;
}

/* ---- the operations ---- */

long ipc_send(struct task *me, struct endpoint *ep, const struct ipc_kmsg *m, uint32_t rights,
	      int call)
{
	if (!ep->recv_refs)
		return -E_DEAD;
	if (ep->kind == EPQ_RECV) {
		struct task *rx = ep_pop(ep);
		deliver_message(me, m, rx);
		if (!call) {
			ipc_wake(rx, 0);
			return 0;
		}
		me->call_cookie = ipc_new_cookie();
		rx->reply = (struct capreply){ me->tid, me->call_cookie };
		hand_to(rx, 0);
		sched_block(BLOCK_REPLY);
		return me->ipc_result;
	}
	me->ipc_badge = m->badge;
	me->ipc_rights = rights;
	me->ipc_call = call;
	ep_enqueue(ep, me, EPQ_SEND);
	sched_block(BLOCK_SEND);
	return me->ipc_result;
}

long ipc_recv(struct task *me, struct endpoint *ep)
{
	if (task_interrupted(me))
		return -E_DEAD;          /* a restart waits for exactly this moment */
	struct notification *n = me->ntf_bound;
	if (n && n->word) {
		notification_take(n, me);
		return 0;
	}
	if (ep->kind == EPQ_SEND) {
		struct task *tx = ep_pop(ep);
		struct ipc_kmsg m = queued_msg(tx);
		deliver_message(tx, &m, me);
		if (tx->ipc_call) {
			tx->call_cookie = ipc_new_cookie();
			tx->blocked_on = BLOCK_REPLY;
			me->reply = (struct capreply){ tx->tid, tx->call_cookie };
		} else
			ipc_wake(tx, 0);
		return 0;
	}
	ep_enqueue(ep, me, EPQ_RECV);
	sched_block(BLOCK_RECV);
	return me->ipc_result;
}

long ipc_reply(struct task *me, const struct capreply *r, const struct ipc_kmsg *m)
{
	struct task *caller = waiting_caller(r);
	if (!caller)
		return -E_DEAD;
	KASSERT_HOT(caller != me);               /* a caller waits: it is not running */
	/* The answer to a fault is an action for the kernel, not registers for the task. */
	if (caller->fault_call)
		caller->fault_action = IPC_TAG_LABEL(m->tag);
	else
		ipc_deliver(me, m, caller);
	hand_to(caller, 0);
	return 0;
}

/* An ordinary call, but its words are t->fault's (fault_deliver; t->fault_call says so). */
long ipc_fault_call(struct task *t)
{
	struct ipc_kmsg m = { IPC_TAG(IPC_LABEL_FAULT, FAULT_MSG_WORDS, 0), 0, 0,
			      t->fault_cap.obj.badge, 0 };
	/* One fault call at a time, on the endpoint fault_ep named (kernel/proc/fault.c). */
	KASSERT_HOT(!t->fault_call && t->fault_cap.type == CAP_ENDPOINT);
	t->fault_call = 1;
	t->fault_action = FA_KILL;
	return ipc_send(t, t->fault_cap.obj.obj, &m, EPR_SEND, 1);
}

void reply_discard(const struct capreply *r)
{
	struct task *caller = waiting_caller(r);
	if (caller)
		ipc_wake(caller, -E_DEAD);
}

/* The implicit reply cap is dropped unused: fail that call now. */
void ipc_drop_reply(struct task *t)
{
	if (!t->reply.tid)
		return;
	struct capreply r = t->reply;
	t->reply.tid = 0;
	reply_discard(&r);
}

void ipc_cancel(struct task *t)
{
	if (t->state != TASK_BLOCKED)
		return;
	if ((t->blocked_on == BLOCK_SEND || t->blocked_on == BLOCK_RECV) && t->ipc_ep)
		ep_remove(t->ipc_ep, t);
	if (t->blocked_on == BLOCK_NOTIFY)
		notification_cancel_wait(t);
	/* Now on no queue but the run queue it may join next. */
	KASSERT(t->ipc_ep == 0 && t->ntf_waiting == 0);
	t->ipc_result = -E_DEAD;
}

void ipc_task_reset(struct task *t)
{
	ipc_drop_reply(t);
	for (int i = 0; i < CSPACE_SLOTS; i++)
		if (t->cs.slot[i].type == CAP_REPLY)
			cap_delete(&t->cs.slot[i]);
	notification_unbind(t);
	notification_hold(&t->sup_ntf, 0);
}

/*
 * Revocation is immediate: a task queued to send or receive with the cap
 * in slot leaves the queue now, and its call returns E_EMPTY (what it would
 * return if it started now), so a revoked receiver never gets the next
 * message - on the slow path or the fast one, which only ever takes the
 * head of the queue.  The slot it called with is still in its saved ebx
 * (abi/ipc.h): a queued task's registers are only written when it
 * is taken off the queue.  A fault call is the kernel's own (fault_cap).
 */
void endpoint_cap_gone(struct task *t, const struct endpoint *ep, uint32_t slot)
{
	if (t->state != TASK_BLOCKED || (t->blocked_on != BLOCK_SEND && t->blocked_on != BLOCK_RECV) ||
	    t->ipc_ep != ep || task_user_frame(t)->ebx != slot || t->fault_call)
		return;
	ep_remove(t->ipc_ep, t);
	ipc_wake(t, -E_EMPTY);
}

void ipc_fault_call_cancel(struct task *t)
{
	if (t->state == TASK_BLOCKED && t->blocked_on == BLOCK_SEND && t->fault_call && t->ipc_ep) {
		ep_remove(t->ipc_ep, t);
		ipc_wake(t, -E_DEAD);
	}
}

void endpoint_ref(struct endpoint *ep, int recv, int delta)
{
	ep->refs += delta;
	if (recv)
		ep->recv_refs += delta;
	KASSERT(ep->refs >= 0 && ep->recv_refs >= 0);
	/* Nobody left to receive: queued senders would wait forever. */
	if (!ep->recv_refs)
		endpoint_flush(ep);
}
