/*
 * pingpong.h - the task-switch figures: two tasks yielding to each other,
 * holding no ports, one, two or the whole space (docs/bench.md).
 */
#ifndef USER_BENCH_PINGPONG_H
#define USER_BENCH_PINGPONG_H

#include "user/bench/harness.h"

/* Every switch_* figure; with eager (iobitmap=eager) those named *_eager8k. */
int pingpong_figures(const struct bench_cfg *c, int eager);
/* main of "bench yielder measure name=N solo=S ..." and "bench yielder partner". */
int pingpong_yielder(int argc, char **argv);

#endif
