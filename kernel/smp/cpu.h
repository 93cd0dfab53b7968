/*
 * cpu.h - what the kernel keeps for each CPU: the scheduler's state (the
 * running task, the idle thread, the address space CR3 holds, the FPU's
 * owner) around the architecture's half (struct cpu_arch, arch/i386/cpu.h:
 * GDT, TSS and its I/O bitmap).  Every CPU has its own from the first
 * line, even while only one runs, so SMP adds CPUs and per-CPU fields here
 * rather than reworking the structure (HelenOS: cpu_t holding cpu_arch_t).
 */
#ifndef KERNEL_SMP_CPU_H
#define KERNEL_SMP_CPU_H

#include <stdint.h>
#include "arch/i386/cpu.h"

#define MAX_CPUS 8

struct task;

struct cpu {
	/*
	 * This struct's own address, its first word: the architecture finds
	 * the running CPU's struct by it (i386: the per-CPU segment's base is
	 * the struct, and arch_this_cpu() reads %fs:0).
	 */
	struct cpu *self;
	uint32_t id;
	struct task *current;
	struct task *idle;           /* runs when the run queue is empty; never queued */
	uint32_t pgdir_loaded;       /* what CR3 holds, to skip needless reloads */
	struct task *fpu_owner;      /* whose state the FPU registers hold (kernel/proc/fpu.c) */
	int fpu_trapping;            /* the FPU traps (#NM) the next use: CR0.TS is set */
	struct cpu_arch arch;        /* GDT, TSS, I/O bitmap: arch/i386/cpu.h */
} __attribute__((aligned(4096)));

extern struct cpu cpus[MAX_CPUS];

static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

/* Brings up c as CPU id on the CPU running this: the generic fields, then the arch half. */
void cpu_init(struct cpu *c, uint32_t id);

#endif
