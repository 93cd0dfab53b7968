/*
 * measure.c - batches and statistics (harness.h), with no system calls:
 * bench (Portcullis) and bench/linux/lbench.c (Linux) both link this file,
 * so the two columns of the comparison are measured by the same code.
 * Each side supplies bench_print() and the settings.
 *
 * The loop lives here, in one function, and calls the op through a
 * pointer: every figure, the empty loop and a ping-pong partner run the
 * same instructions around their op, so taking loop_overhead off leaves
 * only the op (docs/bench.md has the exact definitions).
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/harness.h"

unsigned bench_clamp_batches(unsigned n)
{
	return n < 1 ? 1 : n > BENCH_MAX_BATCHES ? BENCH_MAX_BATCHES : n;
}

/* Never inlined: the partner must run exactly the loop that is timed. */
static __attribute__((noinline)) uint64_t run_batch(bench_op op, unsigned iters)
{
	uint64_t t0 = u_rdtsc();
	for (unsigned i = 0; i < iters; i++)
		op();
	return u_rdtsc() - t0;
}

void bench_spin(bench_op op)
{
	for (;;)
		run_batch(op, ~0u);
}

/*
 * One iteration, cold, sizes the batch: the timer interrupt (100 Hz) then
 * lands in about one batch in BENCH_TICK_SHARE, and the median skips it.
 */
static unsigned batch_iters(const struct bench_cfg *c, bench_op op)
{
	uint64_t one = run_batch(op, 1);
	uint64_t n = c->tick / BENCH_TICK_SHARE / (one ? one : 1);
	if (!c->tick || n > c->iters)
		return c->iters;
	return n ? (unsigned)n : 1;
}

static void sort(uint32_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

void bench_measure(const struct bench_cfg *c, bench_op op, unsigned per_iter,
		   struct bench_stats *s)
{
	uint32_t v[BENCH_MAX_BATCHES];
	unsigned n = bench_clamp_batches(c->batches);
	unsigned iters = batch_iters(c, op);
	uint64_t ops = (uint64_t)iters * per_iter;
	uint64_t loop = ops * c->loop;
	/* Warm-up: the first switch to a holder copies its bitmap, caches fill. */
	run_batch(op, iters);
	for (unsigned i = 0; i < n; i++) {
		uint64_t t = run_batch(op, iters);
		v[i] = t > loop ? (uint32_t)((t - loop + ops / 2) / ops) : 0;
	}
	bench_summarise(v, n, s);
}

void bench_summarise(uint32_t *v, unsigned n, struct bench_stats *s)
{
	sort(v, n);
	s->n = n;
	s->min = v[0];
	s->max = v[s->n - 1];
	s->median = s->n % 2 ? v[s->n / 2] : (v[s->n / 2 - 1] + v[s->n / 2]) / 2;
}

static void op_empty(void)
{
}

void bench_loop_overhead(struct bench_cfg *c, int print)
{
	struct bench_stats s;
	c->loop = 0;
	bench_measure(c, op_empty, 1, &s);
	c->loop = s.median;
	if (print)
		bench_print(c, "loop_overhead", &s);
}

void bench_figure(const struct bench_cfg *c, const char *name, bench_op op, unsigned per_iter)
{
	struct bench_stats s;
	bench_measure(c, op, per_iter, &s);
	bench_print(c, name, &s);
}
