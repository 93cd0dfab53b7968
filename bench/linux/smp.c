/*
 * smp.c - the Linux column's SMP figures (docs/bench.md, "Linux", "SMP"):
 * what a TLB shootdown costs Linux when the address space is live on 1, 2
 * and 4 CPUs (munmap and mprotect of one page), and a futex ping-pong
 * between two threads on two CPUs against the same on one.
 *
 * Under -icount QEMU runs the vCPUs in turn on one host thread, and in
 * QEMU 7.2 each vCPU's turn lasts until the next timer deadline: the first
 * vCPU uses it all and the others get nothing, unless it halts or executes
 * `pause`.  So every wait in here pauses, and the threads that keep an
 * address space live on the other CPUs spin with `pause` too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "user/lib/i386/uarch.h"
#include "user/bench/harness.h"
#include "bench/linux/lbench.h"

#define PAGE 4096
/* Operations of the check that counts the IPIs behind each figure. */
#define IPI_CHECK_OPS 16

static void relax(void)
{
	__builtin_ia32_pause();
}

/* ---- CPUs online ---- */

/*
 * Linux 6.1 cannot bring its CPUs up at boot under -icount: the boot CPU
 * waits for each AP in a loop that calls schedule() and never pauses
 * (do_boot_cpu), so the AP never gets a turn.  The kernel boots with
 * maxcpus=1 and lbench brings the others up from sysfs, while this
 * process, above lbench's priority on CPU 0, pauses (each pause gives the
 * APs a turn) and naps (so that the writer gets CPU 0 back to see them).
 * The same wait runs then; that something else pauses in time is luck.
 */
static void online_helper(void *arg)
{
	struct sched_param sp = { .sched_priority = 60 };
	struct timespec nap = { 0, 100000 };
	(void)arg;
	if (sched_setscheduler(0, SCHED_FIFO, &sp))
		_exit(1);
	for (;;) {
		for (int i = 0; i < 256; i++)
			relax();
		nanosleep(&nap, NULL);
	}
}

int smp_online(int want)
{
	char path[64];
	pid_t helper = start(online_helper, NULL);
	for (int cpu = 1; cpu < want; cpu++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
		int fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, "1", 1) != 1)
			printf("linux: cannot bring CPU %d online: %s\n", cpu, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	if (helper > 0) {
		kill(helper, SIGKILL);
		waitpid(helper, NULL, 0);
	}
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

/* ---- IPIs, from /proc/interrupts ---- */

struct ipis {
	unsigned long res, cal, tlb;   /* reschedule, function call, TLB shootdown: all CPUs */
};

/* The sum over the CPUs of the row that starts with `name:`. */
static unsigned long irq_row(const char *text, const char *name)
{
	size_t k = strlen(name);
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		while (*l == ' ')
			l++;
		if (strncmp(l, name, k) || l[k] != ':')
			continue;
		unsigned long sum = 0;
		char *end;
		for (const char *p = l + k + 1;; p = end) {
			unsigned long v = strtoul(p, &end, 10);
			if (end == p)
				return sum;
			sum += v;
		}
	}
	return 0;
}

static void ipis_read(struct ipis *v)
{
	static char text[16384];
	int fd = open("/proc/interrupts", O_RDONLY);
	ssize_t n = 0, r;
	while (fd >= 0 && n < (ssize_t)sizeof(text) - 1 && (r = read(fd, text + n, sizeof(text) - 1 - n)) > 0)
		n += r;
	text[n] = 0;
	if (fd >= 0)
		close(fd);
	v->res = irq_row(text, "RES");
	v->cal = irq_row(text, "CAL");
	v->tlb = irq_row(text, "TLB");
}

/* Hundredths, for a per-operation average printed as N.NN. */
static unsigned long centi(unsigned long count, unsigned ops)
{
	return (count * 100 + ops / 2) / ops;
}

/*
 * The IPIs that IPI_CHECK_OPS calls of op make the CPUs receive (setup,
 * untimed in the figure, is outside the count too), printed per op; the
 * TLB shootdowns per op, times IPI_CHECK_OPS.
 */
static unsigned long ipis_per_op(const char *name, bench_op setup, bench_op op)
{
	struct ipis a, b, sum = { 0, 0, 0 };
	for (unsigned i = 0; i < IPI_CHECK_OPS; i++) {
		if (setup)
			setup();
		ipis_read(&a);
		op();
		ipis_read(&b);
		sum.res += b.res - a.res;
		sum.cal += b.cal - a.cal;
		sum.tlb += b.tlb - a.tlb;
	}
	unsigned long r = centi(sum.res, IPI_CHECK_OPS), c = centi(sum.cal, IPI_CHECK_OPS);
	unsigned long t = centi(sum.tlb, IPI_CHECK_OPS);
	printf("linux: %s: IPIs received per operation: %lu.%02lu TLB shootdown, %lu.%02lu function call, "
	       "%lu.%02lu reschedule\n", name, t / 100, t % 100, c / 100, c % 100, r / 100, r % 100);
	return sum.tlb;
}

/* ---- one call timed alone ---- */

static uint64_t timed_batch(bench_op setup, bench_op op, unsigned iters)
{
	uint64_t sum = 0;
	for (unsigned i = 0; i < iters; i++) {
		setup();
		uint64_t t0 = u_rdtsc();
		op();
		sum += u_rdtsc() - t0;
	}
	return sum;
}

static void op_nothing(void)
{
}

/*
 * bench_measure for an op that needs setup before each call (a page to
 * unmap, a right to take away): only the op is timed, less `empty`, the
 * cost of timing a call that does nothing.  Batches are sized as
 * measure.c sizes them, setup included, to 1/BENCH_TICK_SHARE of a tick.
 */
static void measure_alone(const struct bench_cfg *c, bench_op setup, bench_op op, uint32_t empty,
			  struct bench_stats *s)
{
	uint32_t v[BENCH_MAX_BATCHES];
	unsigned n = bench_clamp_batches(c->batches);
	uint64_t t0 = u_rdtsc();
	timed_batch(setup, op, 1);
	uint64_t one = u_rdtsc() - t0;
	uint64_t iters = c->tick ? c->tick / BENCH_TICK_SHARE / (one ? one : 1) : c->iters;
	iters = iters < 1 ? 1 : iters > c->iters ? c->iters : iters;
	timed_batch(setup, op, (unsigned)iters);
	for (unsigned i = 0; i < n; i++) {
		uint64_t t = timed_batch(setup, op, (unsigned)iters), off = iters * empty;
		v[i] = t > off ? (uint32_t)((t - off + iters / 2) / iters) : 0;
	}
	bench_summarise(v, n, s);
}

/* ---- threads that keep the address space live on CPUs 1..n-1 ---- */

static struct {
	int threads;                        /* spinners started */
	int ready, stop;
	const volatile char *volatile at;   /* what every spinner reads */
	pthread_t t[LBENCH_CPUS];
} crew;

static void *spinner(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&crew.ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&crew.stop, __ATOMIC_SEQ_CST)) {
		(void)*crew.at;
		relax();
	}
	return NULL;
}

/* A thread pinned to cpu, with the caller's scheduling (SCHED_FIFO 50). */
static int thread_on(int cpu, void *(*fn)(void *), pthread_t *t)
{
	pthread_attr_t a;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_attr_init(&a);
	int e = pthread_attr_setaffinity_np(&a, sizeof(set), &set);
	if (!e)
		e = pthread_create(t, &a, fn, NULL);
	pthread_attr_destroy(&a);
	if (e)
		printf("linux: a thread on CPU %d: %s\n", cpu, strerror(e));
	return !e;
}

static void crew_stop(void)
{
	__atomic_store_n(&crew.stop, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < crew.threads; i++)
		pthread_join(crew.t[i], NULL);
	crew.threads = 0;
}

/* One spinner on each of CPUs 1..cpus-1, each reading at; returns once all run. */
static int crew_start(int cpus, const volatile char *at)
{
	crew.ready = 0;
	crew.stop = 0;
	crew.at = at;
	for (int cpu = 1; cpu < cpus; cpu++) {
		if (!thread_on(cpu, spinner, &crew.t[crew.threads])) {
			crew_stop();
			return 0;
		}
		crew.threads++;
	}
	while (__atomic_load_n(&crew.ready, __ATOMIC_SEQ_CST) < crew.threads)
		relax();
	return 1;
}

/* ---- munmap and mprotect of one page ---- */

/*
 * Four pages: [live][PROT_NONE][target][PROT_NONE].  The target never
 * merges with a neighbour, so each call changes one page of one VMA, and
 * the live page keeps the page table in use (munmap frees no table, so
 * Linux skips the CPUs that are only lazily on this mm).
 */
static char *live, *target;
static const struct bench_cfg *cfg;
static uint32_t empty;   /* timing a call that does nothing */

static void map_target(void)
{
	if (mmap(target, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE,
		 -1, 0) != target)
		_exit(7);
}

static void op_munmap(void)
{
	if (munmap(target, PAGE))
		_exit(8);
}

static void rights_up(void)
{
	if (mprotect(target, PAGE, PROT_READ | PROT_WRITE))
		_exit(9);
}

static void op_rights_down(void)
{
	if (mprotect(target, PAGE, PROT_READ))
		_exit(10);
}

static int one_figure(const char *name, bench_op setup, bench_op op, int cpus)
{
	struct bench_stats s;
	measure_alone(cfg, setup, op, empty, &s);
	bench_print(cfg, name, &s);
	unsigned long tlb = ipis_per_op(name, setup, op);
	if (tlb < (unsigned long)IPI_CHECK_OPS * (unsigned long)(cpus - 1)) {
		printf("linux: %s: %lu TLB shootdowns in %u operations, want %u per operation: "
		       "the address space was not live on every CPU\n", name, tlb, IPI_CHECK_OPS, cpus - 1);
		return 0;
	}
	return 1;
}

/* A child: its threads on CPUs 0..cpus-1, munmap then mprotect from CPU 0. */
static void shootdown_child(void *arg)
{
	int cpus = *(const int *)arg;
	char name[40];
	char *r = mmap(NULL, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	live = r;
	target = r + 2 * PAGE;
	if (r == MAP_FAILED || mmap(live, PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0) != live) {
		printf("linux: mmap: %s\n", strerror(errno));
		_exit(1);
	}
	if (!crew_start(cpus, live))
		_exit(1);
	snprintf(name, sizeof(name), "munmap_cpus%d", cpus);
	int ok = one_figure(name, map_target, op_munmap, cpus);
	/* The spinners read the target now: their TLBs hold what mprotect changes. */
	map_target();
	crew.at = target;
	snprintf(name, sizeof(name), "mprotect_cpus%d", cpus);
	ok &= one_figure(name, rights_up, op_rights_down, cpus);
	crew_stop();
	_exit(ok ? 0 : 1);
}

/* ---- futex ping-pong between two threads ---- */

static void *partner_thread(void *arg)
{
	futex_partner(arg);
}

/* A child: the measurer on CPU 0, its partner thread on CPU *arg. */
static void futex_child(void *arg)
{
	int cpu = *(const int *)arg;
	pthread_t t;
	*futex_word = 0;
	if (!thread_on(cpu, partner_thread, &t))
		_exit(1);
	bench_figure(cfg, cpu ? "futex_pingpong_xcpu" : "futex_pingpong_samecpu", op_futex, 1);
	ipis_per_op(cpu ? "futex_pingpong_xcpu" : "futex_pingpong_samecpu", NULL, op_futex);
	_exit(0);
}

int smp_figures(const struct bench_cfg *c, int cpus)
{
	static const int counts[] = { 1, 2, 4 }, partner[] = { 0, 1 };
	struct bench_stats s;
	int ok = 1;
	cfg = c;
	measure_alone(c, op_nothing, op_nothing, 0, &s);
	empty = s.median;
	printf("linux: timing one call alone costs %u %s (taken off the munmap and mprotect figures)\n",
	       empty, c->unit);
	for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		if (counts[i] > cpus) {
			printf("linux: munmap_cpus%d, mprotect_cpus%d: only %d CPUs online\n", counts[i],
			       counts[i], cpus);
			ok = 0;
			continue;
		}
		ok &= finish(start(shootdown_child, (void *)&counts[i]), "munmap and mprotect");
	}
	for (unsigned i = 0; i < sizeof(partner) / sizeof(partner[0]); i++)
		ok &= finish(start(futex_child, (void *)&partner[i]), "futex ping-pong between threads");
	return ok;
}
