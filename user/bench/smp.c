/*
 * smp.c - the SMP figures (docs/bench.md, "SMP"), in the boots with the
 * word `smp` (bench/run.sh: -smp 2, 4 and 8).  bench pins itself to CPU 0
 * and each helper task to a CPU of its own, so that every figure says
 * where its tasks run.  Each name but the shootdown figures' ends in
 * _smp<N>, N the CPUs online; the 1-CPU figures of the other boots are the
 * same operations without the suffix.
 *
 *   null_syscall_{sysenter,int80}_smpN   the null call, the other CPUs idle
 *   ipc_call_reply_smpN                  the round trip, server on CPU 0 too
 *   ipc_call_reply_cross_smpN            the server on CPU 1 (crossing.c)
 *   ipi_roundtrip_smpN                   bench_ipi to CPU 1, idle
 *   ipi_all_smpN                         bench_ipi to every other CPU (N >= 4)
 *   grant_revoke_smpN                    grant_revoke, holder suspended
 *   grant_revoke_remote_smpN             the holder running on CPU 1 (ports.c)
 *   shootdown_{live,parked}_<n>          8-CPU boot only (memory.c)
 *
 * Each prints ipis=, the IPIs every CPU sent per operation.
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/crossing.h"
#include "user/bench/memory.h"
#include "user/bench/ports.h"
#include "user/bench/smp.h"
#include "user/lib/ulib.h"

#define RUNNING_TRIES 100000   /* pauses to wait for a spinner to be seen on its CPU */
#define IPI_CALLS     16       /* bench_ipi calls per batch, at most */

int smp_spinner(void)
{
	for (;;)
		u_pause();
}

/* tid runs on cpu now; each pause lets the other vCPUs have their turn. */
static int seen_running(int tid, int cpu)
{
	struct cpuinfo ci;
	for (unsigned i = 0; i < RUNNING_TRIES; i++) {
		if (sys_cpu_info(cpu, &ci) >= 0 && ci.current == tid)
			return 1;
		u_pause();
	}
	return 0;
}

void smp_stop(int tid)
{
	struct exitinfo e;
	if (tid > 0 && !sys_kill(tid))
		sys_wait(tid, &e);
}

int smp_spawn_on(const char *args, int cpu, enum smp_start how)
{
	int tid = spawn_flags("bench", args, SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : sys_task_affinity(tid, cpu);
	if (!r && how != SMP_SUSPENDED)
		r = sys_resume(tid);
	if (!r && how == SMP_RUNNING && !seen_running(tid, cpu))
		r = -E_STATE;
	if (r) {
		printf("bench: cannot start `bench %s` on CPU %d: %s\n", args, cpu, strerror(r));
		if (tid > 0)
			smp_stop(tid);
		return (int)r;
	}
	return tid;
}

/* The refusals bench_ipi owes a bench boot (usertests checks E_PERM elsewhere). */
static int ipi_refusals_ok(unsigned ncpus)
{
	int ok = sys_bench_ipi(0) == -E_RANGE;
	ok &= sys_bench_ipi(1u << ncpus) == -E_RANGE;
	ok &= sys_bench_ipi(1u) == -E_INVAL;       /* bench runs on CPU 0 */
	if (!ok)
		printf("bench: bench_ipi does not refuse a bad mask\n");
	return ok;
}

/*
 * One IPI round trip to the CPUs in mask, timed by the kernel from the
 * first request to the last ack; per batch, the mean of IPI_CALLS calls.
 */
static int ipi_figure(const struct bench_cfg *c, const char *name, uint32_t mask)
{
	uint32_t v[BENCH_MAX_BATCHES];
	struct bench_stats s;
	unsigned calls = c->iters < IPI_CALLS ? c->iters : IPI_CALLS;
	uint32_t before = bench_ipis_sent();
	for (unsigned i = 0; i <= c->batches; i++) {
		uint32_t sum = 0;
		for (unsigned k = 0; k < calls; k++) {
			long t = sys_bench_ipi(mask);
			if (t < 0) {
				printf("bench: %s: bench_ipi: %s\n", name, strerror(t));
				return 0;
			}
			sum += (uint32_t)t;
		}
		if (i)
			v[i - 1] = (sum + calls / 2) / calls;
	}
	uint32_t ops = (c->batches + 1) * calls;
	bench_summarise(v, c->batches, &s);
	bench_print_ipis(c, name, &s, ((bench_ipis_sent() - before) * 100 + ops / 2) / ops);
	return 1;
}

static const char *named(char *buf, size_t n, const char *figure, unsigned ncpus)
{
	fmt_snprintf(buf, n, "%s_smp%u", figure, ncpus);
	return buf;
}

int smp_figures(const struct bench_cfg *c)
{
	struct cpuinfo ci;
	char name[48];
	long n = sys_cpu_info(-1, &ci);
	if (n < 2 || sys_task_affinity(0, 0) || sys_cpu_info(-1, &ci) < 0 || ci.id != 0) {
		printf("bench: smp: %ld CPUs, or bench is not on CPU 0\n", n);
		return 0;
	}
	unsigned ncpus = (unsigned)n;
	printf("bench: smp: %u CPUs\n", ncpus);
	int ok = crossing_smp_figures(c, ncpus) && ipi_refusals_ok(ncpus);
	ok = ok && ipi_figure(c, named(name, sizeof(name), "ipi_roundtrip", ncpus), 1u << 1);
	if (ok && ncpus >= 4)
		ok = ipi_figure(c, named(name, sizeof(name), "ipi_all", ncpus), ((1u << ncpus) - 1) & ~1u);
	ok = ok && ports_grant_figure(c, named(name, sizeof(name), "grant_revoke", ncpus), -1, 1);
	ok = ok && ports_grant_figure(c, named(name, sizeof(name), "grant_revoke_remote", ncpus), 1, 1);
	if (ok && ncpus >= SMP_SHOOT_CPUS)
		ok = memory_shootdown_figures(c);
	return ok;
}
