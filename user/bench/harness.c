/*
 * harness.c - Portcullis' side of the harness (harness.h): the settings
 * from the arguments, the tick calibration, and the BENCH line.  The
 * batches and the statistics are in measure.c, which bench/linux/lbench.c
 * shares.
 */
#include "user/lib/i386/uarch.h"
#include "user/bench/harness.h"
#include "user/lib/ulib.h"

static const struct {
	const char *accel, *unit;
} units[] = {
	{ "tcg-icount", "insns" },  /* -icount shift=0: one TSC tick per instruction */
	{ "tcg", "cycles" },        /* the host's TSC */
	{ "kvm", "cycles" },
	{ "bochs", "ticks" },       /* Bochs' emulated TSC */
};

void bench_config(struct bench_cfg *c, int argc, char **argv)
{
	const char *v;
	*c = (struct bench_cfg){ "unknown", "ticks", 21, 1000, 0, 0 };
	if ((v = arg_value(argc, argv, "accel")))
		c->accel = v;
	for (unsigned i = 0; i < ARRAY_SIZE(units); i++)
		if (streq(c->accel, units[i].accel))
			c->unit = units[i].unit;
	if ((v = arg_value(argc, argv, "batches")))
		c->batches = bench_clamp_batches(atou(v));
	if ((v = arg_value(argc, argv, "iters")) && atou(v))
		c->iters = atou(v);
	if ((v = arg_value(argc, argv, "loop")))
		c->loop = atou(v);
	if ((v = arg_value(argc, argv, "tick")))
		c->tick = atou(v);
}

void bench_config_args(const struct bench_cfg *c, char *buf, size_t n)
{
	fmt_snprintf(buf, n, "accel=%s batches=%u iters=%u loop=%u tick=%u", c->accel,
		     c->batches, c->iters, c->loop, c->tick);
}

/* From one tick to the next: this task is the only one running, so it sees each. */
void bench_calibrate(struct bench_cfg *c)
{
	long t = sys_uptime();
	while (sys_uptime() == t)
		;
	uint64_t t0 = u_rdtsc();
	while (sys_uptime() == t + 1)
		;
	c->tick = (uint32_t)(u_rdtsc() - t0);
}

/* The BENCH line; ipis100 < 0: the figure counts no IPIs. */
static void print_line(const struct bench_cfg *c, const char *name, const struct bench_stats *s,
		       long ipis100)
{
	char ipis[24] = "";
	if (ipis100 >= 0)
		fmt_snprintf(ipis, sizeof(ipis), " ipis=%ld.%02ld", ipis100 / 100, ipis100 % 100);
	printf("BENCH %s accel=%s unit=%s median=%u min=%u max=%u n=%u%s\n", name, c->accel,
	       c->unit, s->median, s->min, s->max, s->n, ipis);
}

void bench_print(const struct bench_cfg *c, const char *name, const struct bench_stats *s)
{
	print_line(c, name, s, -1);
}

void bench_print_ipis(const struct bench_cfg *c, const char *name, const struct bench_stats *s,
		      uint32_t ipis100)
{
	print_line(c, name, s, (long)ipis100);
}

uint32_t bench_ipis_sent(void)
{
	struct cpuinfo ci;
	uint32_t sum = 0;
	long n = sys_cpu_info(0, &ci);
	for (long i = 0; i < n; i++)
		if (sys_cpu_info((int)i, &ci) >= 0)
			sum += ci.ipi_sent;
	return sum;
}

uint32_t bench_ipis_per_op(bench_op op)
{
	uint32_t before = bench_ipis_sent();
	for (unsigned i = 0; i < BENCH_IPI_OPS; i++)
		op();
	return ((bench_ipis_sent() - before) * 100 + BENCH_IPI_OPS / 2) / BENCH_IPI_OPS;
}

void bench_figure_ipis(const struct bench_cfg *c, const char *name, bench_op op)
{
	struct bench_stats s;
	bench_measure(c, op, 1, &s);
	bench_print_ipis(c, name, &s, bench_ipis_per_op(op));
}

void __attribute__((noinline)) bench_mark(void)
{
}
