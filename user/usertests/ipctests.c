/*
 * ipctests.c - messages between usertests and ipcpeer: creating and
 * minting caps, call/reply, badges, saved and dropped replies, and the
 * errors checked before anything happens.  Each test starts from
 * ipc_fresh(), so one that fails leaves nothing behind for the next.
 */
#include "user/usertests/ipctests.h"

/* ---- creating and minting ---- */

int t_ipc_create_and_info(void)
{
	struct capinfo ep, ci;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ep_create(S_EP), -E_FULL);
	CHECK_EQ(sys_ep_create(32), -E_BADSLOT);
	CHECK_EQ(sys_ep_create(0xFFFFFFFFu), -E_BADSLOT);
	CHECK_EQ(sys_ntf_create(S_EP), -E_FULL);
	CHECK_EQ(sys_ntf_create(32), -E_BADSLOT);
	CHECK_EQ(sys_ntf_create(0xFFFFFFFFu), -E_BADSLOT);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_info(S_EP, &ep), 0);
	CHECK_EQ(ep.type, CAPT_ENDPOINT);
	CHECK_EQ(ep.rights, EPR_ALL);
	CHECK_EQ(ep.badge, 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 0x1234, EPR_SEND), 0);
	CHECK_EQ(sys_cap_info(S_A, &ci), 0);
	CHECK_EQ(ci.type, CAPT_ENDPOINT);
	CHECK_EQ(ci.rights, EPR_SEND);
	CHECK_EQ(ci.badge, 0x1234);
	CHECK_EQ(ci.object, ep.object);
	CHECK_EQ(sys_cap_info(S_NTF, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NOTIFY);
	CHECK_EQ(ci.rights, NTR_ALL);
	CHECK_EQ(sys_cap_mint(S_NTF, S_B, 0x40, NTR_SIGNAL), 0);
	CHECK_EQ(sys_cap_info(S_B, &ci), 0);
	CHECK_EQ(ci.badge, 0x40);
	CHECK_EQ(ci.rights, NTR_SIGNAL);
	return 0;
}

int t_ipc_mint_only_narrows(void)
{
	struct capinfo ci;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 7, EPR_SEND), 0);
	CHECK_EQ(sys_cap_mint(S_A, S_B, 8, EPR_SEND), -E_PERM);            /* re-badging */
	CHECK_EQ(sys_cap_mint(S_A, S_B, 0, EPR_SEND | EPR_RECV), -E_PERM); /* adding a right */
	CHECK_EQ(sys_cap_mint(S_A, S_B, 0, EPR_SEND | 0x80), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_A, S_B, 0, 0), 0);                         /* the badge stays */
	CHECK_EQ(sys_cap_info(S_B, &ci), 0);
	CHECK_EQ(ci.badge, 7);
	CHECK_EQ(ci.rights, 0);
	CHECK_EQ(sys_cap_mint(S_ALL, S_C, 1, 1), -E_TYPE);
	CHECK_EQ(sys_cap_mint(S_KLOG, S_C, 1, 1), -E_TYPE);
	CHECK_EQ(sys_cap_mint(S_C, S_D, 1, 1), -E_EMPTY);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 1, 1), -E_FULL);
	CHECK_EQ(sys_cap_mint(S_EP, 32, 1, 1), -E_BADSLOT);
	/* A minted cap is a child: revoking the endpoint cap takes both. */
	CHECK_EQ(sys_cap_revoke(S_EP), 0);
	CHECK_EQ(slot_type(S_A), CAPT_NULL);
	CHECK_EQ(slot_type(S_B), CAPT_NULL);
	return 0;
}

/* ---- call and reply ---- */

int t_ipc_call_round_trip(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 0x5A5A);
	CHECK(srv > 0);
	for (unsigned i = 2; i < IPC_WORDS; i++)
		utcb()->mr[i] = 0x1000u * i + 7;
	m = (struct ipc_msg){ IPC_TAG(OP_ECHO, IPC_WORDS, 0), 0x11111111, 0x22222222, 0 };
	CHECK_EQ(ipc_call(S_SEND, &m), 0);
	CHECK_EQ(m.tag, IPC_TAG(OP_ECHO, IPC_WORDS, 0));
	CHECK_EQ(m.w0, ~0x11111111u);
	CHECK_EQ(m.w1, ~0x22222222u);
	for (unsigned i = 2; i < IPC_WORDS; i++)
		CHECK_EQ(utcb()->mr[i], ~(0x1000u * i + 7));
	/* Two words travel in registers only: the UTCB is left alone both ways. */
	utcb()->mr[2] = 0xCAFE;
	CHECK_EQ(call_op(S_SEND, OP_ECHO, 5, 6, &m), 0);
	CHECK_EQ(m.tag, IPC_TAG(OP_ECHO, 2, 0));
	CHECK_EQ(m.w0, ~5u);
	CHECK_EQ(utcb()->mr[2], 0xCAFE);
	CHECK_EQ(call_op(S_SEND, OP_PING, 77, 0, &m), 0);
	CHECK_EQ(m.w0, 0x5A5A);              /* the server saw our cap's badge */
	CHECK_EQ(m.w1, 77);
	CHECK_EQ(m.badge, 0);                /* replies carry no badge */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/*
 * A server pinned to another CPU answers from there, and its caller, pinned
 * to CPU 0, gets the reply there: no switch of the IPC paths runs a pinned
 * task on the wrong CPU (task_affinity).  Skipped on one CPU.
 */
int t_ipc_pinned_peers_stay_on_their_cpus(void)
{
	struct cpuinfo ci;
	struct ipc_msg m;
	long n = sys_cpu_info(-1, &ci);
	CHECK(n >= 1);
	if (n < 2)
		return ut_skip("1 CPU");
	ipc_fresh();
	CHECK_EQ(sys_task_affinity(0, 0), 0);
	int srv = server_start("serve", 9);
	CHECK(srv > 0);
	CHECK_EQ(sys_task_affinity(srv, 1), 0);
	for (unsigned i = 0; i < 20; i++) {
		CHECK_EQ(call_op(S_SEND, OP_WHERE, 0, 0, &m), 0);
		CHECK_EQ(m.w0, 1);
		CHECK_EQ(sys_cpu_info(-1, &ci), n);
		CHECK_EQ(ci.id, 0);
	}
	CHECK_EQ(server_stop(srv), 0);
	CHECK_EQ(sys_task_affinity(0, -1), 0);
	return 0;
}

int t_ipc_badges_tell_clients_apart(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 1);
	CHECK(srv > 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_SEND2, 2, EPR_SEND), 0);
	for (unsigned i = 0; i < 6; i++) {
		unsigned which = i % 2 ? S_SEND2 : S_SEND;
		CHECK_EQ(call_op(which, OP_PING, i, 0, &m), 0);
		CHECK_EQ(m.w0, which == S_SEND ? 1u : 2u);
		CHECK_EQ(m.w1, i);
	}
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

int t_ipc_reply_recv_1000_calls(void)
{
	struct ipc_msg m;
	unsigned bad = 0;
	ipc_fresh();
	int srv = server_start("serve", 3);
	CHECK(srv > 0);
	for (unsigned i = 0; i < 1000; i++) {
		unsigned w0 = i * 2654435761u, w1 = i;
		utcb()->mr[2] = i ^ 0xDEAD;
		m = (struct ipc_msg){ IPC_TAG(OP_ECHO, 3, 0), w0, w1, 0 };
		if (ipc_call(S_SEND, &m) || m.w0 != ~w0 || m.w1 != ~w1 || utcb()->mr[2] != ~(i ^ 0xDEAD))
			bad++;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[2], 1001);       /* calls served */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

int t_ipc_send_blocks_until_received(void)
{
	const unsigned delay = 5;
	struct ipc_msg m = ipc_msg(0, 42, 0);
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	long t0 = sys_uptime();
	int rx = peer_start("recvonce delay=5", S_EP, 0, EPR_RECV);
	CHECK(rx > 0);
	CHECK_EQ(ipc_send(S_EP, &m), 0);
	long waited = sys_uptime() - t0;
	printf("# send returned after %ld ticks (receiver slept %u)\n", waited, delay);
	CHECK(waited >= (long)delay);
	CHECK_EQ(peer_exit(rx), 42);
	return 0;
}

/* ---- saved and dropped replies ---- */

int t_ipc_reply_save_out_of_order(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 2);
	CHECK(srv > 0);
	int first = client_start(OP_SAVE, 111, 0, 1);
	CHECK(first > 0);
	CHECK_EQ(peer_blocked(first), 0);           /* its call is in */
	CHECK_EQ(call_op(S_SEND, OP_SECOND, 222, 0, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), 1);          /* answered first */
	CHECK_EQ(m.w1, 222);
	CHECK_EQ(peer_exit(first), 2); /* answered second, with its own w0 */
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[3], 0);                 /* its checks: cap_copy E_PERM, slot used up */
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/* A saved reply cap can move to another task, which answers; it can never be copied. */
int t_ipc_unused_reply_fails_call(void)
{
	struct ipc_msg m;
	ipc_fresh();
	int srv = server_start("serve", 15);
	CHECK(srv > 0);
	CHECK_EQ(call_op(S_SEND, OP_SAVEDROP, 0, 0, &m), -E_DEAD);
	CHECK_EQ(call_op(S_SEND, OP_DROP, 0, 0, &m), -E_DEAD);
	CHECK_EQ(call_op(S_SEND, OP_PING, 0, 0, &m), 0);
	CHECK_EQ(utcb()->mr[2], 3);
	CHECK_EQ(utcb()->mr[3], 0);
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

/* ---- errors ---- */

static long raw(unsigned nr, unsigned slot, unsigned tag)
{
	struct ipc_msg m = { tag, 0, 0, 0 };
	return ipc_sys(nr, slot, &m);
}

int t_ipc_errors(void)
{
	static const unsigned bad_slots[] = { 32, 0x80000000u, 0xFFFFFFFFu };
	static const unsigned ops[] = { SYS_ipc_send, SYS_ipc_call, SYS_ipc_recv, SYS_ipc_reply_recv,
					SYS_ntf_signal, SYS_ntf_wait, SYS_ntf_poll, SYS_ntf_bind };
	const unsigned ok_tag = IPC_TAG(1, 2, 0);
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_SEND, 1, EPR_SEND | EPR_GRANT), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 0, EPR_RECV), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(bad_slots); i++) {
		for (unsigned j = 0; j < ARRAY_SIZE(ops); j++)
			if (ops[j] != SYS_ntf_bind || bad_slots[i] != IPC_NO_SLOT)   /* that unbinds */
				CHECK_EQ(raw(ops[j], bad_slots[i], ok_tag), -E_BADSLOT);
		CHECK_EQ(sys_reply_save(bad_slots[i]), -E_BADSLOT);
	}
	CHECK_EQ(raw(SYS_ipc_call, S_D, ok_tag), -E_EMPTY);
	CHECK_EQ(raw(SYS_ipc_recv, S_D, ok_tag), -E_EMPTY);
	CHECK_EQ(raw(SYS_ipc_call, S_ALL, ok_tag), -E_TYPE);
	CHECK_EQ(raw(SYS_ipc_call, S_NTF, ok_tag), -E_TYPE);
	CHECK_EQ(raw(SYS_ipc_recv, S_NTF, ok_tag), -E_TYPE);
	CHECK_EQ(raw(SYS_ntf_signal, S_EP, 0), -E_TYPE);
	CHECK_EQ(raw(SYS_ntf_wait, S_EP, 0), -E_TYPE);
	CHECK_EQ(raw(SYS_ipc_call, S_A, ok_tag), -E_PERM);      /* receive only */
	CHECK_EQ(raw(SYS_ipc_send, S_A, ok_tag), -E_PERM);
	CHECK_EQ(raw(SYS_ipc_recv, S_SEND, ok_tag), -E_PERM);   /* send only */
	CHECK_EQ(raw(SYS_ipc_reply, 0, ok_tag), -E_EMPTY);
	CHECK_EQ(sys_reply_save(S_D), -E_EMPTY);
	CHECK_EQ(sys_reply_save(S_EP), -E_FULL);
	/* With nobody left to receive, a message that passes every check fails E_DEAD, never blocks. */
	CHECK_EQ(sys_cap_delete(S_A), 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);
	utcb()->send_cap[0] = utcb()->send_cap[1] = S_NTF;
	CHECK_EQ(raw(SYS_ipc_call, S_SEND, IPC_TAG(1, IPC_WORDS + 1, 0)), -E_INVAL);
	CHECK_EQ(raw(SYS_ipc_call, S_SEND, IPC_TAG(1, 31, 0)), -E_INVAL);
	CHECK_EQ(raw(SYS_ipc_call, S_SEND, IPC_TAG(1, 2, 3)), -E_INVAL);
	CHECK_EQ(raw(SYS_ipc_send, S_SEND, IPC_TAG(IPC_LABEL_NOTIFY, 2, 0)), -E_INVAL);
	CHECK_EQ(raw(SYS_ipc_reply, 0, IPC_TAG(1, IPC_WORDS + 1, 0)), -E_INVAL);
	CHECK_EQ(raw(SYS_ipc_call, S_SEND, IPC_TAG(1, IPC_WORDS, 2)), -E_DEAD);
	CHECK_EQ(raw(SYS_ipc_send, S_SEND, ok_tag), -E_DEAD);
	/* The int 0x80 gate decodes the same way. */
	CHECK_EQ(syscall_int80(SYS_ipc_call, 32, ok_tag, 0, 0), -E_BADSLOT);
	CHECK_EQ(syscall_int80(SYS_ipc_send, S_SEND, ok_tag, 0, 0), -E_DEAD);
	return 0;
}
