/*
 * switchcurve.h - the switch against the tasks taking turns, the extent
 * and word layout of their ports, and drivers.conf's real grants
 * (switchcurve.c).
 */
#ifndef USER_BENCH_SWITCHCURVE_H
#define USER_BENCH_SWITCHCURVE_H

#include "user/bench/harness.h"

/* Prints switch_runnable_*, switch_extent_*, switch_layout_straddle, switch_pair_*; 0 on a failure. */
int switchcurve_figures(const struct bench_cfg *c);

#endif
