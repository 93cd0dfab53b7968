/*
 * revoke.h - the cost of a port revoke against the holders it reaches
 * (revoke.c).
 */
#ifndef USER_BENCH_REVOKE_H
#define USER_BENCH_REVOKE_H

#include "user/bench/harness.h"

/* Prints revoke_holders_1, _2, _4 and _8; 0 if one could not be measured. */
int revoke_figures(const struct bench_cfg *c);

#endif
