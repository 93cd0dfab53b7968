/*
 * ipcpeers.c - starting, watching and ending the ipcpeer tasks the IPC
 * tests talk to.  Every peer is remembered until reaped, so ipc_fresh()
 * can clear up after a test that failed half-way.
 */
#include "user/usertests/ipctests.h"

#define MAX_PEERS 8
#define PATIENCE  (2 * TIMER_HZ)      /* ticks a peer gets to block or exit */

static int peers[MAX_PEERS];

static void forget(int tid)
{
	for (int i = 0; i < MAX_PEERS; i++)
		if (peers[i] == tid)
			peers[i] = 0;
}

/* Kills first, reaps after the caps are gone: that wakes whatever a kill might not. */
void ipc_fresh(void)
{
	struct exitinfo e;
	for (int i = 0; i < MAX_PEERS; i++)
		if (peers[i] > 0)
			sys_kill(peers[i]);
	for (unsigned s = S_EP; s < 32; s++)
		if (s < ROOT_SLOT_UNTYPED || s > ROOT_SLOT_UNTYPED_LOW)   /* the memory tests' root caps */
			sys_cap_delete(s);
	sys_cap_delete(S_TMP);
	for (int i = 0; i < MAX_PEERS; i++)
		if (peers[i] > 0)
			peer_reap(peers[i], &e);
	utcb()->recv_slot[0] = utcb()->recv_slot[1] = IPC_NO_SLOT;
	sys_task_affinity(0, -1);
}

int peer_spawn(const char *args)
{
	return peer_spawn_prog("ipcpeer", args);
}

int peer_spawn_prog(const char *prog, const char *args)
{
	struct exitinfo e;
	int tid = spawn_flags(prog, args, SPAWN_SUSPENDED);
	for (int i = 0; tid > 0 && i < MAX_PEERS; i++)
		if (!peers[i]) {
			peers[i] = tid;
			return tid;
		}
	if (tid < 0)
		return tid;
	printf("# %s %s: more than %d peers\n", prog, args, MAX_PEERS);
	sys_kill(tid);
	sys_wait(tid, &e);
	return -E_AGAIN;
}

long peer_give(int tid, unsigned src, unsigned badge, unsigned rights, unsigned dst)
{
	long r = rights == GIVE_COPY ? sys_cap_copy(src, S_TMP) : sys_cap_mint(src, S_TMP, badge, rights);
	return r ? r : sys_cap_transfer(S_TMP, tid, dst);
}

static int wait_state(int tid, int want)
{
	struct taskinfo ti;
	for (int t = 0; t < PATIENCE; t++) {
		if (sys_taskinfo(tid, &ti) || ti.state == want)
			return ti.state == want ? 0 : -1;
		sys_sleep(1);
	}
	printf("# task %d: state %d, still not %d\n", tid, ti.state, want);
	return -1;
}

int peer_start(const char *args, unsigned src, unsigned badge, unsigned rights)
{
	int tid = peer_spawn(args);
	long r = tid < 0 ? tid : peer_give(tid, src, badge, rights, 0);
	if (!r)
		r = sys_resume(tid);
	return r ? (int)r : tid;
}

int peer_reap(int tid, struct exitinfo *e)
{
	if (wait_state(tid, TS_ZOMBIE))
		return -1;
	forget(tid);
	return sys_wait(tid, e) == tid ? 0 : -1;
}

int peer_exit(int tid)
{
	struct exitinfo e;
	return peer_reap(tid, &e) ? PEER_STUCK : e.code;
}

int peer_kill(int tid, struct exitinfo *e)
{
	long r = sys_kill(tid);
	return r ? (int)r : peer_reap(tid, e);
}

int peer_zombie(int tid)
{
	return wait_state(tid, TS_ZOMBIE);
}

int peer_blocked(int tid)
{
	return wait_state(tid, TS_BLOCKED);
}

unsigned polled(unsigned slot)
{
	unsigned bits;
	long r = ntf_poll(slot, &bits);
	return r ? POLL_FAILED | (unsigned)-r : bits;
}

int stays_blocked(int tid)
{
	struct taskinfo ti;
	sys_sleep(2);
	return sys_taskinfo(tid, &ti) || ti.state != TS_BLOCKED ? -1 : 0;
}

int server_start(const char *args, unsigned badge)
{
	long r = sys_ep_create(S_EP);
	if (!r)
		r = sys_cap_mint(S_EP, S_SEND, badge, EPR_SEND | EPR_GRANT);
	return r ? (int)r : peer_start(args, S_EP, 0, EPR_RECV);
}

long call_op(unsigned ep, unsigned op, unsigned w0, unsigned w1, struct ipc_msg *m)
{
	*m = ipc_msg(op, w0, w1);
	return ipc_call(ep, m);
}

int server_stop(int tid)
{
	struct ipc_msg m;
	return call_op(S_SEND, OP_EXIT, 0, 0, &m) ? -1 : peer_exit(tid);
}

int client_start(unsigned op, unsigned w0, unsigned retry, unsigned badge)
{
	char args[64];
	fmt_snprintf(args, sizeof(args), "client op=%u w0=%u retry=%u", op, w0, retry);
	return peer_start(args, S_EP, badge, EPR_SEND);
}

int slot_type(unsigned slot)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) ? -1 : ci.type;
}
