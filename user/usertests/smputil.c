/*
 * smputil.c - what every SMP test (user/usertests/smptests.h) starts and
 * ends with: the skip on one CPU, usertests pinned to CPU 0, the counter
 * page it shares with its pinned child, and waits that give up after five
 * seconds, so that a kernel that never delivers fails the test instead of
 * hanging the suite.
 */
#include "user/usertests/smptests.h"

#define PATIENCE (5 * TIMER_HZ)      /* wall time: a loaded host may starve a vCPU for a while */

static unsigned root_before;

/* Pages the Untyped in slot has carved and not got back, or ~0u. */
static unsigned carved(unsigned slot)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) == 0 && ci.type == CAPT_UNTYPED ? ci.badge : ~0u;
}

unsigned smp_cpus(void)
{
	struct cpuinfo ci;
	long n = sys_cpu_info(-1, &ci);
	return n > 0 ? (unsigned)n : 0;
}

static int smp_setup(void)
{
	struct supmsg m;
	ipc_fresh();
	/*
	 * Until a task first calls supervise(), a child of it that faults is
	 * killed, not stopped (docs/supervision.md): the whole suite has
	 * called it by now, but `test only=smp_` may not have.
	 */
	sys_supervise(&m, SUP_POLL);
	root_before = carved(ROOT_SLOT_UNTYPED);
	CHECK(root_before != ~0u);
	CHECK_EQ(sys_task_affinity(0, 0), 0);
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED, SMP_BUDGET, MEM_UNTYPED, 16), 0);
	CHECK_EQ(sys_mem_retype(SMP_BUDGET, SMP_CNT, MEM_FRAME, 1), 0);
	CHECK_EQ(sys_mem_map(SMP_CNT, 0, (void *)(uintptr_t)SMP_OWN_C, MEM_R | MEM_W | MAP_PT_NONE), 0);
	return 0;
}

int smp_run(int (*body)(void))
{
	if (smp_cpus() < 2)
		return ut_skip("1 CPU");
	int r = smp_setup();
	if (!r)
		r = body();
	sys_task_affinity(0, -1);
	ipc_fresh();                    /* ends the children, deletes the caps (and our mappings) */
	if (carved(ROOT_SLOT_UNTYPED) != root_before) {
		printf("# %u pages carved before, %u after\n", root_before, carved(ROOT_SLOT_UNTYPED));
		r = 1;
	}
	return r;
}

volatile unsigned *smp_counter(void)
{
	volatile unsigned *c = (volatile unsigned *)(uintptr_t)SMP_OWN_C;
	for (unsigned i = 0; i < SMP_PAGE / 4; i++)
		c[i] = 0;
	return c;
}

int smp_child(const char *prog, const char *args, int cpu)
{
	int tid = peer_spawn_prog(prog, args);
	long r = tid < 0 ? tid : sys_task_affinity(tid, cpu);
	if (!r)
		r = sys_mem_map(SMP_CNT, tid, (void *)(uintptr_t)SMP_KID_C, MEM_R | MEM_W | MAP_PT_NONE);
	if (r)
		printf("# %s %s on CPU %d: %s\n", prog, args, cpu, strerror(r));
	return r ? (int)r : tid;
}

int smp_on_cpu(int tid, int cpu)
{
	struct taskinfo ti;
	return sys_taskinfo(tid, &ti) == 0 && ti.state == TS_RUNNING && ti.cpu == cpu;
}

int smp_wait_on_cpu(int tid, int cpu)
{
	struct taskinfo ti;
	unsigned until = (unsigned)sys_uptime() + PATIENCE;
	while (!smp_on_cpu(tid, cpu)) {
		if ((unsigned)sys_uptime() > until) {
			sys_taskinfo(tid, &ti);
			printf("# task %d: state %d on CPU %d, not running on CPU %d\n", tid, ti.state,
			       ti.cpu, cpu);
			return -1;
		}
		sys_yield();
	}
	return 0;
}

static void say_event(const char *what, const struct supmsg *m)
{
	printf("# %s: task %d kind %d vector %d io_op %u port 0x%x addr 0x%x eip 0x%x\n", what,
	       m->tid, m->kind, m->vector, m->io_op, m->port, m->addr, m->eip);
}

int smp_progress(int tid, volatile unsigned *c, unsigned n)
{
	struct supmsg m;
	unsigned start = c[0];
	unsigned until = (unsigned)sys_uptime() + PATIENCE;
	while (c[0] - start < n) {
		if (sys_supervise(&m, SUP_POLL) == 0 && m.tid == tid) {
			say_event("unexpected event", &m);
			return -1;
		}
		if ((unsigned)sys_uptime() > until) {
			printf("# task %d: counter stuck at %u\n", tid, c[0]);
			return -1;
		}
		sys_yield();
	}
	return 0;
}

int smp_event(int tid, struct supmsg *m)
{
	unsigned until = (unsigned)sys_uptime() + PATIENCE;
	for (;;) {
		long r = sys_supervise(m, SUP_POLL);
		if (r == 0 && m->tid == tid)
			return 0;
		if (r != 0 && r != -E_AGAIN) {
			printf("# supervise: %s\n", strerror(r));
			return -1;
		}
		if ((unsigned)sys_uptime() > until) {
			struct taskinfo ti;
			sys_taskinfo(tid, &ti);
			printf("# task %d: no supervise() event (state %d on CPU %d, counter %u)\n", tid,
			       ti.state, ti.cpu, *(volatile unsigned *)(uintptr_t)SMP_OWN_C);
			return -1;
		}
		sys_yield();
	}
}

int smp_end(int tid)
{
	struct exitinfo e;
	return peer_kill(tid, &e) ? -1 : 0;
}
