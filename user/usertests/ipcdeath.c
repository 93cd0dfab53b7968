/*
 * ipcdeath.c - the other side goes away: no caller may wait forever, and
 * killing a task blocked in IPC leaves every queue usable.
 */
#include "user/usertests/ipctests.h"

#define DEAD_CODE (PEER_ERR + E_DEAD)
#define KOBJ_QUOTA 16      /* kernel/object/ipc.h KOBJ_TASK_QUOTA */

static int killed_by_us(const struct exitinfo *e)
{
	return e->code == -1 && e->killed_by == sys_getpid();
}

int t_ipc_server_dies_holding_call(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 1);
	CHECK(srv > 0);
	int saved = client_start(OP_SAVE, 5, 0, 2);
	CHECK(saved > 0);
	CHECK_EQ(peer_blocked(saved), 0);
	CHECK_EQ(call_op(S_SEND, OP_DIE, 0, 0, &m), -E_DEAD);
	CHECK_EQ(peer_exit(srv), 0);
	CHECK_EQ(peer_exit(saved), DEAD_CODE); /* its saved reply cap went with the server */
	return 0;
}

int t_ipc_no_receiver_fails_at_once(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 1);
	CHECK(srv > 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);          /* the server holds the only receive right */
	CHECK_EQ(server_stop(srv), 0);
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), -E_DEAD);
	m = ipc_msg(OP_PING, 0, 0);
	CHECK_EQ(ipc_send(S_SEND, &m), -E_DEAD);
	return 0;
}

/* A server holding one client's call (OP_HOLD), and a second client queued behind it. */
static int held_and_queued(int *srv, int *held, int *queued)
{
	*srv = server_start("serve", 1);
	*held = *srv > 0 ? client_start(OP_HOLD, 1, 0, 1) : -1;
	/* Both blocked: the server must have taken the call (it would have woken otherwise). */
	if (*held <= 0 || peer_blocked(*held) || peer_blocked(*srv))
		return -1;
	*queued = client_start(OP_PING, 2, 0, 2);
	return *queued > 0 && !peer_blocked(*queued) ? 0 : -1;
}

int t_ipc_killed_server_fails_queue(void)
{
	struct exitinfo e;
	int srv, held, queued;
	ipc_fresh();
	CHECK_EQ(held_and_queued(&srv, &held, &queued), 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);
	CHECK_EQ(peer_kill(srv, &e), 0);
	CHECK(killed_by_us(&e));
	CHECK_EQ(peer_exit(held), DEAD_CODE);
	CHECK_EQ(peer_exit(queued), DEAD_CODE);
	return 0;
}

int t_ipc_receiver_outlives_other_caps(void)
{
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int rx = peer_start("recvonce", S_EP, 0, EPR_RECV);
	CHECK(rx > 0);
	CHECK_EQ(peer_blocked(rx), 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);          /* its own cap keeps the endpoint */
	CHECK_EQ(stays_blocked(rx), 0);
	CHECK_EQ(peer_kill(rx, &e), 0);
	CHECK(killed_by_us(&e));

	/* Revoked, it leaves the queue at once (docs/lifecycle.md), though the object lives. */
	CHECK_EQ(sys_ep_create(S_EP), 0);
	rx = peer_start("recvonce", S_EP, 0, EPR_RECV);
	CHECK(rx > 0);
	CHECK_EQ(peer_blocked(rx), 0);
	CHECK_EQ(sys_cap_revoke(S_EP), 0);
	CHECK_EQ(peer_exit(rx), PEER_ERR + E_EMPTY);
	return 0;
}

int t_ipc_kill_blocked_tasks(void)
{
	struct exitinfo e;
	struct ipc_msg m;
	int srv, in_reply, in_send;
	ipc_fresh();
	CHECK_EQ(held_and_queued(&srv, &in_reply, &in_send), 0);
	CHECK_EQ(sys_ep_create(S_EP2), 0);
	int in_recv = peer_start("recvonce", S_EP2, 0, EPR_RECV);
	CHECK(in_recv > 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	int in_wait = peer_start("wait", S_NTF, 0, NTR_WAIT);
	CHECK(in_wait > 0);
	int victims[] = { in_reply, in_send, in_recv, in_wait, srv };
	for (unsigned i = 0; i < ARRAY_SIZE(victims); i++) {
		CHECK_EQ(peer_blocked(victims[i]), 0);
		CHECK_EQ(peer_kill(victims[i], &e), 0);
		CHECK(killed_by_us(&e));
	}
	/* Nobody dead is left on a queue or waiting: new peers get what is sent. */
	int rx = peer_start("recvonce", S_EP2, 0, EPR_RECV);
	CHECK(rx > 0);
	m = ipc_msg(0, 5, 0);
	CHECK_EQ(ipc_send(S_EP2, &m), 0);
	CHECK_EQ(peer_exit(rx), 5);
	int w = peer_start("wait", S_NTF, 0, NTR_WAIT);
	CHECK(w > 0);
	CHECK_EQ(peer_blocked(w), 0);
	CHECK_EQ(sys_ntf_signal(S_NTF), 0);
	CHECK_EQ(peer_exit(w), 1);
	return 0;
}

int t_ipc_kill_keeps_queue_order(void)
{
	struct exitinfo e;
	struct ipc_msg m = ipc_msg(0, 0, 0);
	int c[3];
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	for (unsigned i = 0; i < 3; i++) {
		c[i] = client_start(OP_PING, i + 1, 0, i + 1);
		CHECK(c[i] > 0);
		CHECK_EQ(peer_blocked(c[i]), 0);    /* queued in this order */
	}
	CHECK_EQ(peer_kill(c[1], &e), 0);           /* the middle one */
	for (unsigned i = 0; i < 3; i += 2) {
		CHECK_EQ(ipc_recv(S_EP, &m), 0);
		CHECK_EQ(m.badge, i + 1);
		CHECK_EQ(m.w0, i + 1);
		CHECK_EQ(IPC_TAG_LABEL(m.tag), OP_PING);
		m = ipc_msg(0, 0, i + 1);
		CHECK_EQ(ipc_reply(&m), 0);
		CHECK_EQ(peer_reap(c[i], &e), 0);
		CHECK_EQ(e.code, 0);
	}
	return 0;
}

/* Killed while still suspended: it must never get to block in IPC. */
int t_ipc_kill_before_first_run(void)
{
	static const char *const roles[] = { "serve", "client", "wait" };
	struct exitinfo e;
	int tid[3];
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	for (unsigned i = 0; i < 3; i++) {
		tid[i] = peer_spawn(roles[i]);
		CHECK(tid[i] > 0);
	}
	CHECK_EQ(peer_give(tid[0], S_EP, 0, EPR_RECV, 0), 0);
	CHECK_EQ(peer_give(tid[1], S_EP, 0, EPR_SEND, 0), 0);
	CHECK_EQ(peer_give(tid[2], S_NTF, 0, NTR_WAIT, 0), 0);
	for (unsigned i = 0; i < 3; i++) {
		CHECK_EQ(peer_kill(tid[i], &e), 0);
		CHECK(killed_by_us(&e));
	}
	return 0;
}

/* The server faults on one call; restarted, it serves the queue and the retry. */
int t_ipc_restart_keeps_queued_clients(void)
{
	struct supmsg s;
	struct taskinfo ti;
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 1);
	CHECK(srv > 0);
	int faulter = client_start(OP_FAULT, 1, OP_PING, 11);
	CHECK(faulter > 0);
	CHECK_EQ(sys_supervise(&s, 0), 0);
	CHECK_EQ(s.kind, SUP_FAULT);
	CHECK_EQ(s.tid, srv);
	CHECK_EQ(s.vector, 14);
	int queued = client_start(OP_PING, 2, 0, 12);
	CHECK(queued > 0);
	CHECK_EQ(peer_blocked(queued), 0);
	CHECK_EQ(sys_fault_reply(srv, FA_RESTART), 0);
	CHECK_EQ(peer_exit(faulter), 0); /* E_DEAD, then the retry was served */
	CHECK_EQ(peer_exit(queued), 0);
	CHECK_EQ(sys_taskinfo(srv, &ti), 0);
	CHECK_EQ(ti.restarts, 1);
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[2], 3);                 /* this incarnation: retry, queued, us */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/*
 * The pools are shared but no task empties one (docs/lifecycle.md): hogs,
 * each stopped at its quota, fill the part of the endpoint pool that is not
 * the root's reserve; then every task but the root gets E_NOMEM, until the
 * hogs' objects come back with them.
 */
int t_ipc_pools_run_out(void)
{
	struct ipc_msg m;
	int short_of_quota = 0;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	for (int h = 0; h < 6 && !short_of_quota; h++) {
		int p = peer_start("hog", S_EP, 0, EPR_SEND);
		CHECK(p > 0);
		CHECK_EQ(ipc_recv(S_EP, &m), 0);
		printf("# hog %d made %u endpoints, then %s\n", h, m.w0, strerror(-(long)m.w1));
		CHECK_EQ(m.w1, E_NOMEM);
		CHECK(m.w0 <= KOBJ_QUOTA);
		short_of_quota = m.w0 < KOBJ_QUOTA;
	}
	CHECK(short_of_quota);
	CHECK_EQ(sys_ep_create(S_A), -E_NOMEM);
	CHECK_EQ(slot_type(S_A), CAPT_NULL);
	ipc_fresh();                                /* the hogs go, and their objects */
	CHECK_EQ(sys_ep_create(S_A), 0);
	return 0;
}

/*
 * Every object the tests made is gone with its last cap: the pools hand
 * out their first entry again (they allocate the lowest free one).
 */
int t_ipc_objects_recycled(void)
{
	struct capinfo ep, ntf;
	ipc_fresh();
	for (int i = 0; i < 100; i++) {
		CHECK_EQ(sys_ep_create(S_EP), 0);
		CHECK_EQ(sys_ntf_create(S_NTF), 0);
		CHECK_EQ(sys_cap_info(S_EP, &ep), 0);
		CHECK_EQ(sys_cap_info(S_NTF, &ntf), 0);
		CHECK_EQ(ep.object, 0);
		CHECK_EQ(ntf.object, 0);
		CHECK_EQ(sys_cap_delete(S_EP), 0);
		CHECK_EQ(sys_cap_delete(S_NTF), 0);
	}
	return 0;
}
