/*
 * ipccaps.c - capabilities in messages: granted, moved, refused, revoked
 * while queued, and reply caps handed on to another task.
 */
#include "user/usertests/ipctests.h"

static long send_caps(unsigned ep, unsigned op, unsigned w0, unsigned ncaps, unsigned c0,
		      unsigned c1, struct ipc_msg *m)
{
	utcb()->send_cap[0] = c0;
	utcb()->send_cap[1] = c1;
	*m = (struct ipc_msg){ IPC_TAG(op, 2, ncaps), w0, 0, 0 };
	return ipc_call(ep, m);
}

/* The next supervisor event must be a fault of tid with vector (and, for #GP, an in on port). */
static int expect_fault(int tid, int vector, unsigned port)
{
	struct supmsg s;
	if (sys_supervise(&s, 0) || s.kind != SUP_FAULT || s.tid != tid || s.vector != vector ||
	    (vector == 13 && (s.io_op != IOOP_IN || s.port != port))) {
		printf("# supervisor event: kind %d tid %d vector %d port 0x%x\n", s.kind, s.tid,
		       s.vector, s.port);
		return -1;
	}
	return sys_fault_reply(tid, FA_RESUME) ? -1 : 0;
}

static int touch(int tid, unsigned port, int traps)
{
	struct ipc_msg m = ipc_msg(OP_TOUCH, port, 0);
	if (ipc_send(S_SEND, &m) || (traps && expect_fault(tid, 13, port)))
		return -1;
	return expect_fault(tid, 3, 0);
}

int t_ipc_grant_ioports_and_revoke(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 4);
	CHECK(srv > 0);
	CHECK_EQ(cap_derive(S_ALL, S_A, 0x2F8, 8, IOR_ALL), 0);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 1, S_A, 0, &m), 0);
	CHECK_EQ(m.w0, 1);                          /* one cap delivered */
	CHECK_EQ(utcb()->mr[2], CAPT_IOPORTS);
	CHECK_EQ(utcb()->mr[3], 0x2F8);
	CHECK_EQ(slot_type(S_A), CAPT_IOPORTS);     /* a copy: ours stays */
	/* The peer runs `in` on the port; only its breakpoint afterwards reaches us. */
	CHECK_EQ(touch(srv, 0x2F9, 0), 0);
	/* Its copy is our cap's child: revoking ours takes it. */
	CHECK_EQ(sys_cap_revoke(S_A), 0);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 0, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[2], CAPT_NULL);
	CHECK_EQ(touch(srv, 0x2F9, 1), 0);
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

int t_ipc_cap_move_and_recv_slots(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 5);
	CHECK(srv > 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 9, NTR_SIGNAL), 0);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 1, S_A | IPC_CAP_MOVE, 0, &m), 0);
	CHECK_EQ(m.w0, 1);
	CHECK_EQ(utcb()->mr[2], CAPT_NOTIFY);
	CHECK_EQ(utcb()->mr[3], 9);
	CHECK_EQ(slot_type(S_A), CAPT_NULL);        /* moved, not copied */
	CHECK_EQ(server_stop(srv), 0);

	/* A receiver that names no slot gets no caps, and the sender keeps them. */
	CHECK_EQ(sys_cap_delete(S_SEND), 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);
	srv = server_start("serve recv=none", 6);
	CHECK(srv > 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_A, 10, NTR_SIGNAL), 0);
	CHECK_EQ(sys_cap_mint(S_NTF, S_B, 11, NTR_SIGNAL), 0);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 2, S_A | IPC_CAP_MOVE, S_B, &m), 0);
	CHECK_EQ(m.w0, 0);
	CHECK_EQ(utcb()->mr[2], CAPT_NULL);
	CHECK_EQ(utcb()->mr[4], 1);                 /* its slots: just the endpoint */
	CHECK_EQ(slot_type(S_A), CAPT_NOTIFY);
	CHECK_EQ(slot_type(S_B), CAPT_NOTIFY);
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/* A task that never wrote its UTCB has named no receive slot either. */
int t_ipc_fresh_task_accepts_no_caps(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = peer_spawn("serve ep=5 recv=fresh");
	CHECK(srv > 0);
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(peer_give(srv, S_EP, 0, EPR_RECV, 5), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_SEND, 12, EPR_SEND | EPR_GRANT), 0);
	CHECK_EQ(sys_resume(srv), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 1, S_NTF, 0, &m), 0);
	CHECK_EQ(m.w0, 0);
	CHECK_EQ(utcb()->mr[4], 1);                 /* nothing landed in its empty slot 0 */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

int t_ipc_reply_carries_cap(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 13);
	CHECK(srv > 0);
	utcb()->recv_slot[0] = S_GOT;
	CHECK_EQ(call_op(S_SEND, OP_GIVE, 0, 0, &m), 0);
	utcb()->recv_slot[0] = IPC_NO_SLOT;
	CHECK_EQ(IPC_TAG_LABEL(m.tag), 0);          /* its ntf_create worked */
	CHECK_EQ(IPC_TAG_CAPS(m.tag), 1);
	CHECK_EQ(slot_type(S_GOT), CAPT_NOTIFY);
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/* A queued sender's caps move when it is taken; one revoked meanwhile does not arrive. */
static int queued_client_with_cap(unsigned badge, unsigned ntf_badge)
{
	int c = peer_spawn("client op=1 w0=9 cap=1");
	long r = c < 0 ? c : peer_give(c, S_EP, badge, EPR_SEND | EPR_GRANT, 0);
	if (!r)
		r = peer_give(c, S_NTF, ntf_badge, NTR_SIGNAL, 1);
	if (!r)
		r = sys_resume(c);
	if (!r)
		r = peer_blocked(c);
	return r ? (int)r : c;
}

static int answer_client(int c)
{
	struct ipc_msg m = ipc_msg(0, 0, 9);
	struct exitinfo e;
	if (ipc_reply(&m) || peer_reap(c, &e))
		return -1;
	return e.code;
}

int t_ipc_queued_sender_caps(void)
{
	struct ipc_msg m = ipc_msg(0, 0, 0);
	struct capinfo ci;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	utcb()->recv_slot[0] = S_GOT;
	int c = queued_client_with_cap(1, 0x33);
	CHECK(c > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(IPC_TAG_CAPS(m.tag), 1);
	CHECK_EQ(sys_cap_info(S_GOT, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NOTIFY);
	CHECK_EQ(ci.badge, 0x33);
	CHECK_EQ(answer_client(c), 0);
	CHECK_EQ(sys_cap_delete(S_GOT), 0);
	c = queued_client_with_cap(2, 0x44);
	CHECK(c > 0);
	CHECK_EQ(sys_cap_revoke(S_NTF), 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(m.badge, 2);
	CHECK_EQ(IPC_TAG_CAPS(m.tag), 0);
	CHECK_EQ(slot_type(S_GOT), CAPT_NULL);
	CHECK_EQ(answer_client(c), 0);
	return 0;
}

int t_ipc_grant_needs_right(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 14);
	CHECK(srv > 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_SEND, S_SEND2, 0, EPR_SEND), 0);
	CHECK_EQ(send_caps(S_SEND2, OP_CAPS, 0, 1, S_NTF, 0, &m), -E_PERM);
	CHECK_EQ(send_caps(S_SEND2, OP_CAPS, 0, 1, S_NTF | IPC_CAP_MOVE, 0, &m), -E_PERM);
	/* A forged or empty second slot fails the call before the first cap moves. */
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 2, S_NTF | IPC_CAP_MOVE, 40, &m), -E_BADSLOT);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 2, S_NTF | IPC_CAP_MOVE, S_D, &m), -E_EMPTY);
	CHECK_EQ(send_caps(S_SEND, OP_CAPS, 0, 1, 0xFFFFFFFFu, 0, &m), -E_BADSLOT);
	CHECK_EQ(slot_type(S_NTF), CAPT_NOTIFY);
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[2], 1);                 /* none of those reached the server */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/*
 * A server whose reply moves its own receive cap to the caller: the caller
 * gets it, and the server's receive that follows fails (E_EMPTY) instead of
 * blocking on an endpoint it no longer holds.  The IPC fast path, which
 * carries caps, leaves this reply to the slow path, which checks the
 * receive cap again after the reply.
 */
int t_ipc_reply_moves_its_receive_cap(void)
{
	struct ipc_msg m;
	struct exitinfo e;
	struct capinfo ci;
	ipc_fresh();
	int srv = server_start("serve", 15);
	CHECK(srv > 0);
	utcb()->recv_slot[0] = S_GOT;
	CHECK_EQ(call_op(S_SEND, OP_GIVEEP, 7, 0, &m), 0);
	utcb()->recv_slot[0] = IPC_NO_SLOT;
	CHECK_EQ(IPC_TAG_LABEL(m.tag), OP_GIVEEP);
	CHECK_EQ(IPC_TAG_CAPS(m.tag), 1);
	CHECK_EQ(m.w1, 7);
	CHECK_EQ(sys_cap_info(S_GOT, &ci), 0);
	CHECK_EQ(ci.type, CAPT_ENDPOINT);
	CHECK_EQ(peer_reap(srv, &e), 0);
	CHECK_EQ(e.code, PEER_ERR + E_EMPTY);
	return 0;
}

int t_ipc_reply_cap_moves(void)
{
	struct ipc_msg m = ipc_msg(0, 0, 0);
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int c = client_start(OP_PING, 31, 0, 5);
	CHECK(c > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(m.badge, 5);
	CHECK_EQ(sys_reply_save(S_A), 0);
	CHECK_EQ(slot_type(S_A), CAPT_REPLY);
	CHECK_EQ(sys_cap_copy(S_A, S_B), -E_PERM);
	int srv = peer_spawn("serve");
	CHECK(srv > 0);
	CHECK_EQ(sys_ep_create(S_EP2), 0);
	CHECK_EQ(peer_give(srv, S_EP2, 0, EPR_RECV, 0), 0);
	CHECK_EQ(sys_cap_mint(S_EP2, S_SEND2, 0, EPR_SEND | EPR_GRANT), 0);
	CHECK_EQ(sys_resume(srv), 0);
	CHECK_EQ(send_caps(S_SEND2, OP_ANSWER, 31, 1, S_A, 0, &m), -E_PERM);
	CHECK_EQ(send_caps(S_SEND2, OP_ANSWER, 31, 1, S_A | IPC_CAP_MOVE, 0, &m), 0);
	CHECK_EQ(m.w0, 0);                          /* its send on the reply cap worked */
	CHECK_EQ(slot_type(S_A), CAPT_NULL);
	CHECK_EQ(peer_exit(c), 3); /* the answer came from the other task */
	CHECK_EQ(call_op(S_SEND2, OP_EXIT, 0, 0, &m), 0);
	CHECK_EQ(peer_reap(srv, &e), 0);
	return 0;
}
