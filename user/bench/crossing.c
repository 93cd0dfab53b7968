/*
 * crossing.c - ring-crossing figures: the null system call through both
 * gates, and an IPC call + reply round trip to a server task.
 */
#include "user/bench/crossing.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define EP_SLOT     10     /* bench's endpoint for the round trip */
#define SCRATCH     11
#define SERVER_SLOT 1      /* where the server finds it */

static void op_null_sysenter(void)
{
	sys_null();
}

static void op_null_int80(void)
{
	syscall_int80(SYS_null, 0, 0, 0, 0);
}

static void op_call(void)
{
	struct ipc_msg m = ipc_msg(1, 0, 0);
	ipc_call(EP_SLOT, &m);
}

/* The server half: answers every call at once, from one reply_recv loop. */
int crossing_server(void)
{
	struct ipc_msg m;
	long r = ipc_recv(SERVER_SLOT, &m);
	for (;;) {
		if (r)
			return 1;
		m = ipc_msg(0, m.w0, m.w1);
		r = ipc_reply_recv(SERVER_SLOT, &m);
	}
}

static int start_server(void)
{
	int tid = spawn_flags("bench", "ipcserver", SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : sys_ep_create(EP_SLOT);
	if (!r)
		r = sys_cap_copy(EP_SLOT, SCRATCH);
	if (!r)
		r = sys_cap_transfer(SCRATCH, tid, SERVER_SLOT);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("bench: cannot start the IPC server: %s\n", strerror(r));
		if (tid > 0)
			sys_kill(tid);
		return (int)r;
	}
	return tid;
}

int crossing_figures(const struct bench_cfg *c)
{
	struct exitinfo e;
	bench_figure(c, "null_syscall_sysenter", op_null_sysenter, 1);
	bench_figure(c, "null_syscall_int80", op_null_int80, 1);
	int server = start_server();
	if (server < 0)
		return 0;
	bench_figure(c, "ipc_call_reply", op_call, 1);
	sys_kill(server);
	sys_wait(server, &e);
	sys_cap_delete(EP_SLOT);
	return 1;
}
