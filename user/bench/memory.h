/*
 * memory.h - the memory figures: map+unmap, protect, retype, the three
 * together, and revoke of a frame mapped in several spaces, each at
 * several sizes so that the cost's growth shows (memory.c).
 */
#ifndef USER_BENCH_MEMORY_H
#define USER_BENCH_MEMORY_H

#include "abi/syscalls.h"
#include "user/bench/harness.h"

/* bench's Untyped: init gives it a copy of its own, in the same slot. */
#define BENCH_SLOT_UNTYPED ROOT_SLOT_UNTYPED

/* Prints the figures; 0 if one could not be measured. */
int memory_figures(const struct bench_cfg *c);
/* The 8-CPU boot (smp.c): shootdown_{live,parked}_<k>, k = 1, 2, 4, 8 spaces. */
int memory_shootdown_figures(const struct bench_cfg *c);

#endif
