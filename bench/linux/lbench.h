/*
 * lbench.h - what the two files of the Linux column share: lbench.c (the
 * one-CPU figures, the machine, main) and smp.c (the figures whose threads
 * run on several CPUs).  Both sides of a futex ping-pong use the same op,
 * so the processes, same-CPU threads and cross-CPU threads figures differ
 * only in where the partner runs.
 */
#ifndef BENCH_LINUX_LBENCH_H
#define BENCH_LINUX_LBENCH_H

#include <sys/types.h>

#include "user/bench/harness.h"

/* The CPUs the SMP figures need; bench/linux.sh boots QEMU with -smp 4. */
#define LBENCH_CPUS 4

/* ---- lbench.c ---- */

/* The futex ping-pong's word (a MAP_SHARED page) and its two sides. */
extern volatile int *futex_word;
/* One round trip: hand the word over (FUTEX_WAKE), sleep until handed back (FUTEX_WAIT). */
void op_futex(void);
/* The partner's whole life: hand the word back each time it is handed over. */
void futex_partner(void *arg) __attribute__((noreturn));
/* A child process that runs fn(arg) and exits 0; -1 if fork failed. */
pid_t start(void (*fn)(void *), void *arg);
/* Waits for p; 0 (and a `linux: WHAT failed` line, the run marked failed) unless it exited 0. */
int finish(pid_t p, const char *what);

/* ---- smp.c ---- */

/*
 * Brings CPUs 1..want-1 online (the kernel boots with maxcpus=1) and
 * returns how many are online.
 */
int smp_online(int want);
/* The SMP figures in child processes (cpus CPUs online); 0 if one failed. */
int smp_figures(const struct bench_cfg *c, int cpus);

#endif
