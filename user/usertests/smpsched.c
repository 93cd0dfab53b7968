/*
 * smpsched.c - tasks across CPUs (issue 14): a kill or restart of a task
 * running on another CPU takes effect there, IPC between tasks on
 * different CPUs carries the right words, task_affinity refuses what it
 * must and moves a running task at once (taskinfo shows where), and
 * cpu_info checks its arguments.
 */
#include "user/usertests/smptests.h"

#define PATIENCE (2 * TIMER_HZ)

/* A spinner that never enters the kernel, pinned to each other CPU, killed from CPU 0 and reaped. */
static int kill_spinners(void)
{
	for (unsigned k = 1; k < smp_cpus(); k++) {
		struct exitinfo e;
		int tid = smp_child("spin", "", (int)k);
		CHECK(tid > 0);
		CHECK_EQ(sys_resume(tid), 0);
		CHECK_EQ(smp_wait_on_cpu(tid, (int)k), 0);
		long t0 = sys_uptime();
		CHECK_EQ(sys_kill(tid), 0);
		CHECK_EQ(peer_reap(tid, &e), 0);
		long took = sys_uptime() - t0;
		printf("# CPU %u: killed and reaped in %ld ticks\n", k, took);
		CHECK_EQ(e.killed_by, sys_getpid());
		CHECK_EQ(e.code, -1);
		CHECK_EQ(e.fault_vector, -1);
		CHECK(took <= 10);         /* a tick is 10 ms: this cannot tell the IPI from the next tick */
	}
	return 0;
}

int t_smp_kill_on_other_cpu(void) { return smp_run(kill_spinners); }

/*
 * Restarts tid and waits until its incarnation `want` has begun, still
 * pinned to CPU 1 (and, if it is a runner, running there); 0 or -1.
 */
static int restarted(int tid, unsigned want, int runner)
{
	struct taskinfo ti;
	if (sys_restart(tid))
		return -1;
	for (int t = 0; t < PATIENCE; t++) {
		if (sys_taskinfo(tid, &ti))
			return -1;
		if (ti.restarts == want) {
			CHECK_EQ(ti.pin, 1);
			return runner ? smp_wait_on_cpu(tid, 1) : 0;
		}
		sys_sleep(1);
	}
	printf("# task %d: %u restarts, want %u\n", tid, ti.restarts, want);
	return -1;
}

/*
 * A restart from CPU 0 of a task pinned to CPU 1: one that runs there
 * (leaf system calls only) and one that sleeps (a tick at a time).  The
 * new incarnation keeps its pin and runs on its CPU again.
 */
static int restart_pinned(void)
{
	static const char *const roles[] = { "leaf", "ticker" };
	for (int i = 0; i < (int)ARRAY_SIZE(roles); i++) {
		int runner = i == 0;
		int tid = smp_child("spin", roles[i], 1);
		CHECK(tid > 0);
		CHECK_EQ(sys_resume(tid), 0);
		if (runner ? smp_wait_on_cpu(tid, 1) : sys_sleep(2))
			return 1;
		if (restarted(tid, 1, runner) || restarted(tid, 2, runner))
			return 1;
		CHECK_EQ(smp_end(tid), 0);
	}
	return 0;
}

int t_smp_restart_on_other_cpu(void) { return smp_run(restart_pinned); }

/* One OP_ECHO call: whether all three words (two in registers, one in the UTCB) came back complemented. */
static int echoed(unsigned w0, unsigned w1, unsigned w2)
{
	struct ipc_msg m = { IPC_TAG(OP_ECHO, 3, 0), w0, w1, 0 };
	utcb()->mr[2] = w2;
	return ipc_call(S_SEND, &m) == 0 && m.w0 == ~w0 && m.w1 == ~w1 && utcb()->mr[2] == ~w2;
}

/* 1000 calls from CPU 0 to a server pinned to CPU 1: every word comes back right. */
static int ipc_across(void)
{
	struct ipc_msg m;
	struct taskinfo ti;
	unsigned bad = 0;
	CHECK_EQ(sys_ep_create(S_EP), 0);
	CHECK_EQ(sys_cap_mint(S_EP, S_SEND, 7, EPR_SEND | EPR_GRANT), 0);
	int srv = smp_child("ipcpeer", "serve", 1);
	CHECK(srv > 0);
	CHECK_EQ(peer_give(srv, S_EP, 0, EPR_RECV, 0), 0);
	CHECK_EQ(sys_resume(srv), 0);
	for (unsigned i = 0; i < 1000; i++)
		bad += !echoed(i * 2654435761u, ~i, i ^ 0xC0DE);
	CHECK_EQ(bad, 0);
	CHECK_EQ(call_op(S_SEND, OP_PING, 5, 0, &m), 0);
	CHECK_EQ(m.w0, 7);                   /* our badge */
	CHECK_EQ(m.w1, 5);
	CHECK_EQ(utcb()->mr[2], 1001);       /* calls served */
	CHECK_EQ(sys_taskinfo(srv, &ti), 0);
	CHECK_EQ(ti.pin, 1);
	CHECK_EQ(server_stop(srv), 0);
	return 0;
}

int t_smp_ipc_across_cpus(void) { return smp_run(ipc_across); }

static int affinity_errors(void)
{
	struct exitinfo e;
	struct taskinfo ti;
	struct cpuinfo ci;
	int n = (int)smp_cpus();
	CHECK_EQ(sys_task_affinity(0, n), -E_INVAL);
	CHECK_EQ(sys_task_affinity(0, 1000), -E_INVAL);
	CHECK_EQ(sys_task_affinity(0, -2), -E_INVAL);
	CHECK_EQ(sys_task_affinity(0, (int)0x80000000u), -E_INVAL);
	CHECK_EQ(sys_task_affinity(1, 0), -E_PERM);          /* init: our parent */
	CHECK_EQ(sys_task_affinity(-5, 0), -E_SRCH);
	CHECK_EQ(sys_task_affinity(0x7FFFFFFF, 0), -E_SRCH);
	int stale = run_child("hello", "stale", &e);
	CHECK(stale > 0);
	CHECK_EQ(sys_task_affinity(stale, 0), -E_SRCH);
	int zombie = peer_spawn_prog("fault", "exit42");
	CHECK(zombie > 0);
	CHECK_EQ(sys_resume(zombie), 0);
	CHECK_EQ(peer_zombie(zombie), 0);
	CHECK_EQ(sys_task_affinity(zombie, 0), -E_STATE);
	CHECK_EQ(peer_exit(zombie), 42);
	/* A refused call changed nothing: still on CPU 0 only. */
	CHECK_EQ(sys_taskinfo(0, &ti), 0);
	CHECK_EQ(ti.pin, 0);
	CHECK_EQ(ti.cpu, 0);
	/* Moving ourselves: the call returns on the new CPU. */
	CHECK_EQ(sys_task_affinity(0, n - 1), 0);
	CHECK_EQ(sys_taskinfo(0, &ti), 0);
	CHECK_EQ(ti.pin, n - 1);
	CHECK_EQ(ti.cpu, n - 1);
	CHECK_EQ(sys_cpu_info(-1, &ci), n);
	CHECK_EQ(ci.id, (unsigned)(n - 1));
	CHECK_EQ(ci.current, sys_getpid());
	CHECK_EQ(sys_task_affinity(0, -1), 0);
	CHECK_EQ(sys_taskinfo(0, &ti), 0);
	CHECK_EQ(ti.pin, -1);
	CHECK_EQ(sys_cpu_info(n, &ci), -E_INVAL);
	CHECK_EQ(sys_cpu_info(-2, &ci), -E_INVAL);
	CHECK_EQ(sys_cpu_info(0, (struct cpuinfo *)0x00100000u), -E_FAULT);
	return 0;
}

int t_smp_affinity_errors(void) { return smp_run(affinity_errors); }

/*
 * A spinner hops over every CPU while it runs: each move takes effect at
 * once (taskinfo shows it running there), and it keeps running.  We keep
 * off the CPU it goes to.
 */
static int move_running(void)
{
	struct taskinfo ti;
	unsigned n = smp_cpus();
	int tid = smp_child("spin", "", 1);
	CHECK(tid > 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(smp_wait_on_cpu(tid, 1), 0);
	for (unsigned hop = 0; hop < 2 * n; hop++) {
		int to = (int)((hop + 2) % n);
		CHECK_EQ(sys_task_affinity(0, (to + 1) % (int)n), 0);
		CHECK_EQ(sys_taskinfo(tid, &ti), 0);
		unsigned ticks = ti.ticks;
		CHECK_EQ(sys_task_affinity(tid, to), 0);
		CHECK_EQ(smp_wait_on_cpu(tid, to), 0);
		CHECK_EQ(sys_taskinfo(tid, &ti), 0);
		CHECK_EQ(ti.pin, to);
		sys_sleep(2);
		CHECK_EQ(sys_taskinfo(tid, &ti), 0);
		CHECK(ti.ticks > ticks);
		CHECK(ti.state != TS_ZOMBIE);
	}
	CHECK_EQ(smp_end(tid), 0);
	return 0;
}

int t_smp_move_while_running(void) { return smp_run(move_running); }
