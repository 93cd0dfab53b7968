/*
 * bench.h - the kernel's help for the benchmarks (kernel/debug/bench.c), there
 * only when the kernel was booted with the word `bench`.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

struct task;

/* Set at boot from the command line; every bench call is E_PERM without it. */
extern int bench_boot;
/* t is ending: if it left a raw gate open, shut it. */
void bench_task_exit(struct task *t);

#endif
