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
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/pingpong.h"
#include "user/bench/ports.h"
#include "user/lib/ulib.h"

#define SLOT_ALL     BENCH_SLOT_ALL
#define SLOT_SCRATCH 3   /* past the caps from init (ports.h) */

struct side {
	struct ioports ports[2];
	int n;
};

struct scenario {
	const char *name;
	struct side measurer, partner;
	int eager;       /* also measured with iobitmap=eager, as <name>_eager8k */
	int fpu;         /* both sides execute an x87 instruction after each yield */
};

#define COM2  { 0x2F8, 8, IOR_ALL }
#define PS2   { 0x60, 1, IOR_ALL }, { 0x64, 1, IOR_ALL }
#define SPACE { 0, IOPORTS_SPACE, IOR_ALL }   /* extent: all 8192 bytes */

static const struct scenario scenarios[] = {
	{ "switch_noports", { { { 0 } }, 0 }, { { { 0 } }, 0 }, 0, 0 },
	{ "switch_ports_one", { { COM2 }, 1 }, { { { 0 } }, 0 }, 0, 0 },
	{ "switch_ports_two", { { COM2 }, 1 }, { { PS2 }, 2 }, 1, 0 },
	{ "switch_ports_wide", { { SPACE }, 1 }, { { COM2 }, 1 }, 1, 0 },
	{ "switch_fpu", { { { 0 } }, 0 }, { { { 0 } }, 0 }, 0, 1 },
	/* 64 ports each, from bit 16 of a word: three words each (iocap/iotss.h's word lists). */
	{ "switch_grants_64_unaligned", { { { 0x1010, 64, IOR_ALL } }, 1 },
	  { { { 0x3010, 64, IOR_ALL } }, 1 }, 0, 0 },
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

static int start(const char *args, const struct side *s)
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

/* Runs one scenario; the measurer prints its BENCH line. */
static int run_pair(const struct bench_cfg *c, const struct scenario *s, int eager,
		    uint32_t solo)
{
	char cfg[96], args[200];
	struct exitinfo e;
	bench_config_args(c, cfg, sizeof(cfg));
	fmt_snprintf(args, sizeof(args), "yielder measure name=%s%s solo=%u%s %s", s->name,
		     eager ? "_eager8k" : "", solo, s->fpu ? " fpu" : "", cfg);
	int m = start(args, &s->measurer);
	int p = start(s->fpu ? "yielder partner fpu" : "yielder partner", &s->partner);
	int ok = m > 0 && p > 0 && !sys_resume(p) && !sys_resume(m) && sys_wait(m, &e) == m;
	if (!ok)
		stop(m);
	stop(p);
	if (!ok || e.fault_vector >= 0 || e.code != 0) {
		printf("bench: %s%s failed\n", s->name, eager ? "_eager8k" : "");
		return 0;
	}
	return 1;
}

int pingpong_figures(const struct bench_cfg *c, int eager)
{
	struct bench_stats solo;
	int ok = 1;
	/* A yield with nobody to switch to: what a pair must exceed to prove it switches. */
	bench_measure(c, op_yield, 1, &solo);
	printf("bench: a yield with nothing to switch to: %u %s (each switch_* figure must exceed it)\n",
	       solo.median, c->unit);
	for (unsigned i = 0; i < ARRAY_SIZE(scenarios); i++)
		if (!eager || scenarios[i].eager)
			ok &= run_pair(c, &scenarios[i], eager, solo.median);
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
	bench_config(&c, argc, argv);
	bench_measure(&c, op, 2, &s);
	if (s.median <= atou(solo)) {
		printf("bench: %s: %u %s per yield, not above a yield without a switch (%s): "
		       "the two tasks did not alternate\n", name, s.median, c.unit, solo);
		return 1;
	}
	bench_print(&c, name, &s);
	return 0;
}
