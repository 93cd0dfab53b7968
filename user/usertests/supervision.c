/*
 * supervision.c - a child stopped at a fault, and what else may happen to
 * it meanwhile: a restart, a kill, its supervisor's exit; and what happens
 * to children their parent leaves behind.  The faulting child is ioprobe
 * with no ports (every `in` traps) or `fault ud2`.
 */
#include "user/usertests/ipctests.h"

#define PATIENCE (2 * TIMER_HZ)

/* The next supervise() event of tid must be a fault; other children's events are skipped. */
static int next_sup_fault(int tid, struct supmsg *m)
{
	for (int i = 0; i < 8; i++) {
		if (sys_supervise(m, 0))
			return -1;
		if (m->tid == tid)
			return m->kind == SUP_FAULT ? 0 : -1;
	}
	return -1;
}

/* ioprobe (faults at its first `in`), suspended-then-resumed; faults to ep unless none. */
static int probe_start(unsigned ep, int none)
{
	int tid = peer_spawn_prog("ioprobe", "probe 1 64");
	long r = tid < 0 ? tid : none ? 0 : sys_fault_ep(tid, ep);
	if (!r)
		r = sys_resume(tid);
	return r ? (int)r : tid;
}

/* Waits until tid's restart count reaches want (and it is alive); 0 or -1. */
static int restarted(int tid, unsigned want)
{
	struct taskinfo ti;
	for (int t = 0; t < PATIENCE; t++) {
		if (sys_taskinfo(tid, &ti) || ti.state == TS_ZOMBIE)
			break;
		if (ti.restarts == want)
			return 0;
		sys_sleep(1);
	}
	printf("# task %d: not restarted (restarts %u, state %d)\n", tid, ti.restarts, ti.state);
	return -1;
}

/*
 * restart() of a child stopped at a fault restarts it, whichever way its
 * faults go; the withdrawn fault can no longer be answered.  Once restart
 * said E_STATE through supervise() and killed through a fault endpoint.
 */
int t_restart_fault_stopped_supervised(void)
{
	struct supmsg m;
	ipc_fresh();
	int tid = probe_start(0, 1);
	CHECK(tid > 0);
	CHECK_EQ(next_sup_fault(tid, &m), 0);
	CHECK_EQ(m.restarts, 0);
	CHECK_EQ(sys_restart(tid), 0);
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), -E_STATE);
	CHECK_EQ(restarted(tid, 1), 0);
	CHECK_EQ(next_sup_fault(tid, &m), 0);        /* the new incarnation's own fault */
	CHECK_EQ(m.restarts, 1);
	CHECK_EQ(m.faults, 2);
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), 0);
	struct exitinfo e;
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	return 0;
}

int t_restart_fault_stopped_faultep(void)
{
	struct ipc_msg m;
	struct supmsg f;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int tid = probe_start(S_EP, 0);
	CHECK(tid > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), IPC_LABEL_FAULT);
	fault_msg_decode(&m, &f);
	CHECK_EQ(f.tid, tid);
	CHECK_EQ(sys_restart(tid), 0);
	m = ipc_msg(FA_KILL | FA_QUIET, 0, 0);
	CHECK_EQ(ipc_reply(&m), -E_DEAD);              /* that fault call was withdrawn */
	CHECK_EQ(restarted(tid, 1), 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), IPC_LABEL_FAULT);
	fault_msg_decode(&m, &f);
	CHECK_EQ(f.tid, tid);
	CHECK_EQ(f.restarts, 1);
	m = ipc_msg(FA_KILL | FA_QUIET, 0, 0);
	CHECK_EQ(ipc_reply(&m), 0);
	struct exitinfo e;
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.fault_vector, 13);
	return 0;
}

/*
 * A child killed while its fault waits for us: answering that fault
 * afterwards is refused.  Once it woke the child a second time and
 * panicked the kernel (sched.c: assertion ... TASK_RUNNABLE).
 */
int t_fault_reply_after_kill(void)
{
	struct supmsg m;
	struct exitinfo e;
	ipc_fresh();
	int tid = peer_spawn_prog("fault", "ud2");
	CHECK(tid > 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(next_sup_fault(tid, &m), 0);
	CHECK_EQ(m.vector, 6);
	CHECK_EQ(sys_kill(tid), 0);
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), -E_STATE);
	CHECK_EQ(sys_fault_reply(tid, FA_RESTART), -E_STATE);
	CHECK_EQ(peer_reap(tid, &e), 0);
	CHECK_EQ(e.killed_by, sys_getpid());
	return 0;
}

/* The same, but the supervisor exits instead of answering (task_exit hands the child on). */
int t_exit_after_killing_faulted_child(void)
{
	struct exitinfo e;
	CHECK(run_child("fault", "kill_faulted_child", &e) > 0);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 0);
	return 0;
}

/*
 * The answers a fault does not take, the same through both faces: a resume
 * of a fault that cannot be skipped (ud2), a label that is no action, an
 * action with stray bits.  Each is refused with E_INVAL and the fault
 * keeps waiting for a good answer.  The reply on a fault endpoint used to
 * take any label and kill the child instead (a resume silently became a
 * kill); fault_reply refused.
 */
static const unsigned bad_answers[] = { FA_RESUME, FA_RESUME | FA_QUIET, 0, 0x77, FA_KILL | 0x200 };
#define NBAD (sizeof(bad_answers) / sizeof(bad_answers[0]))

static int ud2_child(unsigned ep)
{
	int tid = peer_spawn_prog("fault", "ud2");
	long r = tid < 0 ? tid : ep ? sys_fault_ep(tid, ep) : 0;
	if (!r)
		r = sys_resume(tid);
	return r ? (int)r : tid;
}

/* After the refusals, the one good answer (a kill) ends the child, of its ud2: 0, else 1 and why. */
static int ended_by_ud2(int tid)
{
	struct exitinfo e = { .fault_vector = -1 };
	int r = peer_reap(tid, &e);
	if (r == 0 && e.fault_vector == 6)
		return 0;
	printf("# task %d: reaped %d, vector %d (a ud2's is 6)\n", tid, r, e.fault_vector);
	return 1;
}

int t_fault_answers_checked_supervised(void)
{
	struct supmsg m;
	ipc_fresh();
	int tid = ud2_child(0);
	CHECK(tid > 0);
	CHECK_EQ(next_sup_fault(tid, &m), 0);
	CHECK_EQ(m.vector, 6);
	CHECK_EQ(fault_answer_check(&m, FA_RESUME), -E_INVAL);   /* what ring 3 can ask first */
	for (unsigned i = 0; i < NBAD; i++)
		CHECK_EQ(sys_fault_reply(tid, bad_answers[i]), -E_INVAL);
	CHECK_EQ(stays_blocked(tid), 0);
	CHECK_EQ(sys_fault_reply(tid, FA_KILL | FA_QUIET), 0);
	return ended_by_ud2(tid);
}

/* The reply, the reply with a receive (the fast path's), and a send on a saved reply cap. */
int t_fault_answers_checked_faultep(void)
{
	struct ipc_msg m;
	struct supmsg f;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int tid = ud2_child(S_EP);
	CHECK(tid > 0);
	CHECK_EQ(ipc_recv(S_EP, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), IPC_LABEL_FAULT);
	fault_msg_decode(&m, &f);
	CHECK_EQ(f.tid, tid);
	CHECK_EQ(f.vector, 6);
	for (unsigned i = 0; i < NBAD; i++) {
		m = ipc_msg(bad_answers[i], 0, 0);
		CHECK_EQ(ipc_reply(&m), -E_INVAL);
		m = ipc_msg(bad_answers[i], 0, 0);
		CHECK_EQ(ipc_reply_recv(S_EP, &m), -E_INVAL);   /* refused before it receives */
	}
	CHECK_EQ(stays_blocked(tid), 0);
	CHECK_EQ(sys_reply_save(S_A), 0);
	for (unsigned i = 0; i < NBAD; i++) {
		m = ipc_msg(bad_answers[i], 0, 0);
		CHECK_EQ(ipc_send(S_A, &m), -E_INVAL);
	}
	CHECK_EQ(slot_type(S_A), CAPT_REPLY);                   /* still there to answer with */
	m = ipc_msg(FA_KILL | FA_QUIET, 0, 0);
	CHECK_EQ(ipc_send(S_A, &m), 0);
	return ended_by_ud2(tid);
}

static int live_tasks(void)
{
	int n = 0;
	for (unsigned i = 0; i < TASKINFO_SLOTS; i++) {
		struct taskinfo ti;
		n += sys_taskinfo((int)(TASKINFO_BY_SLOT | i), &ti) == 0;
	}
	return n;
}

/*
 * A task that leaves children behind (suspended, asleep forever, stopped
 * at a fault), over and over: its children end with it, so the table
 * never fills.  Once they lived on as init's orphans until spawn gave
 * E_AGAIN to everyone.
 */
int t_orphans_dont_fill_task_table(void)
{
	struct exitinfo e;
	int before = live_tasks();
	for (int i = 0; i < TASKINFO_SLOTS; i++) {
		int tid = run_child("fault", "abandon", &e);
		if (tid < 0 || e.code != 0)
			printf("# round %d: spawn %d, exit code %d, %d tasks live\n", i, tid, e.code,
			       live_tasks());
		CHECK(tid > 0);
		CHECK_EQ(e.code, 0);
	}
	int now = live_tasks();
	for (int t = 0; t < PATIENCE && now > before; t++) {
		sys_sleep(1);
		now = live_tasks();
	}
	CHECK(now <= before);         /* an earlier test's orphan may have gone meanwhile */
	return 0;
}

/*
 * A service stopped at a fault holds the only receive right; a client
 * queued on it is woken with E_DEAD when the supervisor kills it, and a
 * later call fails at once instead of blocking.
 */
int t_service_left_stopped_fails_callers(void)
{
	struct supmsg m;
	struct ipc_msg msg;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_SEND, 1, EPR_SEND), 0);
	int srv = peer_spawn_prog("ioprobe", "probe 1 64");
	CHECK(srv > 0);
	CHECK_EQ(peer_give(srv, S_EP, 0, EPR_RECV, 0), 0);
	int client = client_start(OP_PING, 1, 0, 2);
	CHECK(client > 0);
	CHECK_EQ(sys_cap_delete(S_EP), 0);             /* the service's right is the only one */
	CHECK_EQ(peer_blocked(client), 0);
	CHECK_EQ(sys_resume(srv), 0);
	CHECK_EQ(next_sup_fault(srv, &m), 0);
	CHECK_EQ(stays_blocked(client), 0);            /* a stopped service may still come back */
	CHECK_EQ(sys_fault_reply(srv, FA_KILL | FA_QUIET), 0);
	CHECK_EQ(peer_exit(client), PEER_ERR + E_DEAD);
	msg = ipc_msg(OP_PING, 0, 0);
	CHECK_EQ(ipc_call(S_SEND, &msg), -E_DEAD);
	struct exitinfo e;
	CHECK_EQ(peer_reap(srv, &e), 0);
	return 0;
}
