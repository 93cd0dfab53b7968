/*
 * restarts.c - what a restarted task starts with: exactly the caps its
 * parent gave it (cap_transfer), never what the previous incarnation made
 * or received itself, whether the restart was asked for (restart()) or
 * answered a fault (FA_RESTART).  Issue 11: rtc, ata and ps2kbd came back
 * to find their own notification slot occupied.
 */
#include "user/usertests/ipctests.h"

/* The peer, with a receive cap to S_EP in slot 0, has made its own caps and waits. */
static int start_owncaps(const char *args)
{
	int tid = peer_spawn(args);
	if (tid < 0)
		return tid;
	long r = peer_give(tid, S_EP, 0, EPR_RECV, 0);
	if (!r)
		r = sys_resume(tid);
	return r ? (int)r : tid;
}

int t_restart_starts_clean(void)
{
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int tid = start_owncaps("owncaps");
	CHECK(tid > 0);
	CHECK_EQ(peer_blocked(tid), 0);         /* its caps made, in recv on slot 0 */
	CHECK_EQ(sys_restart(tid), 0);
	CHECK_EQ(peer_exit(tid), 0);
	return 0;
}

int t_fault_restart_starts_clean(void)
{
	struct supmsg s;
	ipc_fresh();
	CHECK_EQ(sys_ep_create(S_EP), 0);
	int tid = start_owncaps("owncaps fault");
	CHECK(tid > 0);
	CHECK_EQ(sys_supervise(&s, 0), 0);
	CHECK_EQ(s.kind, SUP_FAULT);
	CHECK_EQ(s.tid, tid);
	CHECK_EQ(sys_fault_reply(tid, FA_RESTART), 0);
	CHECK_EQ(peer_exit(tid), 0);
	return 0;
}
