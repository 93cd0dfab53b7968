/*
 * test_ipc.c - kernel/object/ipc.c and kernel/object/notify.c on top of the real
 * kernel/object/cspace.c (cap_ref_hook = kobj_ref, as kernel/boot/main.c sets it) and
 * the fake scheduler and task table of fake_sched.h: endpoint queues,
 * messages and capabilities in them, replies, cancellation, the lifetime
 * of endpoints and notifications, and notifications themselves.
 *
 * The *_op helpers do what kernel/object/endpoint.c and notification.c
 * do around each kernel function: set the registers the task entered with, check the message
 * (ipc_check_msg), drop the implicit reply before a receive, and make the
 * task current for the call.  Nothing really blocks (fake_sched.h): a
 * call that blocks returns PENDING, the ipc_result each op starts with,
 * and the task stays TASK_BLOCKED until an event wakes it with a result.
 */
#include <stdint.h>
#include <string.h>

#include "arch/i386/trapframe.h"
#include "abi/errno.h"
#include "abi/ipc.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/object/lifecycle.h"
#include "kernel/object/irq.h"
#include "kernel/debug/log.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "tests/unit/fake_sched.h"
#include "tests/unit/unit.h"

#define PENDING 0x7E57L          /* what a call returns that blocked and was not woken yet */

/* The server and five clients: slots 0..5 of the fake table. */
static struct task *srv, *a, *b, *c, *d, *e;

static void setup(void)
{
	fake_sched_setup();
	cap_ref_hook = kobj_ref;
	cap_gone_hook = cap_gone;
	srv = fake_task_new(0);
	a = fake_task_new(1);
	b = fake_task_new(2);
	c = fake_task_new(3);
	d = fake_task_new(4);
	e = fake_task_new(5);
}

static void teardown(void)
{
	cap_ref_hook = 0;
	cap_gone_hook = 0;
	fake_sched_teardown();
}

/* ---- states ---- */

#define ASSERT_BLOCKED(t, why)                                                          \
	ck_assert_msg((t)->state == TASK_BLOCKED && (t)->blocked_on == (why),          \
		      "%s: state %d blocked_on %d, want blocked on %d", (t)->name,     \
		      (t)->state, (t)->blocked_on, (why))

/* Woken with result, and every block it made has been matched by exactly one wake. */
#define ASSERT_WOKEN(t, result)                                                          \
	do {                                                                             \
		ck_assert_msg((t)->state == TASK_RUNNABLE, "%s: state %d, want runnable", \
			      (t)->name, (t)->state);                                    \
		ck_assert_int_eq((t)->ipc_result, (result));                             \
		ck_assert_uint_eq(fake_wakes(t), fake_blocks(t));                        \
	} while (0)

/* What t's frame says it received. */
#define ASSERT_MSG(t, badge, tag, w0, w1)                                                \
	do {                                                                             \
		const struct trapframe *tf_ = task_user_frame(t);                        \
		ck_assert_msg(tf_->ebx == (uint32_t)(badge) && tf_->esi == (uint32_t)(tag) && \
			      tf_->edi == (uint32_t)(w0) && tf_->ebp == (uint32_t)(w1),  \
			      "%s got badge %#x tag %#x words %#x %#x, want %#x %#x %#x %#x", \
			      (t)->name, tf_->ebx, tf_->esi, tf_->edi, tf_->ebp,         \
			      (unsigned)(badge), (unsigned)(tag), (unsigned)(w0),        \
			      (unsigned)(w1));                                           \
	} while (0)

/* ---- capabilities ---- */

static struct cap *C(struct task *t, int n)
{
	return &t->cs.slot[n];
}

#define ASSERT_EMPTY(t, n) \
	ck_assert_msg(C(t, n)->type == CAP_NULL, "%s[%d] is not empty", (t)->name, (n))

/* ep_create / ntf_create: a new object; t's slot n gets an unbadged cap with every right. */
static void *obj_new(struct task *t, int n, enum cap_type type)
{
	void *o = type == CAP_ENDPOINT ? (void *)endpoint_alloc(t->tid)
				       : (void *)notification_alloc(t->tid);
	ck_assert_ptr_nonnull(o);
	ck_assert_int_eq(C(t, n)->type, CAP_NULL);
	struct cap val = { .type = type };
	val.obj = (struct capobj){ o, 0, type == CAP_ENDPOINT ? EPR_ALL : NTR_ALL };
	cap_install_root(C(t, n), &val);
	return o;
}

static struct endpoint *ep_new(struct task *t, int n)
{
	return obj_new(t, n, CAP_ENDPOINT);
}

static struct notification *ntf_new(struct task *t, int n)
{
	return obj_new(t, n, CAP_NOTIFY);
}

/* cap_mint: a child of t's slot from in u's slot to, with a badge and rights. */
static struct cap *mint(struct task *t, int from, struct task *u, int to, uint32_t badge,
			uint32_t rights)
{
	struct cap val = *C(t, from);
	ck_assert(val.type == CAP_ENDPOINT || val.type == CAP_NOTIFY);
	ck_assert_int_eq(C(u, to)->type, CAP_NULL);
	val.obj.badge = badge;
	val.obj.rights = rights;
	cap_insert_child(C(t, from), C(u, to), &val);
	return C(u, to);
}

/* cap_copy into any space: a child with the same value. */
static struct cap *copy(struct task *t, int from, struct task *u, int to)
{
	ck_assert_int_eq(C(u, to)->type, CAP_NULL);
	cap_insert_child(C(t, from), C(u, to), C(t, from));
	return C(u, to);
}

/* A root IoPorts cap (whose hook does nothing) in t's slot n. */
static struct cap *ports(struct task *t, int n, uint16_t base, uint32_t count)
{
	struct cap val = { .type = CAP_IOPORTS };
	val.io.base = base;
	val.io.count = count;
	val.io.rights = IOR_ALL;
	ck_assert_int_eq(C(t, n)->type, CAP_NULL);
	cap_install_root(C(t, n), &val);
	return C(t, n);
}

static struct endpoint *ep_of(struct task *t, int n)
{
	ck_assert_int_eq(C(t, n)->type, CAP_ENDPOINT);
	return C(t, n)->obj.obj;
}

/* ---- the system calls around the kernel functions ---- */

static void enter(struct task *t)
{
	ck_assert_msg(t->state == TASK_RUNNABLE, "%s makes a call while not runnable", t->name);
	t->state = TASK_RUNNING;
	t->ipc_result = PENDING;
	fake_current = t;
}

/* A call that blocked returns PENDING, the ipc_result it blocked with; one that did not, never. */
static long leave(struct task *t, long r)
{
	fake_current = 0;
	if (t->state == TASK_RUNNING) {
		t->state = TASK_RUNNABLE;
		ck_assert_msg(r != PENDING, "%s did not block but returned PENDING", t->name);
	} else {
		ck_assert_msg(r == PENDING, "%s blocked but returned %ld", t->name, r);
	}
	return r;
}

/* ipc_send / ipc_call on t's slot. */
static long send_op(struct task *t, int slot, uint32_t tag, uint32_t w0, uint32_t w1, int call)
{
	struct cap *cp = C(t, slot);
	ck_assert_int_eq(cp->type, CAP_ENDPOINT);
	ck_assert(cp->obj.rights & EPR_SEND);
	int grant = (cp->obj.rights & EPR_GRANT) != 0;
	int r = ipc_check_msg(t, tag, grant);
	if (r)
		return r;
	struct trapframe *tf = task_user_frame(t);
	tf->ebx = (uint32_t)slot;
	tf->esi = tag;
	tf->edi = w0;
	tf->ebp = w1;
	struct ipc_kmsg m = { tag, w0, w1, cp->obj.badge, grant };
	enter(t);
	return leave(t, ipc_send(t, cp->obj.obj, &m, cp->obj.rights, call));
}

#define SEND(t, slot, tag, w0, w1) send_op(t, slot, tag, w0, w1, 0)
#define CALL(t, slot, tag, w0, w1) send_op(t, slot, tag, w0, w1, 1)

/* ipc_recv on t's slot. */
static long recv_op(struct task *t, int slot)
{
	struct cap *cp = C(t, slot);
	ck_assert_int_eq(cp->type, CAP_ENDPOINT);
	ck_assert(cp->obj.rights & EPR_RECV);
	task_user_frame(t)->ebx = (uint32_t)slot;
	enter(t);
	ipc_drop_reply(t);
	return leave(t, ipc_recv(t, cp->obj.obj));
}

/* Answers the call rep names, as t (replies may always carry caps). */
static long answer(struct task *t, const struct capreply *rep, uint32_t tag, uint32_t w0,
		   uint32_t w1)
{
	int r = ipc_check_reply(t, rep, tag);
	if (r)
		return r;
	struct ipc_kmsg m = { tag, w0, w1, 0, 1 };
	enter(t);
	return leave(t, ipc_reply(t, rep, &m));
}

/* ipc_reply: answers t's implicit reply cap. */
static long reply_op(struct task *t, uint32_t tag, uint32_t w0, uint32_t w1)
{
	ck_assert_msg(t->reply.tid, "%s has no call to answer", t->name);
	struct capreply rep = t->reply;
	t->reply.tid = 0;
	return answer(t, &rep, tag, w0, w1);
}

/* reply_save: t's implicit reply cap goes to its slot n. */
static struct cap *reply_save(struct task *t, int n)
{
	ck_assert(t->reply.tid);
	struct cap val = { .type = CAP_REPLY, .reply = t->reply };
	t->reply.tid = 0;
	ck_assert_int_eq(C(t, n)->type, CAP_NULL);
	cap_install_root(C(t, n), &val);
	return C(t, n);
}

/* The first of t's slots with a wait cap to n (what ntf_wait and ntf_bind are given), if any. */
static uint32_t wait_slot(struct task *t, const struct notification *n)
{
	for (uint32_t i = 0; i < CSPACE_SLOTS; i++)
		if (C(t, (int)i)->type == CAP_NOTIFY && C(t, (int)i)->obj.obj == n &&
		    (C(t, (int)i)->obj.rights & NTR_WAIT))
			return i;
	return IPC_NO_SLOT;      /* the test gave it none: nothing can end the wait but a signal */
}

/* ntf_wait, as kernel/object/notification.c:wait_common does it around notify.c. */
static long wait_op(struct task *t, struct notification *n)
{
	enter(t);
	long r;
	if (n->word) {
		notification_take(n, t);
		r = 0;
	} else {
		ck_assert(!n->waiter && (!n->bound || n->bound == t));
		n->waiter = t;
		t->ntf_waiting = n;
		task_user_frame(t)->ebx = wait_slot(t, n);
		sched_block(BLOCK_NOTIFY);
		r = t->ipc_result;
	}
	return leave(t, r);
}

/* ntf_bind */
static void bind(struct task *t, struct notification *n)
{
	ck_assert(!n->bound && !n->waiter && !t->ntf_bound);
	n->bound = t;
	t->ntf_bound = n;
	t->ntf_bound_slot = wait_slot(t, n);
}

/* What task_kill does to a blocked task: off every queue, woken to die. */
static void kill_blocked(struct task *t)
{
	ck_assert_int_eq(t->state, TASK_BLOCKED);
	ipc_cancel(t);
	sched_make_runnable(t);
}

/* client calls on its slot cslot while server waits in recv on sslot; server's reply right. */
static struct capreply call_taken(struct task *client, int cslot, struct task *server, int sslot)
{
	ck_assert_int_eq(recv_op(server, sslot), PENDING);
	ck_assert_int_eq(CALL(client, cslot, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ASSERT_WOKEN(server, 0);
	ASSERT_BLOCKED(client, BLOCK_REPLY);
	ck_assert_int_eq(server->reply.tid, client->tid);
	return server->reply;
}

/* server answers the call it took last; client, waiting for it, gets exactly that answer. */
static void answer_taken(struct task *server, struct task *client)
{
	ck_assert_int_eq(reply_op(server, IPC_TAG(0, 0, 0), 0x600D, 0), 0);
	ASSERT_WOKEN(client, 0);
	ASSERT_MSG(client, 0, IPC_TAG(0, 0, 0), 0x600D, 0);
}

/* ---- endpoint queues ---- */

/* ep's queue is exactly want[0..n), linked both ways. */
static void assert_queue(const struct endpoint *ep, struct task *const *want, int n)
{
	const struct task *prev = 0, *t = ep->head;
	for (int i = 0; i < n; i++, prev = t, t = t->ipc_next) {
		ck_assert_msg(t == want[i], "queue[%d] is %s, want %s", i, t ? t->name : "end",
			      want[i]->name);
		ck_assert_ptr_eq(t->ipc_prev, prev);
		ck_assert_ptr_eq(t->ipc_ep, ep);
	}
	ck_assert_ptr_null(t);
	ck_assert_ptr_eq(ep->tail, prev);
}

START_TEST(test_senders_queue_in_fifo_order)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct task *tx[3] = { a, b, c };
	for (int i = 0; i < 3; i++)
		mint(srv, 0, tx[i], 0, 0xB0 + (uint32_t)i, EPR_SEND);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(SEND(tx[i], 0, IPC_TAG(0x10 + i, 2, 0), 0xA0 + i, 0xA1 + i), PENDING);
		ASSERT_BLOCKED(tx[i], BLOCK_SEND);
		ck_assert_ptr_eq(tx[i]->ipc_ep, ep);
	}
	ck_assert_int_eq(ep->kind, EPQ_SEND);
	assert_queue(ep, tx, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(recv_op(srv, 0), 0);
		ASSERT_MSG(srv, 0xB0 + i, IPC_TAG(0x10 + i, 2, 0), 0xA0 + i, 0xA1 + i);
		ASSERT_WOKEN(tx[i], 0);
		ck_assert_ptr_null(tx[i]->ipc_ep);
		for (int j = i + 1; j < 3; j++)
			ASSERT_BLOCKED(tx[j], BLOCK_SEND);
	}
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
	ck_assert(!ep->head && !ep->tail);
	ck_assert_uint_eq(fake_blocks(srv), 0);
}
END_TEST

START_TEST(test_receivers_queue_in_fifo_order)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct task *rx[3] = { a, b, c };
	for (int i = 0; i < 3; i++)
		mint(srv, 0, rx[i], 0, 0, EPR_RECV);
	mint(srv, 0, d, 0, 0xD, EPR_SEND);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(recv_op(rx[i], 0), PENDING);
		ASSERT_BLOCKED(rx[i], BLOCK_RECV);
	}
	ck_assert_int_eq(ep->kind, EPQ_RECV);
	assert_queue(ep, rx, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(SEND(d, 0, IPC_TAG(5, 2, 0), 100 + i, 200 + i), 0);
		ASSERT_WOKEN(rx[i], 0);
		ASSERT_MSG(rx[i], 0xD, IPC_TAG(5, 2, 0), 100 + i, 200 + i);
		for (int j = i + 1; j < 3; j++)
			ASSERT_BLOCKED(rx[j], BLOCK_RECV);
	}
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
	ck_assert(!ep->head && !ep->tail);
	ck_assert_uint_eq(fake_blocks(d), 0);
}
END_TEST

START_TEST(test_waiting_receiver_gets_badge_label_and_words)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 0xBADCAFE, EPR_SEND | EPR_GRANT);
	mint(srv, 0, b, 0, 0, EPR_SEND);            /* unbadged */
	unsigned commits = fake_commits;
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ASSERT_BLOCKED(srv, BLOCK_RECV);
	/* The largest label a task may send: the two above are the kernel's. */
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(IPC_LABEL_FAULT - 1, 2, 0), 0xFEEDF00D, 0x12345678), 0);
	ASSERT_WOKEN(srv, 0);
	ASSERT_MSG(srv, 0xBADCAFE, IPC_TAG(IPC_LABEL_FAULT - 1, 2, 0), 0xFEEDF00D, 0x12345678);
	ck_assert_uint_eq(fake_blocks(a), 0);
	/* The badge is the sending cap's, never a stale one. */
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ck_assert_int_eq(SEND(b, 0, IPC_TAG(0, 0, 0), 1, 2), 0);
	ASSERT_WOKEN(srv, 0);
	ASSERT_MSG(srv, 0, IPC_TAG(0, 0, 0), 1, 2);
	/* No caps (even with the grant right), no capability bookkeeping. */
	ck_assert_uint_eq(fake_commits, commits);
}
END_TEST

/* Words 2.. travel through the UTCBs; mr[0] and mr[1] are registers, never touched. */
START_TEST(test_long_message_copies_words_2_to_23)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	for (int i = 0; i < IPC_WORDS; i++)
		a->utcb->mr[i] = 0x5000u + (unsigned)i;
	/* Both ways round: the receiver waiting, and the sender queued. */
	for (int queued = 0; queued < 2; queued++) {
		memset(srv->utcb->mr, 0xA5, sizeof(srv->utcb->mr));
		if (queued) {
			ck_assert_int_eq(SEND(a, 0, IPC_TAG(9, IPC_WORDS, 0), 7, 8), PENDING);
			ck_assert_int_eq(recv_op(srv, 0), 0);
		} else {
			ck_assert_int_eq(recv_op(srv, 0), PENDING);
			ck_assert_int_eq(SEND(a, 0, IPC_TAG(9, IPC_WORDS, 0), 7, 8), 0);
		}
		ASSERT_MSG(srv, 1, IPC_TAG(9, IPC_WORDS, 0), 7, 8);
		ck_assert_uint_eq(srv->utcb->mr[0], FAKE_GARBAGE);
		ck_assert_uint_eq(srv->utcb->mr[1], FAKE_GARBAGE);
		for (int i = IPC_REG_WORDS; i < IPC_WORDS; i++)
			ck_assert_uint_eq(srv->utcb->mr[i], 0x5000u + (unsigned)i);
	}
}
END_TEST

START_TEST(test_words_never_more_than_the_tag_says)
{
	static const unsigned counts[] = { 0, 1, 2, 3, 5, IPC_WORDS - 1 };
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	for (int i = 0; i < IPC_WORDS; i++)
		a->utcb->mr[i] = 0x6000u + (unsigned)i;
	for (unsigned k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		unsigned n = counts[k];
		memset(srv->utcb->mr, 0xA5, sizeof(srv->utcb->mr));
		ck_assert_int_eq(recv_op(srv, 0), PENDING);
		ck_assert_int_eq(SEND(a, 0, IPC_TAG(3, n, 0), 10, 11), 0);
		ASSERT_MSG(srv, 1, IPC_TAG(3, n, 0), 10, 11);
		for (unsigned i = 0; i < IPC_WORDS; i++) {
			unsigned want = i >= IPC_REG_WORDS && i < n ? 0x6000u + i : FAKE_GARBAGE;
			ck_assert_msg(srv->utcb->mr[i] == want, "%u words: mr[%u] = %#x, want %#x",
				      n, i, srv->utcb->mr[i], want);
		}
	}
}
END_TEST

/* ---- capabilities in messages ---- */

START_TEST(test_cap_copy_is_a_child_of_the_senders_cap)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	struct cap *mine = ports(a, 5, 0x60, 4);
	a->utcb->send_cap[0] = 5;
	srv->utcb->recv_slot[0] = 9;
	unsigned commits = fake_commits;
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(4, 0, 1), 0, 0), 0);
	ASSERT_MSG(srv, 1, IPC_TAG(4, 0, 1), 0, 0);
	struct cap *got = C(srv, 9);
	ck_assert_int_eq(got->type, CAP_IOPORTS);
	ck_assert_uint_eq(got->io.base, 0x60);
	ck_assert_uint_eq(got->io.count, 4);
	ck_assert_ptr_eq(got->parent, mine);
	ck_assert_ptr_eq(mine->first_child, got);
	ck_assert_int_eq(mine->type, CAP_IOPORTS);     /* the sender keeps its own */
	ck_assert_uint_gt(fake_commits, commits);      /* the receiver's ports are rebuilt */
	/* The sender can take it back. */
	cap_revoke(mine);
	ASSERT_EMPTY(srv, 9);
	ck_assert_int_eq(mine->type, CAP_IOPORTS);
}
END_TEST

START_TEST(test_cap_move_empties_the_senders_slot)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	struct cap *top = ports(a, 4, 0x60, 16);
	copy(a, 4, a, 5);
	struct endpoint *ep2 = ep_new(a, 6);
	a->utcb->send_cap[0] = 5 | IPC_CAP_MOVE;
	a->utcb->send_cap[1] = 6 | IPC_CAP_MOVE;
	srv->utcb->recv_slot[0] = 9;
	srv->utcb->recv_slot[1] = 10;
	/* The sender queues first: the caps move when the receiver takes the message. */
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(4, 0, 2), 0, 0), PENDING);
	ck_assert_int_eq(C(a, 5)->type, CAP_IOPORTS);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 1, IPC_TAG(4, 0, 2), 0, 0);
	ASSERT_WOKEN(a, 0);
	ASSERT_EMPTY(a, 5);
	ASSERT_EMPTY(a, 6);
	ck_assert_int_eq(C(srv, 9)->type, CAP_IOPORTS);
	ck_assert_ptr_eq(C(srv, 9)->parent, top);      /* its place in the tree goes with it */
	ck_assert_ptr_eq(ep_of(srv, 10), ep2);
	ck_assert_int_eq(ep2->refs, 1);                /* a move is no new reference */
	ck_assert_int_eq(ep2->recv_refs, 1);
	cap_revoke(top);
	ASSERT_EMPTY(srv, 9);
}
END_TEST

/* A Reply cap is one-shot: it moves, never multiplies, and still answers where it went. */
START_TEST(test_reply_cap_only_moves)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	ep_new(a, 1);
	mint(a, 1, b, 1, 2, EPR_SEND);
	/* b calls a, and a keeps the reply cap in slot 7. */
	call_taken(b, 1, a, 1);
	struct capreply rep = reply_save(a, 7)->reply;
	ck_assert_int_eq(rep.tid, b->tid);
	srv->utcb->recv_slot[0] = 9;
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	/* A copy is refused before anything moves. */
	a->utcb->send_cap[0] = 7;
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(2, 0, 1), 0, 0), -E_PERM);
	ASSERT_BLOCKED(srv, BLOCK_RECV);
	ck_assert_int_eq(C(a, 7)->type, CAP_REPLY);
	/* A move hands the call to srv, without failing it. */
	a->utcb->send_cap[0] = 7 | IPC_CAP_MOVE;
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(2, 0, 1), 0, 0), 0);
	ASSERT_MSG(srv, 1, IPC_TAG(2, 0, 1), 0, 0);
	ASSERT_EMPTY(a, 7);
	ck_assert_int_eq(C(srv, 9)->type, CAP_REPLY);
	ck_assert_int_eq(C(srv, 9)->reply.tid, rep.tid);
	ck_assert_uint_eq(C(srv, 9)->reply.cookie, rep.cookie);
	ASSERT_BLOCKED(b, BLOCK_REPLY);
	struct capreply moved = C(srv, 9)->reply;
	ck_assert_int_eq(answer(srv, &moved, IPC_TAG(0, 0, 0), 0x600D, 0), 0);
	ASSERT_WOKEN(b, 0);
	ASSERT_MSG(b, 0, IPC_TAG(0, 0, 0), 0x600D, 0);
}
END_TEST

START_TEST(test_receiver_without_recv_slots_gets_no_caps)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	ports(a, 5, 0x60, 1);
	ports(a, 6, 0x70, 2);
	ports(srv, 3, 0x80, 1);
	a->utcb->send_cap[0] = 5;
	a->utcb->send_cap[1] = 6 | IPC_CAP_MOVE;
	/* Named no slot (a new task's UTCB); an occupied slot; no such slot. */
	static const uint32_t slots[][2] = { { IPC_NO_SLOT, IPC_NO_SLOT }, { 3, 3 },
					     { CSPACE_SLOTS, CSPACE_SLOTS + 1 } };
	for (int k = 0; k < 3; k++) {
		srv->utcb->recv_slot[0] = slots[k][0];
		srv->utcb->recv_slot[1] = slots[k][1];
		ck_assert_int_eq(recv_op(srv, 0), PENDING);
		ck_assert_int_eq(SEND(a, 0, IPC_TAG(4, 1, 2), 5, 6), 0);
		ASSERT_WOKEN(srv, 0);
		/* The message arrives; the tag says no cap came with it. */
		ASSERT_MSG(srv, 1, IPC_TAG(4, 1, 0), 5, 6);
		/* The sender keeps both, the moved one too. */
		ck_assert(C(a, 5)->type == CAP_IOPORTS && !C(a, 5)->first_child);
		ck_assert_int_eq(C(a, 6)->type, CAP_IOPORTS);
		ck_assert_uint_eq(C(srv, 3)->io.base, 0x80);
		for (int n = 0; n < CSPACE_SLOTS; n++)
			if (n != 0 && n != 3)
				ASSERT_EMPTY(srv, n);
	}
}
END_TEST

/* The sender's slots are rechecked when a receiver takes a queued message. */
START_TEST(test_cap_revoked_while_sender_queued_is_skipped)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	struct cap *r5 = ports(d, 5, 0x60, 1);
	ports(d, 6, 0x70, 1);
	copy(d, 5, a, 5);
	copy(d, 6, a, 6);
	a->utcb->send_cap[0] = 5;
	a->utcb->send_cap[1] = 6;
	srv->utcb->recv_slot[0] = 9;
	srv->utcb->recv_slot[1] = 10;
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(4, 0, 2), 0, 0), PENDING);
	cap_revoke(r5);                                 /* d takes back what a was sending */
	ASSERT_EMPTY(a, 5);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_WOKEN(a, 0);
	ASSERT_MSG(srv, 1, IPC_TAG(4, 0, 1), 0, 0);
	/* The one that arrived fills the first receive slot. */
	ck_assert_int_eq(C(srv, 9)->type, CAP_IOPORTS);
	ck_assert_uint_eq(C(srv, 9)->io.base, 0x70);
	ck_assert_ptr_eq(C(srv, 9)->parent, C(a, 6));
	ASSERT_EMPTY(srv, 10);
}
END_TEST

/*
 * While a sender is queued its parent may revoke a slot it names and
 * cap_transfer a Reply cap into it: the message must not copy that.
 */
START_TEST(test_reply_cap_put_in_a_queued_senders_slot_is_not_copied)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND | EPR_GRANT);
	struct cap *r5 = ports(d, 5, 0x60, 1);
	copy(d, 5, a, 5);
	a->utcb->send_cap[0] = 5;
	srv->utcb->recv_slot[0] = 9;
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(4, 0, 1), 0, 0), PENDING);
	cap_revoke(r5);
	struct cap val = { .type = CAP_REPLY, .reply = { e->tid, 77 } };
	cap_install_root(C(a, 5), &val);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 1, IPC_TAG(4, 0, 0), 0, 0);
	ASSERT_EMPTY(srv, 9);
	ck_assert_int_eq(C(a, 5)->type, CAP_REPLY);
	ck_assert_ptr_null(C(a, 5)->first_child);
}
END_TEST

START_TEST(test_reply_carries_caps_without_grant)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);               /* no EPR_GRANT */
	struct cap *mine = ports(srv, 5, 0x3F8, 8);
	a->utcb->recv_slot[0] = 4;
	call_taken(a, 0, srv, 0);
	srv->utcb->send_cap[0] = 5;
	ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 0, 1), 0, 0), 0);
	ASSERT_WOKEN(a, 0);
	ASSERT_MSG(a, 0, IPC_TAG(0, 0, 1), 0, 0);
	ck_assert_ptr_eq(C(a, 4)->parent, mine);
}
END_TEST

/* ---- checking a message ---- */

START_TEST(test_check_msg_errors)
{
	ports(a, 5, 0x60, 1);
	struct cap val = { .type = CAP_REPLY, .reply = { b->tid, 1 } };
	cap_install_root(C(a, 7), &val);
	static const struct {
		uint32_t tag, cap0, cap1;
		int grant;
		int want;
	} cases[] = {
		{ IPC_TAG(1, IPC_WORDS, 0), 0, 0, 0, 0 },
		{ IPC_TAG(1, IPC_WORDS + 1, 0), 0, 0, 1, -E_INVAL },
		{ IPC_TAG(1, 31, 0), 0, 0, 1, -E_INVAL },
		{ IPC_TAG(1, 0, 2), 5, 5 | IPC_CAP_MOVE, 1, 0 },
		{ IPC_TAG(1, 0, 3), 5, 5, 1, -E_INVAL },
		{ IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0, 1, -E_INVAL },
		{ IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0, 0, -E_INVAL },
		{ IPC_TAG(IPC_LABEL_FAULT, 0, 0), 0, 0, 1, -E_INVAL },
		{ IPC_TAG(IPC_LABEL_FAULT, 2, 0), 0, 0, 0, -E_INVAL },
		{ IPC_TAG(IPC_LABEL_FAULT - 1, 0, 0), 0, 0, 0, 0 },
		{ IPC_TAG(1, 0, 1), 5, 0, 0, -E_PERM },          /* caps without grant */
		{ IPC_TAG(1, 0, 1), 5, 0, 1, 0 },
		{ IPC_TAG(1, 0, 1), CSPACE_SLOTS, 0, 1, -E_BADSLOT },
		{ IPC_TAG(1, 0, 1), CSPACE_SLOTS | IPC_CAP_MOVE, 0, 1, -E_BADSLOT },
		{ IPC_TAG(1, 0, 1), 0xFFFFFFFFu, 0, 1, -E_BADSLOT },
		{ IPC_TAG(1, 0, 1), 6, 0, 1, -E_EMPTY },
		{ IPC_TAG(1, 0, 1), 6 | IPC_CAP_MOVE, 0, 1, -E_EMPTY },
		{ IPC_TAG(1, 0, 2), 5, 6, 1, -E_EMPTY },          /* the second is checked too */
		{ IPC_TAG(1, 0, 2), 5, 0x7777, 1, -E_BADSLOT },
		{ IPC_TAG(1, 0, 1), 5, 0x7777, 1, 0 },            /* ... only if the tag names it */
		{ IPC_TAG(1, 0, 1), 7, 0, 1, -E_PERM },           /* a Reply cap never copies */
		{ IPC_TAG(1, 0, 1), 7 | IPC_CAP_MOVE, 0, 1, 0 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a->utcb->send_cap[0] = cases[i].cap0;
		a->utcb->send_cap[1] = cases[i].cap1;
		int r = ipc_check_msg(a, cases[i].tag, cases[i].grant);
		ck_assert_msg(r == cases[i].want, "case %u: tag %#x caps %#x %#x grant %d: %d, want %d",
			      i, cases[i].tag, cases[i].cap0, cases[i].cap1, cases[i].grant, r,
			      cases[i].want);
	}
	/* Checking changes nothing. */
	ck_assert_int_eq(C(a, 7)->type, CAP_REPLY);
	ck_assert_ptr_null(C(a, 5)->first_child);
}
END_TEST

/* ---- calls and replies ---- */

START_TEST(test_call_and_reply)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 0xA, EPR_SEND);
	/* Both ways round: the server waiting, and the caller queued. */
	for (int queued = 0; queued < 2; queued++) {
		if (queued) {
			ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 2, 0), 3, 4), PENDING);
			ASSERT_BLOCKED(a, BLOCK_SEND);
			ck_assert_int_eq(recv_op(srv, 0), 0);
		} else {
			ck_assert_int_eq(recv_op(srv, 0), PENDING);
			ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 2, 0), 3, 4), PENDING);
			ASSERT_WOKEN(srv, 0);
		}
		ASSERT_MSG(srv, 0xA, IPC_TAG(1, 2, 0), 3, 4);
		/* The caller waits for the reply, without having been woken in between. */
		ASSERT_BLOCKED(a, BLOCK_REPLY);
		ck_assert_uint_eq(fake_wakes(a), (unsigned)queued);
		ck_assert_int_eq(srv->reply.tid, a->tid);
		ck_assert_uint_eq(srv->reply.cookie, a->call_cookie);
		struct capreply rep = srv->reply;
		srv->utcb->mr[2] = 0x77;
		ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 3, 0), 0x11, 0x22), 0);
		ASSERT_WOKEN(a, 0);
		ASSERT_MSG(a, 0, IPC_TAG(0, 3, 0), 0x11, 0x22);
		ck_assert_uint_eq(a->utcb->mr[2], 0x77);
		/* One-shot: the same right again reaches nobody. */
		ck_assert_int_eq(answer(srv, &rep, IPC_TAG(0, 0, 0), 0x99, 0x99), -E_DEAD);
		ASSERT_WOKEN(a, 0);
		ASSERT_MSG(a, 0, IPC_TAG(0, 3, 0), 0x11, 0x22);
	}
}
END_TEST

/* Each call has its own cookie, so a reply right names one call. */
START_TEST(test_each_call_has_its_own_cookie)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	mint(srv, 0, b, 0, 2, EPR_SEND);
	ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(CALL(b, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	struct capreply ra = reply_save(srv, 5)->reply;
	ck_assert_int_eq(recv_op(srv, 0), 0);
	struct capreply rb = srv->reply;
	ck_assert_int_ne(ra.tid, rb.tid);
	ck_assert_uint_ne(ra.cookie, rb.cookie);
	/* a's right with b's tid answers nobody. */
	struct capreply forged = { b->tid, ra.cookie };
	ck_assert_int_eq(answer(srv, &forged, IPC_TAG(0, 0, 0), 0, 0), -E_DEAD);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	ASSERT_BLOCKED(b, BLOCK_REPLY);
	ck_assert_int_eq(answer(srv, &ra, IPC_TAG(0, 0, 0), 0xA, 0), 0);
	ASSERT_WOKEN(a, 0);
	ASSERT_BLOCKED(b, BLOCK_REPLY);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 0, 0), 0xB, 0), 0);
	ASSERT_WOKEN(b, 0);
	ASSERT_MSG(a, 0, IPC_TAG(0, 0, 0), 0xA, 0);
	ASSERT_MSG(b, 0, IPC_TAG(0, 0, 0), 0xB, 0);
}
END_TEST

/* A reply to a caller that died reaches nobody, not even a new task in its slot. */
START_TEST(test_reply_to_a_dead_caller_is_dead)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	ep_new(d, 0);
	int old_tid = call_taken(a, 0, srv, 0).tid;
	/* a is killed and exits; its slot comes back as a new task that calls d. */
	kill_blocked(a);
	ck_assert_int_eq(a->ipc_result, -E_DEAD);
	ipc_task_reset(a);
	cspace_clear(&a->cs);
	fake_task_free(a);
	struct task *a2 = fake_task_new(1);
	ck_assert_ptr_eq(a2, a);
	ck_assert_int_ne(a2->tid, old_tid);
	mint(d, 0, a2, 0, 2, EPR_SEND);
	call_taken(a2, 0, d, 0);
	struct trapframe before = *task_user_frame(a2);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 0, 0), 0xBAD, 0xBAD), -E_DEAD);
	ASSERT_BLOCKED(a2, BLOCK_REPLY);
	ck_assert(!memcmp(&before, task_user_frame(a2), sizeof(before)));
	answer_taken(d, a2);                           /* the new task's own call completes */
}
END_TEST

/*
 * A restarted caller keeps its tid; the right to its old call must not
 * answer its new one, whether that is still queued (its cookie is still
 * the old call's then) or already waiting for its reply.
 */
START_TEST(test_reply_after_caller_restarted_is_dead)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	ep_new(d, 0);
	mint(d, 0, a, 1, 2, EPR_SEND);
	struct capreply rep = call_taken(a, 0, srv, 0);
	/* restart(a): cancelled, woken, then a fresh incarnation (same tid) calls d. */
	a->work |= TW_RESTART;
	kill_blocked(a);
	a->work &= ~(uint32_t)TW_RESTART;
	ipc_task_reset(a);
	ck_assert_int_eq(CALL(a, 1, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	ck_assert_int_eq(a->tid, rep.tid);
	ck_assert_int_eq(answer(srv, &rep, IPC_TAG(0, 0, 0), 0xBAD, 0), -E_DEAD);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	ck_assert_ptr_eq(ep_of(d, 0)->head, a);
	ck_assert_int_eq(recv_op(d, 0), 0);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	ck_assert_int_eq(answer(srv, &rep, IPC_TAG(0, 0, 0), 0xBAD, 0), -E_DEAD);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	answer_taken(d, a);
}
END_TEST

START_TEST(test_reply_discard_wakes_the_caller_once)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	struct capreply rep = call_taken(a, 0, srv, 0);
	reply_discard(&rep);
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert_uint_eq(fake_wakes(a), 1);
	reply_discard(&rep);
	ck_assert_uint_eq(fake_wakes(a), 1);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 0, 0), 0, 0), -E_DEAD);
	ck_assert_uint_eq(fake_wakes(a), 1);
	ck_assert_int_eq(a->ipc_result, -E_DEAD);
}
END_TEST

/* The server's next receive overwrites an unused implicit reply: that call fails. */
START_TEST(test_receiving_again_fails_the_unanswered_call)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	call_taken(a, 0, srv, 0);
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert_int_eq(srv->reply.tid, 0);
}
END_TEST

START_TEST(test_deleting_a_saved_reply_cap_fails_the_call)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	struct cap *saved = reply_save(srv, 8);
	/* Receiving again does not touch the saved one. */
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	cap_delete(saved);
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert_uint_eq(fake_wakes(a), 1);
}
END_TEST

START_TEST(test_server_reset_fails_its_calls)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	mint(srv, 0, b, 0, 2, EPR_SEND);
	mint(srv, 0, c, 0, 3, EPR_SEND);
	ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(CALL(b, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(CALL(c, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	reply_save(srv, 8);
	ck_assert_int_eq(recv_op(srv, 0), 0);            /* b: the implicit one */
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	ASSERT_BLOCKED(b, BLOCK_REPLY);
	ipc_task_reset(srv);
	ASSERT_WOKEN(a, -E_DEAD);
	ASSERT_WOKEN(b, -E_DEAD);
	ASSERT_EMPTY(srv, 8);
	ck_assert_int_eq(srv->reply.tid, 0);
	ck_assert_int_eq(C(srv, 0)->type, CAP_ENDPOINT); /* other caps stay */
	/* c, still queued, is served by the next incarnation. */
	ASSERT_BLOCKED(c, BLOCK_SEND);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 3, IPC_TAG(1, 0, 0), 0, 0);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(0, 0, 0), 0, 0), 0);
	ASSERT_WOKEN(c, 0);
}
END_TEST

/* ---- cancellation ---- */

START_TEST(test_cancel_takes_a_sender_off_any_place_in_the_queue)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct task *tx[4] = { a, b, c, d };
	for (int i = 0; i < 4; i++) {
		mint(srv, 0, tx[i], 0, 0xB0 + (uint32_t)i, EPR_SEND);
		ck_assert_int_eq(SEND(tx[i], 0, IPC_TAG(1, 0, 0), (uint32_t)i, 0), PENDING);
	}
	assert_queue(ep, tx, 4);
	ipc_cancel(b);                                  /* the middle */
	ck_assert_int_eq(b->ipc_result, -E_DEAD);
	ck_assert(!b->ipc_ep && !b->ipc_next && !b->ipc_prev);
	ASSERT_BLOCKED(b, BLOCK_SEND);                  /* the canceller wakes it */
	sched_make_runnable(b);
	assert_queue(ep, (struct task *[]){ a, c, d }, 3);
	kill_blocked(d);                                /* the tail */
	assert_queue(ep, (struct task *[]){ a, c }, 2);
	kill_blocked(a);                                /* the head */
	assert_queue(ep, (struct task *[]){ c }, 1);
	ck_assert_int_eq(ep->kind, EPQ_SEND);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 0xB2, IPC_TAG(1, 0, 0), 2, 0);
	ASSERT_WOKEN(c, 0);
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
	/* Cancelling a task that is not blocked changes nothing. */
	b->ipc_result = 5;
	ipc_cancel(b);
	ck_assert_int_eq(b->ipc_result, 5);
	/* The emptied endpoint now queues a receiver. */
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ck_assert_int_eq(ep->kind, EPQ_RECV);
}
END_TEST

START_TEST(test_cancel_takes_a_receiver_off_the_queue)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct task *rx[3] = { a, b, c };
	for (int i = 0; i < 3; i++) {
		mint(srv, 0, rx[i], 0, 0, EPR_RECV);
		ck_assert_int_eq(recv_op(rx[i], 0), PENDING);
	}
	mint(srv, 0, d, 0, 0xD, EPR_SEND);
	kill_blocked(b);
	ASSERT_WOKEN(b, -E_DEAD);
	assert_queue(ep, (struct task *[]){ a, c }, 2);
	ck_assert_int_eq(SEND(d, 0, IPC_TAG(1, 0, 0), 1, 0), 0);
	ck_assert_int_eq(SEND(d, 0, IPC_TAG(1, 0, 0), 2, 0), 0);
	ASSERT_WOKEN(a, 0);
	ASSERT_WOKEN(c, 0);
	ASSERT_MSG(a, 0xD, IPC_TAG(1, 0, 0), 1, 0);
	ASSERT_MSG(c, 0xD, IPC_TAG(1, 0, 0), 2, 0);
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
}
END_TEST

START_TEST(test_interrupted_task_does_not_receive)
{
	struct endpoint *ep = ep_new(srv, 0);
	srv->killed_by = a->tid;
	srv->work |= TW_KILL;
	ck_assert_int_eq(recv_op(srv, 0), -E_DEAD);
	srv->killed_by = 0;
	srv->work &= ~(uint32_t)TW_KILL;
	srv->work |= TW_RESTART;
	ck_assert_int_eq(recv_op(srv, 0), -E_DEAD);
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
	ck_assert_uint_eq(fake_blocks(srv), 0);
}
END_TEST

/* ---- the lifetime of endpoints ---- */

START_TEST(test_last_receive_right_fails_queued_and_later_senders)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, d, 0, 0, EPR_RECV);
	struct task *tx[3] = { a, b, c };
	for (int i = 0; i < 3; i++) {
		mint(srv, 0, tx[i], 0, 1, EPR_SEND);
		ck_assert_int_eq(CALL(tx[i], 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	}
	mint(srv, 0, e, 0, 1, EPR_SEND | EPR_GRANT);
	ck_assert_int_eq(ep->refs, 6);
	ck_assert_int_eq(ep->recv_refs, 2);
	/* Send caps of others going, or one of two receive rights, changes nothing. */
	mint(srv, 0, e, 1, 1, EPR_SEND);
	cap_delete(C(e, 1));
	cap_delete(C(srv, 0));
	ck_assert_int_eq(ep->refs, 5);
	ck_assert_int_eq(ep->recv_refs, 1);
	for (int i = 0; i < 3; i++)
		ASSERT_BLOCKED(tx[i], BLOCK_SEND);
	/* The last one wakes every queued sender with E_DEAD. */
	cap_delete(C(d, 0));
	ck_assert_int_eq(ep->recv_refs, 0);
	for (int i = 0; i < 3; i++) {
		ASSERT_WOKEN(tx[i], -E_DEAD);
		ck_assert_ptr_null(tx[i]->ipc_ep);
	}
	ck_assert(ep->kind == EPQ_IDLE && !ep->head && !ep->tail);
	/* Later sends fail at once. */
	ck_assert_int_eq(SEND(e, 0, IPC_TAG(1, 0, 0), 0, 0), -E_DEAD);
	ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 0, 0), 0, 0), -E_DEAD);
	ck_assert_uint_eq(fake_blocks(e), 0);
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
}
END_TEST

/* Issue 11, defect 4: a revoked receiver leaves the queue at once, though the object lives. */
START_TEST(test_revoked_receiver_leaves_the_queue_at_once)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, a, 0, 0, EPR_RECV);
	mint(srv, 0, b, 0, 0, EPR_RECV);
	ck_assert_int_eq(recv_op(a, 0), PENDING);
	ck_assert_int_eq(recv_op(b, 0), PENDING);
	struct task *both[] = { a, b };
	assert_queue(ep, both, 2);
	cap_revoke(C(srv, 0));                           /* a's and b's rights go; srv's stays */
	ASSERT_WOKEN(a, -E_EMPTY);
	ASSERT_WOKEN(b, -E_EMPTY);
	ck_assert(ep->kind == EPQ_IDLE && !ep->head && !ep->tail);
	ck_assert_int_eq(ep->refs, 1);
	/* The next message waits for a receiver that still has the right. */
	mint(srv, 0, c, 0, 0, EPR_SEND);
	ck_assert_int_eq(SEND(c, 0, IPC_TAG(1, 0, 0), 0x42, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 0, IPC_TAG(1, 0, 0), 0x42, 0);
}
END_TEST

/* However the cap leaves (here: moved away by the primitive itself), the place goes with it. */
START_TEST(test_moved_receive_cap_leaves_the_queue)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, a, 3, 0, EPR_RECV);
	ck_assert_int_eq(recv_op(a, 3), PENDING);
	cap_move(C(a, 3), C(d, 9));
	ASSERT_WOKEN(a, -E_EMPTY);
	ck_assert(ep->kind == EPQ_IDLE && !ep->head);
	ck_assert_int_eq(ep->refs, 2);
}
END_TEST

/* A binding ends with the cap it was made with, not with another cap of the holder. */
START_TEST(test_other_cap_of_the_receiver_going_changes_nothing)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, a, 1, 0, EPR_RECV);
	copy(srv, 0, c, 0);
	mint(c, 0, a, 2, 0, EPR_RECV);                   /* a second right, from another branch */
	ck_assert_int_eq(recv_op(a, 1), PENDING);
	cap_revoke(C(c, 0));                             /* takes a's slot 2, not slot 1 */
	ck_assert_int_eq(C(a, 2)->type, CAP_NULL);
	ASSERT_BLOCKED(a, BLOCK_RECV);
	cap_delete(C(srv, 0));                           /* a's slot 1 stays (children move up) */
	ASSERT_BLOCKED(a, BLOCK_RECV);
	struct task *one[] = { a };
	assert_queue(ep, one, 1);
	cap_revoke(C(c, 0));
	cap_delete(C(a, 1));
	ASSERT_WOKEN(a, -E_EMPTY);
}
END_TEST

START_TEST(test_revoked_sender_leaves_the_queue_at_once)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	mint(srv, 0, b, 0, 2, EPR_SEND);
	ck_assert_int_eq(CALL(a, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(SEND(b, 0, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	cap_delete(C(a, 0));
	ASSERT_WOKEN(a, -E_EMPTY);
	struct task *left[] = { b };
	assert_queue(ep, left, 1);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 2, IPC_TAG(1, 0, 0), 0, 0);
	ASSERT_WOKEN(b, 0);
}
END_TEST

/* A call already taken is not a place in the queue: its send cap going changes nothing. */
START_TEST(test_taken_call_outlives_its_send_cap)
{
	ep_new(srv, 0);
	mint(srv, 0, a, 0, 1, EPR_SEND);
	call_taken(a, 0, srv, 0);
	cap_delete(C(a, 0));
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	answer_taken(srv, a);
}
END_TEST

static void fill_pool(enum cap_type type, int max, void **objs)
{
	for (int i = 0; i < max; i++) {
		objs[i] = obj_new(i < CSPACE_SLOTS ? srv : a, i % CSPACE_SLOTS, type);
		for (int j = 0; j < i; j++)
			ck_assert_ptr_ne(objs[i], objs[j]);
	}
	ck_assert_ptr_null(type == CAP_ENDPOINT ? (void *)endpoint_alloc(0)
					       : (void *)notification_alloc(0));
}

START_TEST(test_endpoints_return_to_the_pool)
{
	void *eps[MAX_ENDPOINTS];
	fill_pool(CAP_ENDPOINT, MAX_ENDPOINTS, eps);
	for (int i = 0; i < MAX_ENDPOINTS; i++) {
		ck_assert_int_eq(endpoint_index(eps[i]), i);
		ck_assert_int_eq(((struct endpoint *)eps[i])->refs, 1);
	}
	struct endpoint *ep = eps[40];
	struct cap *top = C(a, 40 % CSPACE_SLOTS);
	/* Copies and minted caps count; the object stays while any is left. */
	copy(a, 8, b, 1);
	mint(a, 8, c, 1, 5, EPR_SEND);
	ck_assert_int_eq(ep->refs, 3);
	ck_assert_int_eq(ep->recv_refs, 2);
	cap_delete(top);
	ck_assert_ptr_null(endpoint_alloc(0));
	cap_delete(C(b, 1));
	ck_assert_ptr_null(endpoint_alloc(0));
	cap_delete(C(c, 1));
	ck_assert_int_eq(ep->refs, 0);
	ck_assert_ptr_eq(endpoint_alloc(0), ep);
	/* A reused object starts clean. */
	ep->kind = EPQ_SEND;
	struct endpoint *again = ep_new(b, 2);
	ck_assert_ptr_eq(again, ep);
	ck_assert(again->kind == EPQ_IDLE && !again->head && !again->tail);
	ck_assert_int_eq(again->refs, 1);
	ck_assert_int_eq(again->recv_refs, 1);
}
END_TEST

START_TEST(test_notifications_return_to_the_pool)
{
	void *ns[MAX_NOTIFICATIONS];
	fill_pool(CAP_NOTIFY, MAX_NOTIFICATIONS, ns);
	for (int i = 0; i < MAX_NOTIFICATIONS; i++)
		ck_assert_int_eq(notification_index(ns[i]), i);
	struct notification *n = ns[3];
	copy(srv, 3, b, 1);
	ck_assert_int_eq(n->refs, 2);
	notification_signal(n, 4);
	cap_delete(C(srv, 3));
	ck_assert_ptr_null(notification_alloc(0));
	cap_delete(C(b, 1));
	ck_assert_int_eq(n->refs, 0);
	struct notification *again = ntf_new(c, 1);
	ck_assert_ptr_eq(again, n);
	ck_assert_uint_eq(again->word, 0);               /* old bits do not leak to the new owner */
	ck_assert(!again->waiter && !again->bound);
}
END_TEST

/* Marks t as holding a bound IRQ line, as irq_bind counts it (kernel/object/irq.c). */
static void binds_a_line(const struct task *t)
{
	*irq_lines_owned_by(t->tid) = 1;
}

/* Issue 11, defect 2: a moved Irq cap told nobody; now move, delete and clear all do. */
START_TEST(test_irq_cap_gone_on_move_delete_and_clear)
{
	struct cap val = { .type = CAP_IRQ, .irq_mask = 0x10 };
	binds_a_line(srv);
	binds_a_line(a);
	binds_a_line(b);
	binds_a_line(c);
	cap_install_root(C(srv, 2), &val);
	copy(srv, 2, a, 2);
	ck_assert_uint_eq(fake_irq_gone, 0);
	cap_move(C(a, 2), C(b, 3));
	ck_assert_uint_eq(fake_irq_gone, 1);
	ck_assert_uint_eq(fake_irq_gone_slot, 2);
	cap_delete(C(b, 3));
	ck_assert_uint_eq(fake_irq_gone, 2);
	ck_assert_uint_eq(fake_irq_gone_slot, 3);
	cspace_clear(&srv->cs);
	ck_assert_uint_eq(fake_irq_gone, 3);
	/* A notification cap going tells the IRQ lines too (they may signal through it). */
	ntf_new(c, 4);
	cap_delete(C(c, 4));
	ck_assert_uint_eq(fake_irq_ntf_gone, 1);
	ck_assert_uint_eq(fake_irq_gone_slot, 4);
}
END_TEST

/* A KLog cap going, by any way, reaches kernel/debug/log.c. */
START_TEST(test_klog_cap_gone_on_move_and_revoke)
{
	struct cap val = { .type = CAP_KLOG };
	klog_reader_tid = a->tid;
	cap_install_root(C(srv, 0), &val);
	copy(srv, 0, a, 1);
	cap_move(C(a, 1), C(a, 2));
	ck_assert_uint_eq(fake_klog_gone, 1);
	cap_revoke(C(srv, 0));
	ck_assert_uint_eq(fake_klog_gone, 2);
}
END_TEST

/*
 * Session 10's filters: a task that binds no IRQ line and is not the log
 * reader ends no binding there, so its caps leave without those notices;
 * one that binds a line or reads the log still gets them.
 */
START_TEST(test_gone_notices_skip_only_non_binders)
{
	struct cap irq = { .type = CAP_IRQ, .irq_mask = 0x10 }, klog = { .type = CAP_KLOG };
	cap_install_root(C(srv, 2), &irq);
	cap_install_root(C(srv, 3), &klog);
	for (int binder = 0; binder < 2; binder++) {
		if (binder) {
			binds_a_line(a);
			klog_reader_tid = a->tid;
		}
		copy(srv, 2, a, 2);
		copy(srv, 3, a, 3);
		ntf_new(a, 4);
		for (uint32_t slot = 2; slot <= 4; slot++)
			cap_delete(C(a, slot));
		if (!binder)
			ck_assert_uint_eq(fake_irq_gone + fake_irq_ntf_gone + fake_klog_gone, 0);
	}
	ck_assert_uint_eq(fake_irq_gone, 1);
	ck_assert_uint_eq(fake_irq_ntf_gone, 1);
	ck_assert_uint_eq(fake_klog_gone, 1);
}
END_TEST

/* ---- notifications ---- */

START_TEST(test_signal_ors_bits_and_taking_clears_them)
{
	struct notification *n = ntf_new(srv, 1);
	notification_signal(n, 1);
	notification_signal(n, 4);
	notification_signal(n, 1);
	ck_assert_uint_eq(n->word, 5);
	ck_assert_int_eq(wait_op(a, n), 0);               /* bits already there: no block */
	ASSERT_MSG(a, 5, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(n->word, 0);
	notification_signal(n, 8);
	ck_assert_uint_eq(n->word, 8);
	ck_assert_uint_eq(fake_blocks(a), 0);
}
END_TEST

START_TEST(test_waiter_gets_the_bits)
{
	struct notification *n = ntf_new(srv, 1);
	ck_assert_int_eq(wait_op(a, n), PENDING);
	ASSERT_BLOCKED(a, BLOCK_NOTIFY);
	notification_signal(n, 0x30);
	ASSERT_WOKEN(a, 0);
	ASSERT_MSG(a, 0x30, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(n->word, 0);
	ck_assert(!n->waiter && !a->ntf_waiting);
	/* Nobody waits now: the next bits stay for the next wait. */
	notification_signal(n, 2);
	ck_assert_uint_eq(n->word, 2);
	ck_assert_int_eq(wait_op(a, n), 0);
	ASSERT_MSG(a, 2, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(fake_wakes(a), 1);
}
END_TEST

START_TEST(test_cancelled_waiter_is_not_woken)
{
	struct notification *n = ntf_new(srv, 1);
	ck_assert_int_eq(wait_op(a, n), PENDING);
	kill_blocked(a);
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert(!n->waiter && !a->ntf_waiting);
	notification_signal(n, 1);
	ck_assert_uint_eq(n->word, 1);
	ck_assert_uint_eq(fake_wakes(a), 1);
}
END_TEST

START_TEST(test_bound_receiver_gets_the_bits_as_a_message)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct notification *n = ntf_new(srv, 1);
	bind(srv, n);
	mint(srv, 0, b, 0, 0, EPR_RECV);
	mint(srv, 0, c, 0, 0, EPR_RECV);
	mint(srv, 0, a, 0, 0xA, EPR_SEND);
	/* srv waits between two other receivers. */
	ck_assert_int_eq(recv_op(b, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ck_assert_int_eq(recv_op(c, 0), PENDING);
	notification_signal(n, 6);
	ASSERT_WOKEN(srv, 0);
	ASSERT_MSG(srv, 6, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(n->word, 0);
	ck_assert_ptr_null(srv->ipc_ep);
	assert_queue(ep, (struct task *[]){ b, c }, 2);
	/* Messages go to the others, in order. */
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(1, 0, 0), 1, 0), 0);
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(1, 0, 0), 2, 0), 0);
	ASSERT_MSG(b, 0xA, IPC_TAG(1, 0, 0), 1, 0);
	ASSERT_MSG(c, 0xA, IPC_TAG(1, 0, 0), 2, 0);
	ASSERT_MSG(srv, 6, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(fake_wakes(srv), 1);
}
END_TEST

START_TEST(test_bound_bits_wait_for_the_next_receive)
{
	struct endpoint *ep = ep_new(srv, 0);
	struct notification *n = ntf_new(srv, 1);
	bind(srv, n);
	mint(srv, 0, a, 0, 0xA, EPR_SEND);
	ep_new(d, 0);
	mint(d, 0, srv, 2, 0, EPR_SEND);
	/* Not in recv (here: calling d): the bits wait. */
	ck_assert_int_eq(CALL(srv, 2, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	notification_signal(n, 0x100);
	ASSERT_BLOCKED(srv, BLOCK_SEND);
	ck_assert_uint_eq(n->word, 0x100);
	ck_assert_int_eq(recv_op(d, 0), 0);
	ck_assert_int_eq(reply_op(d, IPC_TAG(0, 0, 0), 0, 0), 0);
	ASSERT_WOKEN(srv, 0);
	/* The next receive returns them at once, before a queued sender. */
	ck_assert_int_eq(SEND(a, 0, IPC_TAG(1, 0, 0), 1, 0), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 0x100, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
	ck_assert_uint_eq(n->word, 0);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 0xA, IPC_TAG(1, 0, 0), 1, 0);
	ASSERT_WOKEN(a, 0);
	ck_assert_int_eq(ep->kind, EPQ_IDLE);
}
END_TEST

START_TEST(test_waiters_own_cap_going_wakes_it)
{
	struct notification *n = ntf_new(srv, 1);
	copy(srv, 1, a, 1);
	ck_assert_int_eq(wait_op(a, n), PENDING);
	cap_delete(C(srv, 1));
	ASSERT_BLOCKED(a, BLOCK_NOTIFY);
	cap_delete(C(a, 1));
	ASSERT_WOKEN(a, -E_EMPTY);
	ck_assert(!n->waiter && !a->ntf_waiting);
	/* A bound task is unbound. */
	struct notification *m = ntf_new(b, 1);
	bind(b, m);
	cap_delete(C(b, 1));
	ck_assert(!b->ntf_bound && !m->bound);
}
END_TEST

START_TEST(test_reset_unbinds)
{
	ep_new(srv, 0);
	struct notification *n = ntf_new(srv, 1);
	bind(srv, n);
	ipc_task_reset(srv);
	ck_assert(!srv->ntf_bound && !n->bound);
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	notification_signal(n, 1);
	ASSERT_BLOCKED(srv, BLOCK_RECV);
	ck_assert_uint_eq(n->word, 1);
	/* Bound again, the next receive gets the bits. */
	kill_blocked(srv);
	bind(srv, n);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	ASSERT_MSG(srv, 1, IPC_TAG(IPC_LABEL_NOTIFY, 0, 0), 0, 0);
}
END_TEST

/* ---- fault messages (kernel/proc/fault.c sends them; fault_ep names the endpoint) ---- */

/* t's fault endpoint is the endpoint in srv's slot 0, with badge; and a #GP on `in` 0x64. */
static void fault_setup(struct task *t, uint32_t badge)
{
	t->fault_cap = (struct cap){ .type = CAP_ENDPOINT };
	t->fault_cap.obj = (struct capobj){ ep_of(srv, 0), badge, EPR_SEND };
	kobj_ref(&t->fault_cap, +1);
	t->fault = (struct supmsg){ .kind = SUP_FAULT, .tid = t->tid, .vector = 13,
				    .eip = 0x40001234, .err = 0, .io_op = IOOP_IN, .port = 0x64,
				    .width = 1, .faults = 3, .restarts = 2 };
}

static long fault_op(struct task *t)
{
	enter(t);
	return leave(t, ipc_fault_call(t));
}

static void assert_fault_msg(struct task *t, uint32_t badge, const struct task *from)
{
	ASSERT_MSG(t, badge, IPC_TAG(IPC_LABEL_FAULT, IPC_FAULT_WORDS, 0), from->tid,
		   13u | IOOP_IN << 8 | 1u << 16);
	ck_assert_uint_eq(t->utcb->mr[2], 0x40001234);
	ck_assert_uint_eq(t->utcb->mr[3], 0);
	ck_assert_uint_eq(t->utcb->mr[4], 0);
	ck_assert_uint_eq(t->utcb->mr[5], 0x64);
	ck_assert_uint_eq(t->utcb->mr[6], 3);
	ck_assert_uint_eq(t->utcb->mr[7], 2);
}

/* A waiting receiver gets the fault; the reply's label is the action, not registers. */
START_TEST(test_fault_to_waiting_receiver_and_action_reply)
{
	ep_new(srv, 0);
	fault_setup(a, 0x5EED);
	memset(a->utcb->mr, 0x3C, sizeof(a->utcb->mr));
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ck_assert_int_eq(fault_op(a), PENDING);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	ck_assert_int_eq(a->fault_call, 1);
	ASSERT_WOKEN(srv, 0);
	assert_fault_msg(srv, 0x5EED, a);
	ck_assert_uint_eq(a->utcb->mr[2], 0x3C3C3C3C);       /* the faulter's own UTCB untouched */
	ck_assert_int_eq(srv->reply.tid, a->tid);
	struct trapframe before = *task_user_frame(a);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(FA_RESUME | FA_QUIET, 2, 0), 0x111, 0x222), 0);
	ASSERT_WOKEN(a, 0);
	ck_assert_uint_eq(a->fault_action, FA_RESUME | FA_QUIET);
	ck_assert_mem_eq(task_user_frame(a), &before, sizeof(before));
}
END_TEST

/* Nobody receiving: the fault waits queued, and recv takes it; an unused reply fails it. */
START_TEST(test_fault_queued_then_received)
{
	ep_new(srv, 0);
	fault_setup(a, 7);
	ck_assert_int_eq(fault_op(a), PENDING);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	assert_fault_msg(srv, 7, a);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	/* The next recv drops the unused reply cap: the fault call fails. */
	ck_assert_int_eq(recv_op(srv, 0), PENDING);
	ASSERT_WOKEN(a, -E_DEAD);
}
END_TEST

/*
 * An answer the fault does not take is refused before the reply cap is
 * used (ipc_check_reply, what every reply system call asks first), with
 * fault_reply's error; the fault keeps waiting for a good one.  An
 * ordinary call's label is the server's business.
 */
START_TEST(test_fault_answer_checked_before_reply)
{
	static const uint32_t bad[] = { FA_RESUME, FA_RESUME | FA_QUIET, 0, 4, 0x77,
					FA_KILL | 0x200, FA_RESTART | 0x8000 };
	ep_new(srv, 0);
	fault_setup(a, 1);
	a->fault.vector = 6;                 /* a ud2: resuming would run it again */
	a->fault.io_op = IOOP_NONE;
	ck_assert_int_eq(fault_op(a), PENDING);
	ck_assert_int_eq(recv_op(srv, 0), 0);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ipc_check_reply(srv, &srv->reply, IPC_TAG(bad[i], 0, 0)), -E_INVAL);
		ck_assert_int_eq(fault_answer_check(&a->fault, bad[i]), -E_INVAL);
	}
	ck_assert_int_eq(ipc_check_reply(srv, &srv->reply, IPC_TAG(FA_RESTART | FA_QUIET, 0, 0)), 0);
	ck_assert_int_eq(ipc_check_reply(srv, &srv->reply, IPC_TAG(FA_KILL, 0, 0)), 0);
	ASSERT_BLOCKED(a, BLOCK_REPLY);
	ck_assert_int_eq(srv->reply.tid, a->tid);
	/* The same fault at an `in`: now a resume is an answer. */
	a->fault.vector = 13;
	a->fault.io_op = IOOP_IN;
	ck_assert_int_eq(ipc_check_reply(srv, &srv->reply, IPC_TAG(FA_RESUME, 0, 0)), 0);
	ck_assert_int_eq(reply_op(srv, IPC_TAG(FA_KILL, 0, 0), 0, 0), 0);
	ASSERT_WOKEN(a, 0);
	ck_assert_uint_eq(a->fault_action, FA_KILL);
	/* Not a fault call: any label goes. */
	ep_new(b, 1);
	mint(b, 1, c, 2, 0, EPR_SEND);
	ck_assert_int_eq(recv_op(b, 1), PENDING);
	ck_assert_int_eq(CALL(c, 2, IPC_TAG(1, 0, 0), 0, 0), PENDING);
	ck_assert_int_eq(ipc_check_reply(b, &b->reply, IPC_TAG(0x77, 0, 0)), 0);
	ck_assert_int_eq(reply_op(b, IPC_TAG(0x77, 0, 0), 0, 0), 0);
	ASSERT_WOKEN(c, 0);
}
END_TEST

/* No receive right left anywhere: the fault fails at once, and a queued one is flushed. */
START_TEST(test_fault_without_receiver_is_dead)
{
	ep_new(srv, 0);
	fault_setup(a, 0);
	fault_setup(b, 0);
	ck_assert_int_eq(fault_op(a), PENDING);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	cap_delete(C(srv, 0));
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert_int_eq(fault_op(b), -E_DEAD);
	ck_assert_uint_eq(fake_blocks(b), 0);
}
END_TEST


/* ---- the lifecycle rule for notifications, fault endpoints; pool quotas ---- */

/* Issue 11, defect 3: the bound task's only wait cap revoked; the binding goes with it. */
START_TEST(test_revoked_wait_cap_unbinds)
{
	ep_new(srv, 0);
	struct notification *n = ntf_new(b, 1);
	mint(b, 1, srv, 1, 0, NTR_WAIT);
	bind(srv, n);
	cap_revoke(C(b, 1));
	ck_assert(!srv->ntf_bound && !n->bound);
	notification_signal(n, 4);
	ck_assert_int_eq(recv_op(srv, 0), PENDING);   /* the bits no longer come through recv */
	ck_assert_uint_eq(n->word, 4);
	/* Another task may now wait on it. */
	copy(b, 1, c, 1);
	ck_assert_int_eq(wait_op(c, n), 0);
	ck_assert_uint_eq(task_user_frame(c)->ebx, 4);
}
END_TEST

START_TEST(test_revoked_wait_cap_ends_the_wait)
{
	struct notification *n = ntf_new(srv, 1);
	mint(srv, 1, a, 5, 0, NTR_WAIT);
	ck_assert_int_eq(wait_op(a, n), PENDING);
	cap_revoke(C(srv, 1));
	ASSERT_WOKEN(a, -E_EMPTY);
	ck_assert(!n->waiter && !a->ntf_waiting);
	ck_assert_int_eq(n->refs, 1);
}
END_TEST

/*
 * fault_ep(child, slot) lasts while the supervisor keeps the cap in slot;
 * a fault queued with it fails when it goes (kernel/object/lifecycle.c).
 */
START_TEST(test_fault_ep_ends_with_the_supervisors_cap)
{
	struct endpoint *ep = ep_new(srv, 0);
	mint(srv, 0, srv, 4, 9, EPR_SEND);
	a->parent = srv;
	b->parent = srv;
	fault_setup(a, 9);
	a->fault_src_slot = 4;
	fault_setup(b, 9);
	b->fault_src_slot = 0;                           /* named another slot */
	ck_assert_int_eq(fault_op(a), PENDING);
	ASSERT_BLOCKED(a, BLOCK_SEND);
	ck_assert_int_eq(ep->refs, 4);
	cap_delete(C(srv, 4));
	ASSERT_WOKEN(a, -E_DEAD);
	ck_assert_int_eq(a->fault_cap.type, CAP_NULL);
	ck_assert_int_eq(b->fault_cap.type, CAP_ENDPOINT);
	ck_assert_uint_eq(fake_fault_ep_drops, 1);
	ck_assert(ep->kind == EPQ_IDLE && !ep->head);
	ck_assert_int_eq(ep->refs, 2);
	/* A task that is not the holder's child keeps its fault endpoint. */
	c->parent = d;
	fault_setup(c, 9);
	c->fault_src_slot = 0;
	cap_move(C(srv, 0), C(e, 0));
	ck_assert_int_eq(b->fault_cap.type, CAP_NULL);
	ck_assert_int_eq(c->fault_cap.type, CAP_ENDPOINT);
}
END_TEST

/* Issue 11, defect 8: one task cannot empty a pool; its objects count wherever they went. */
START_TEST(test_quota_per_task_follows_the_maker)
{
	for (int i = 0; i < KOBJ_TASK_QUOTA; i++) {
		ck_assert(kobj_may_create(CAP_ENDPOINT, a, 0));
		ep_new(a, i);
		cap_move(C(a, i), C(b, i));              /* handed away: still a's */
	}
	ck_assert(!kobj_may_create(CAP_ENDPOINT, a, 0));
	ck_assert(kobj_may_create(CAP_NOTIFY, a, 0));    /* each pool on its own */
	ck_assert(kobj_may_create(CAP_ENDPOINT, c, 0));  /* others still can */
	cap_delete(C(b, 3));
	ck_assert(kobj_may_create(CAP_ENDPOINT, a, 0));
	/* The maker gone (a new tid in its slot), its objects count against nobody. */
	struct task *a2 = fake_task_new(1);
	ck_assert_ptr_eq(a2, a);
	ck_assert(kobj_may_create(CAP_ENDPOINT, a2, 0));
}
END_TEST

/* Many tasks together fill the pool only up to the root's reserve. */
START_TEST(test_root_reserve)
{
	struct task *makers[] = { b, c, d, e };
	int made = 0;
	for (int m = 0; m < 4; m++)
		for (int i = 0; i < CSPACE_SLOTS && kobj_may_create(CAP_NOTIFY, makers[m], 0); i++) {
			ntf_new(makers[m], i);
			made++;
		}
	ck_assert_int_eq(made, MAX_NOTIFICATIONS - KOBJ_ROOT_RESERVE);
	ck_assert(!kobj_may_create(CAP_NOTIFY, a, 0));
	for (int i = 0; i < KOBJ_ROOT_RESERVE; i++) {
		ck_assert(kobj_may_create(CAP_NOTIFY, srv, 1));
		ntf_new(srv, i);
	}
	ck_assert(!kobj_may_create(CAP_NOTIFY, srv, 1));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("ipc");
	TCase *tc = tcase_create("ipc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_senders_queue_in_fifo_order);
	tcase_add_test(tc, test_receivers_queue_in_fifo_order);
	tcase_add_test(tc, test_waiting_receiver_gets_badge_label_and_words);
	tcase_add_test(tc, test_long_message_copies_words_2_to_23);
	tcase_add_test(tc, test_words_never_more_than_the_tag_says);
	tcase_add_test(tc, test_cap_copy_is_a_child_of_the_senders_cap);
	tcase_add_test(tc, test_cap_move_empties_the_senders_slot);
	tcase_add_test(tc, test_reply_cap_only_moves);
	tcase_add_test(tc, test_receiver_without_recv_slots_gets_no_caps);
	tcase_add_test(tc, test_cap_revoked_while_sender_queued_is_skipped);
	tcase_add_test(tc, test_reply_cap_put_in_a_queued_senders_slot_is_not_copied);
	tcase_add_test(tc, test_reply_carries_caps_without_grant);
	tcase_add_test(tc, test_check_msg_errors);
	tcase_add_test(tc, test_fault_to_waiting_receiver_and_action_reply);
	tcase_add_test(tc, test_fault_queued_then_received);
	tcase_add_test(tc, test_fault_answer_checked_before_reply);
	tcase_add_test(tc, test_fault_without_receiver_is_dead);
	tcase_add_test(tc, test_call_and_reply);
	tcase_add_test(tc, test_each_call_has_its_own_cookie);
	tcase_add_test(tc, test_reply_to_a_dead_caller_is_dead);
	tcase_add_test(tc, test_reply_after_caller_restarted_is_dead);
	tcase_add_test(tc, test_reply_discard_wakes_the_caller_once);
	tcase_add_test(tc, test_receiving_again_fails_the_unanswered_call);
	tcase_add_test(tc, test_deleting_a_saved_reply_cap_fails_the_call);
	tcase_add_test(tc, test_server_reset_fails_its_calls);
	tcase_add_test(tc, test_cancel_takes_a_sender_off_any_place_in_the_queue);
	tcase_add_test(tc, test_cancel_takes_a_receiver_off_the_queue);
	tcase_add_test(tc, test_interrupted_task_does_not_receive);
	tcase_add_test(tc, test_last_receive_right_fails_queued_and_later_senders);
	tcase_add_test(tc, test_revoked_receiver_leaves_the_queue_at_once);
	tcase_add_test(tc, test_moved_receive_cap_leaves_the_queue);
	tcase_add_test(tc, test_other_cap_of_the_receiver_going_changes_nothing);
	tcase_add_test(tc, test_revoked_sender_leaves_the_queue_at_once);
	tcase_add_test(tc, test_taken_call_outlives_its_send_cap);
	tcase_add_test(tc, test_klog_cap_gone_on_move_and_revoke);
	tcase_add_test(tc, test_revoked_wait_cap_unbinds);
	tcase_add_test(tc, test_revoked_wait_cap_ends_the_wait);
	tcase_add_test(tc, test_fault_ep_ends_with_the_supervisors_cap);
	tcase_add_test(tc, test_quota_per_task_follows_the_maker);
	tcase_add_test(tc, test_root_reserve);
	tcase_add_test(tc, test_endpoints_return_to_the_pool);
	tcase_add_test(tc, test_notifications_return_to_the_pool);
	tcase_add_test(tc, test_irq_cap_gone_on_move_delete_and_clear);
	tcase_add_test(tc, test_gone_notices_skip_only_non_binders);
	tcase_add_test(tc, test_signal_ors_bits_and_taking_clears_them);
	tcase_add_test(tc, test_waiter_gets_the_bits);
	tcase_add_test(tc, test_cancelled_waiter_is_not_woken);
	tcase_add_test(tc, test_bound_receiver_gets_the_bits_as_a_message);
	tcase_add_test(tc, test_bound_bits_wait_for_the_next_receive);
	tcase_add_test(tc, test_waiters_own_cap_going_wakes_it);
	tcase_add_test(tc, test_reset_unbinds);
	suite_add_tcase(s, tc);
	return s;
}
