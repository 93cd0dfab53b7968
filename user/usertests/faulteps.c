/*
 * faulteps.c - fault endpoints (fault_ep): a child's faults arrive as IPC
 * messages on an endpoint of its supervisor, and the reply's label is the
 * answer.  The child is ioprobe with no ports, so every `in` traps.
 */
#include "user/usertests/ipctests.h"

#define PROBE_PORT 0x64

/* ioprobe with args, suspended, its faults going to the cap in slot ep. */
static int probe_start(const char *args, unsigned ep)
{
	int tid = peer_spawn_prog("ioprobe", args);
	if (tid < 0)
		return tid;
	long r = sys_fault_ep(tid, ep);
	if (!r)
		r = sys_resume(tid);
	if (r)
		return (int)r;        /* ipc_fresh() clears it up */
	return tid;
}

/* m, just received, must be a fault of tid; *f gets it decoded. */
static int is_fault(const struct ipc_msg *mp, int tid, unsigned badge, struct supmsg *f)
{
	struct ipc_msg m = *mp;
	if (IPC_TAG_LABEL(m.tag) != IPC_LABEL_FAULT ||
	    IPC_TAG_WORDS(m.tag) != IPC_FAULT_WORDS || m.badge != badge) {
		printf("# not a fault message: tag 0x%x badge 0x%x\n", m.tag, m.badge);
		return -1;
	}
	fault_msg_decode(&m, f);
	if (f->tid != tid) {
		printf("# fault of tid %d, expected %d\n", f->tid, tid);
		return -1;
	}
	return 0;
}

/* The next message on S_EP must be a fault of tid. */
static int next_fault(int tid, unsigned badge, struct supmsg *f)
{
	struct ipc_msg m;
	return ipc_recv(S_EP, &m) ? -1 : is_fault(&m, tid, badge, f);
}

static long answer(unsigned action)
{
	struct ipc_msg m = ipc_msg(action, 0, 0);
	return ipc_reply(&m);
}

/*
 * `ioprobe script P`: in, int3, in, int3, in; each resumed from a message,
 * answered in the reply of ipc_reply_recv (the fast path switches to the
 * faulter's kernel context) and the last by ipc_reply.
 */
int t_faultep_resume(void)
{
	struct supmsg f;
	struct exitinfo e;
	struct ipc_msg m;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 0x5EED, EPR_SEND), 0);
	int tid = probe_start("script 64", S_A);
	CHECK(tid > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	for (int i = 0; i < 5; i++) {
		CHECK_EQ(is_fault(&m, tid, 0x5EED, &f), 0);
		if (i % 2 == 0) {
			CHECK_EQ(f.vector, 13);
			CHECK_EQ(f.io_op, IOOP_IN);
			CHECK_EQ(f.port, PROBE_PORT);
			CHECK_EQ(f.width, 1);
			CHECK_EQ(f.err, 0);
		} else
			CHECK_EQ(f.vector, 3);
		CHECK_EQ(f.faults, (unsigned)i + 1);
		CHECK_EQ(f.restarts, 0);
		CHECK(f.eip >= 0x40000000u);
		if (i == 4)
			break;
		m = ipc_msg(FA_RESUME | FA_QUIET, 0, 0);
		CHECK_EQ(ipc_reply_recv(S_EP, &m), 0);
	}
	CHECK_EQ(answer(FA_RESUME | FA_QUIET), 0);
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(e.fault_vector, -1);
	return 0;
}

/*
 * Restart from a message, then a fault queued before anyone receives,
 * then an answer that is not an action: refused, as fault_reply refuses
 * it (it used to kill the child); the kill that follows does, and the
 * child dies of its #GP.
 */
int t_faultep_restart_queue_kill(void)
{
	struct supmsg f;
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int tid = probe_start("probe 3 64", S_EP);
	CHECK(tid > 0);
	CHECK_EQ(next_fault(tid, 0, &f), 0);
	CHECK_EQ(f.restarts, 0);
	CHECK_EQ(answer(FA_RESTART | FA_QUIET), 0);
	/* The new incarnation faults while nobody receives: it waits queued. */
	CHECK_EQ(peer_blocked(tid), 0);
	CHECK_EQ(next_fault(tid, 0, &f), 0);
	CHECK_EQ(f.restarts, 1);
	CHECK_EQ(f.faults, 2);
	CHECK_EQ(f.port, PROBE_PORT);
	CHECK_EQ(answer(0x77), -E_INVAL);
	CHECK_EQ(answer(FA_KILL), 0);
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	return 0;
}

/* Nobody left to receive: the fault kills at once, and so does a queued one. */
int t_faultep_dead_endpoint(void)
{
	struct exitinfo e;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 1, EPR_SEND), 0);
	int tid = probe_start("probe 1 64", S_A);
	CHECK(tid > 0);
	CHECK_EQ(peer_blocked(tid), 0);           /* queued on S_EP */
	CHECK_EQ(sys_cap_delete(S_EP), 0);       /* the only receive right */
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	/* The kernel's reference keeps the endpoint, but nobody can receive. */
	tid = probe_start("probe 1 64", S_A);
	CHECK(tid > 0);
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	return 0;
}

int t_faultep_errors(void)
{
	struct supmsg s;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_A, 0, EPR_RECV), 0);
	CHECK_EQ(sys_ntf_create(S_NTF), 0);
	int tid = peer_spawn_prog("ioprobe", "probe 1 64");
	CHECK(tid > 0);
	CHECK_EQ(sys_fault_ep(1, S_EP), -E_CHILD);            /* init is not our child */
	CHECK_EQ(sys_fault_ep(0x7FFFFF, S_EP), -E_SRCH);
	CHECK_EQ(sys_fault_ep(tid, 32), -E_BADSLOT);
	CHECK_EQ(sys_fault_ep(tid, S_B), -E_EMPTY);
	CHECK_EQ(sys_fault_ep(tid, S_NTF), -E_TYPE);
	CHECK_EQ(sys_fault_ep(tid, S_A), -E_PERM);            /* no send right */
	/* Nobody may send what only the kernel sends. */
	struct ipc_msg m = { IPC_TAG(IPC_LABEL_FAULT, 2, 0), 0, 0, 0 };
	CHECK_EQ(ipc_send(S_EP, &m), -E_INVAL);
	/* Set, then undone: the fault comes through supervise() after all. */
	CHECK_EQ(sys_fault_ep(tid, S_EP), 0);
	CHECK_EQ(sys_fault_ep(tid, FAULT_EP_NONE), 0);
	CHECK_EQ(sys_fault_ep(tid, FAULT_EP_NONE), 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(sys_supervise(&s, 0), 0);
	CHECK_EQ(s.kind, SUP_FAULT);
	CHECK_EQ(s.tid, tid);
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), 0);
	struct exitinfo e;
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	return 0;
}
