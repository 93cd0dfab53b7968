/*
 * smp.h - the SMP figures (smp.c), measured in the boots bench/run.sh
 * makes with -smp 2, 4 and 8 and the word `smp`, and the placing of
 * bench's helper tasks on CPUs that the other figure files share.
 */
#ifndef USER_BENCH_SMP_H
#define USER_BENCH_SMP_H

#include "user/bench/harness.h"

/* The CPU count the shootdown figures need: one space live on each. */
#define SMP_SHOOT_CPUS 8

/* How smp_spawn_on leaves the child. */
enum smp_start {
	SMP_SUSPENDED,   /* spawned and pinned, not resumed */
	SMP_RESUMED,     /* resumed; it may block at once (a server) */
	SMP_RUNNING,     /* resumed, and seen running on its CPU (a spinner) */
};

/*
 * `bench ARGS` pinned to cpu and started as `how` says; its tid, or a
 * negative error (the child is killed).
 */
int smp_spawn_on(const char *args, int cpu, enum smp_start how);
/* Kills and reaps tid, if it is one. */
void smp_stop(int tid);
/* Prints the figures; 0 if one could not be measured. */
int smp_figures(const struct bench_cfg *c);
/* `bench spinner`: spins with `pause` in ring 3 for ever, keeping its space live on its CPU. */
int smp_spinner(void) __attribute__((noreturn));

#endif
