/*
 * pingpong.h - the task-switch figures: two tasks yielding to each other,
 * holding no ports, one, two or the whole space (docs/bench.md); and the
 * runner the switch curves use (switchcurve.c).
 */
#ifndef USER_BENCH_PINGPONG_H
#define USER_BENCH_PINGPONG_H

#include "user/bench/harness.h"
#include "user/lib/ulib.h"

#define PINGPONG_MAX_RANGES 8   /* a manifest task's ports= ranges at most (user/init/manifest.h) */
#define PINGPONG_MAX_TASKS  8

/* The IoPorts caps one yielder holds: n ranges, in its slots 0..n-1. */
struct pingpong_side {
	struct ioports ports[PINGPONG_MAX_RANGES];
	int n;
};

/* Every switch_* figure; with eager (iobitmap=eager) those named *_eager8k. */
int pingpong_figures(const struct bench_cfg *c, int eager);
/* A yield with nobody to switch to: each figure must be above it, or its tasks did not take turns. */
uint32_t pingpong_solo(const struct bench_cfg *c);
/*
 * n yielders (2..PINGPONG_MAX_TASKS) holding sides[0..n-1] take turns on
 * one CPU; the first prints the figure name per yield (fpu: each runs an
 * x87 instruction after its yield).  0 if it failed.
 */
int pingpong_run(const struct bench_cfg *c, const char *name, const struct pingpong_side *sides,
		 int n, uint32_t solo, int fpu);
/* main of "bench yielder measure name=N solo=S [per=P] ..." and "bench yielder partner". */
int pingpong_yielder(int argc, char **argv);

#endif
