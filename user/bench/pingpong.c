/*
 * pingpong.c - the task-switch figures.  bench starts two copies of itself
 * suspended, gives each its ports, and resumes them; with init and bench
 * blocked in wait they are the only runnable tasks, so every yield of one
 * switches to the other (the FIFO run queue holds just the partner).  The
 * measuring half times its loop and prints the figure; the partner yields
 * in the same loop until bench kills it.
 *
 * switch_fpu: both tasks execute one x87 instruction (fnop) after each
 * yield, so each takes the FPU back from the other: a lazy switch's #NM,
 * save and load (kernel/proc/fpu.c).
 *
 * One measured iteration is therefore two yields and two loop iterations,
 * one in each task: per_iter = 2, and each figure is one yield, entry to
 * exit, including one switch in each direction's share (docs/bench.md).
 * pingpong_run also takes more yielders (switchcurve.c): with n of them
 * in the FIFO queue they take turns, and per_iter = n.
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/pingpong.h"
#include "user/bench/ports.h"
#include "user/lib/ulib.h"

#define SLOT_ALL     BENCH_SLOT_ALL
#define SLOT_SCRATCH 3   /* past the caps from init (ports.h) */

struct scenario {
	const char *name;
	struct pingpong_side sides[2];   /* the measurer's, the partner's */
	int eager;       /* also measured with iobitmap=eager, as <name>_eager8k */
	int fpu;         /* both sides execute an x87 instruction after each yield */
};

#define COM2  { 0x2F8, 8, IOR_ALL }
#define PS2   { 0x60, 1, IOR_ALL }, { 0x64, 1, IOR_ALL }
#define SPACE { 0, IOPORTS_SPACE, IOR_ALL }   /* extent: all 8192 bytes */

static const struct scenario scenarios[] = {
	{ "switch_noports", { { { { 0 } }, 0 }, { { { 0 } }, 0 } }, 0, 0 },
	{ "switch_ports_one", { { { COM2 }, 1 }, { { { 0 } }, 0 } }, 0, 0 },
	{ "switch_ports_two", { { { COM2 }, 1 }, { { PS2 }, 2 } }, 1, 0 },
	{ "switch_ports_wide", { { { SPACE }, 1 }, { { COM2 }, 1 } }, 1, 0 },
	{ "switch_fpu", { { { { 0 } }, 0 }, { { { 0 } }, 0 } }, 0, 1 },
};

static void op_yield(void)
{
	sys_yield();
}

/* A yield, then one x87 instruction: each task takes the FPU back (kernel/proc/fpu.c, #NM). */
static void op_yield_fpu(void)
{
	sys_yield();
	u_fnop();
}

static int start(const char *args, const struct pingpong_side *s)
{
	int tid = spawn_granted("bench", args, SLOT_ALL, SLOT_SCRATCH, s->ports, s->n);
	if (tid < 0)
		printf("bench: cannot start a yielder: %s\n", strerror(tid));
	return tid;
}

static void stop(int tid)
{
	struct exitinfo e;
	if (tid > 0 && !sys_kill(tid))
		sys_wait(tid, &e);
}

int pingpong_run(const struct bench_cfg *c, const char *name, const struct pingpong_side *sides,
		 int n, uint32_t solo, int fpu)
{
	char cfg[96], args[200];
	int tid[PINGPONG_MAX_TASKS];
	struct exitinfo e;
	if (n < 2 || n > PINGPONG_MAX_TASKS)
		return 0;
	bench_config_args(c, cfg, sizeof(cfg));
	fmt_snprintf(args, sizeof(args), "yielder measure name=%s solo=%u per=%d%s %s", name, solo, n,
		     fpu ? " fpu" : "", cfg);
	tid[0] = start(args, &sides[0]);
	int ok = tid[0] > 0;
	for (int i = 1; i < n; i++) {
		tid[i] = start(fpu ? "yielder partner fpu" : "yielder partner", &sides[i]);
		ok &= tid[i] > 0;
	}
	/* The partners first: the measurer's first yield finds them all queued. */
	for (int i = 1; ok && i < n; i++)
		ok = !sys_resume(tid[i]);
	ok = ok && !sys_resume(tid[0]) && sys_wait(tid[0], &e) == tid[0];
	if (!ok)
		stop(tid[0]);
	for (int i = 1; i < n; i++)
		stop(tid[i]);
	if (!ok || e.fault_vector >= 0 || e.code != 0) {
		printf("bench: %s failed\n", name);
		return 0;
	}
	return 1;
}

uint32_t pingpong_solo(const struct bench_cfg *c)
{
	struct bench_stats solo;
	bench_measure(c, op_yield, 1, &solo);
	return solo.median;
}

int pingpong_figures(const struct bench_cfg *c, int eager)
{
	char name[48];
	int ok = 1;
	/* A yield with nobody to switch to: what a pair must exceed to prove it switches. */
	uint32_t solo = pingpong_solo(c);
	printf("bench: a yield with nothing to switch to: %u %s (each switch_* figure must exceed it)\n",
	       solo, c->unit);
	for (unsigned i = 0; i < ARRAY_SIZE(scenarios); i++) {
		const struct scenario *s = &scenarios[i];
		if (eager && !s->eager)
			continue;
		fmt_snprintf(name, sizeof(name), "%s%s", s->name, eager ? "_eager8k" : "");
		ok &= pingpong_run(c, name, s->sides, 2, solo, s->fpu);
	}
	return ok;
}

int pingpong_yielder(int argc, char **argv)
{
	struct bench_cfg c;
	struct bench_stats s;
	const char *name = arg_value(argc, argv, "name");
	const char *solo = arg_value(argc, argv, "solo");
	void (*op)(void) = arg_has(argc, argv, "fpu") ? op_yield_fpu : op_yield;
	if (arg_has(argc, argv, "partner"))
		bench_spin(op);
	if (!name || !solo)
		return 2;
	const char *per = arg_value(argc, argv, "per");
	bench_config(&c, argc, argv);
	bench_measure(&c, op, per ? atou(per) : 2, &s);
	if (s.median <= atou(solo)) {
		printf("bench: %s: %u %s per yield, not above a yield without a switch (%s): "
		       "the two tasks did not alternate\n", name, s.median, c.unit, solo);
		return 1;
	}
	bench_print(&c, name, &s);
	return 0;
}
