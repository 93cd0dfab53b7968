/*
 * harness.h - what every benchmark figure shares: warm batches timed with
 * the TSC, the empty loop's cost taken off, median/min/max over the
 * batches, and the one BENCH line that bench/run.sh parses (docs/bench.md).
 * measure.c (the batches and statistics) is shared with the Linux side,
 * bench/linux/lbench.c; harness.c is Portcullis' settings, tick and print.
 *
 * A figure is an operation (a function with no arguments) and how many
 * operations one loop iteration stands for:
 *
 *     static void op_null(void) { sys_null(); }
 *     bench_figure(&cfg, "null_syscall", op_null, 1);
 */
#ifndef USER_BENCH_HARNESS_H
#define USER_BENCH_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_MAX_BATCHES 63
#define BENCH_TICK_SHARE  32

struct bench_cfg {
	const char *accel;   /* where the TSC comes from: tcg-icount, tcg, bochs, kvm */
	const char *unit;    /* follows accel: insns, cycles, ticks */
	unsigned batches;    /* timed batches, after one discarded warm-up batch */
	unsigned iters;      /* loop iterations per batch, at most */
	uint32_t loop;       /* empty-loop cost per iteration, taken off every op */
	uint32_t tick;       /* TSC units per timer tick; 0 = not calibrated */
};

struct bench_stats {
	uint32_t median, min, max;
	unsigned n;
};

typedef void (*bench_op)(void);

/* ---- measure.c: batches and statistics, no system calls (lbench.c links it too) ---- */

/* The number of timed batches, kept within 1..BENCH_MAX_BATCHES. */
unsigned bench_clamp_batches(unsigned n);
/*
 * Times batches of up to c->iters iterations of op; fewer when a batch
 * would take more than 1/BENCH_TICK_SHARE of a timer tick.  per_iter is how many ops one
 * iteration stands for, each charged one loop iteration: 2 for a ping-pong
 * whose partner runs the same loop in between.
 */
void bench_measure(const struct bench_cfg *c, bench_op op, unsigned per_iter,
		   struct bench_stats *s);
/*
 * The statistics of n > 0 per-operation values that a figure timed its own
 * way (n = c->batches, after a warm-up); sorts v.
 */
void bench_summarise(uint32_t *v, unsigned n, struct bench_stats *s);

/*
 * Does nothing, out of line: called around an operation timed on its own
 * (not through the loop), so that a trace of the boot finds where each one
 * starts (bench/account.py, make bench-account).
 */
void bench_mark(void);
/* Measures the empty loop into c->loop and prints it as loop_overhead if print. */
void bench_loop_overhead(struct bench_cfg *c, int print);
/* bench_measure, then bench_print. */
void bench_figure(const struct bench_cfg *c, const char *name, bench_op op, unsigned per_iter);
/* Runs op for ever in the very loop bench_measure times: a partner's whole life. */
void bench_spin(bench_op op) __attribute__((noreturn));

/* ---- each side's own: harness.c (Portcullis), bench/linux/lbench.c (Linux) ---- */

/* From the arguments accel=, batches=, iters=, and loop= and tick= (from a parent). */
void bench_config(struct bench_cfg *c, int argc, char **argv);
/* Measures c->tick, so that batches can be sized to miss most timer interrupts. */
void bench_calibrate(struct bench_cfg *c);
/*
 * The same settings as arguments for a child that measures for this task
 * (Portcullis only: a Linux child inherits them through fork).
 */
void bench_config_args(const struct bench_cfg *c, char *buf, size_t n);
/* The BENCH line (the Linux side prefixes the name with linux_). */
void bench_print(const struct bench_cfg *c, const char *name, const struct bench_stats *s);

/* ---- Portcullis only (harness.c): the IPIs an operation sends (cpu_info) ---- */

/* Operations run between the two readings of the IPI counters. */
#define BENCH_IPI_OPS 16

/* Every CPU's count of IPIs sent, summed. */
uint32_t bench_ipis_sent(void);
/* The BENCH line with ipis=<IPIs per operation>, given x 100 (two decimals). */
void bench_print_ipis(const struct bench_cfg *c, const char *name, const struct bench_stats *s,
		      uint32_t ipis100);
/* op BENCH_IPI_OPS times between two readings of bench_ipis_sent: IPIs per op x 100. */
uint32_t bench_ipis_per_op(bench_op op);
/* bench_measure, bench_ipis_per_op, bench_print_ipis: the figure and its IPIs. */
void bench_figure_ipis(const struct bench_cfg *c, const char *name, bench_op op);

#endif
