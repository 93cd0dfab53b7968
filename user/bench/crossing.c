/*
 * crossing.c - ring-crossing figures: each gate's floor (a kernel stub that
 * only returns), the null system call through both gates, and an IPC
 * call + reply round trip to a server task.
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/crossing.h"
#include "user/bench/smp.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define EP_SLOT     CROSSING_EP_SLOT
#define SCRATCH     11
#define SERVER_SLOT CROSSING_SERVER_SLOT

static void op_raw_sysenter(void)
{
	u_sysenter_raw(SYS_null);
}

static void op_raw_int80(void)
{
	u_int80_raw(SYS_null);
}

/* bench_gate(which) through the gate that stays real while `raw` is the raw one. */
static long gate_other(unsigned raw, unsigned which)
{
	return raw == BENCH_GATE_SYSENTER ? syscall_int80(SYS_bench_gate, which, 0, 0, 0)
					  : syscall_sysenter(SYS_bench_gate, which, 0, 0, 0);
}

/*
 * The gate `raw` returns at once while op is timed.  While that is
 * sysenter, every sys_* stub (printf's sys_write too) would come straight
 * back: nothing but the op runs until the gate is shut through int 0x80.
 */
static int raw_figure(const struct bench_cfg *c, const char *name, unsigned raw, bench_op op)
{
	struct bench_stats s;
	long r = gate_other(raw, raw);
	if (r) {
		printf("bench: %s: bench_gate: %s (needs `bench` on the kernel command line)\n", name,
		       strerror(r));
		return 0;
	}
	bench_measure(c, op, 1, &s);
	r = gate_other(raw, BENCH_GATE_OFF);
	if (r) {
		printf("bench: %s: cannot shut the raw gate: %s\n", name, strerror(r));
		return 0;
	}
	bench_print(c, name, &s);
	return 1;
}

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

int crossing_start_server(const char *role, int cpu)
{
	int tid = spawn_flags("bench", role, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : cpu >= 0 ? sys_task_affinity(tid, cpu) : 0;
	if (!r)
		r = sys_ep_create(EP_SLOT);
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

/* ipc_call_reply, or with the server pinned to cpu and the IPIs counted. */
static int call_figure(const struct bench_cfg *c, const char *name, int cpu)
{
	int server = crossing_start_server("ipcserver", cpu);
	if (server < 0)
		return 0;
	if (cpu < 0)
		bench_figure(c, name, op_call, 1);
	else
		bench_figure_ipis(c, name, op_call);
	smp_stop(server);
	sys_cap_delete(EP_SLOT);
	return 1;
}

int crossing_figures(const struct bench_cfg *c)
{
	if (!raw_figure(c, "raw_sysenter", BENCH_GATE_SYSENTER, op_raw_sysenter) ||
	    !raw_figure(c, "raw_int80", BENCH_GATE_INT80, op_raw_int80))
		return 0;
	bench_figure(c, "null_syscall_sysenter", op_null_sysenter, 1);
	bench_figure(c, "null_syscall_int80", op_null_int80, 1);
	return call_figure(c, "ipc_call_reply", -1);
}

int crossing_smp_figures(const struct bench_cfg *c, unsigned ncpus)
{
	char name[48];
	fmt_snprintf(name, sizeof(name), "null_syscall_sysenter_smp%u", ncpus);
	bench_figure_ipis(c, name, op_null_sysenter);
	fmt_snprintf(name, sizeof(name), "null_syscall_int80_smp%u", ncpus);
	bench_figure_ipis(c, name, op_null_int80);
	fmt_snprintf(name, sizeof(name), "ipc_call_reply_smp%u", ncpus);
	if (!call_figure(c, name, 0))
		return 0;
	fmt_snprintf(name, sizeof(name), "ipc_call_reply_cross_smp%u", ncpus);
	return call_figure(c, name, 1);
}
