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
struct aspace;

/*
 * A shootdown asked of one CPU (docs/smp.md, S5): flush [va, va + npages
 * pages) if pgdir is loaded.  pending is written last by the initiator
 * and cleared by the target once it has flushed: the clear is the ack.
 */
struct tlb_request {
	uint32_t pgdir, va, npages;
	volatile uint32_t pending;
};

/* What each CPU counts, for the tests and the benchmarks (sys_cpu_info). */
struct cpu_counts {
	uint32_t ipi_sent, ipi_received;        /* every IPI, any vector */
	uint32_t tlb_requests, io_requests;     /* requests served (an IPI may carry both, or none) */
	uint32_t shootdowns;                    /* initiated with at least one remote target */
	uint32_t nmi_sent, nmi_received;        /* a target with interrupts off in ring 3 (ipi.c) */
	uint32_t lock_taken, lock_waited;       /* big lock acquisitions, and those that found it held */
	uint32_t lock_spins;                    /* turns of the wait loop, all told */
	uint32_t irqs;                          /* device interrupts taken (irq_deliver) */
};

struct cpu {
	/*
	 * This struct's own address, its first word: the architecture finds
	 * the running CPU's struct by it (i386: the per-CPU segment's base is
	 * the struct, and arch_this_cpu() reads %fs:0).
	 */
	struct cpu *self;
	uint32_t id;
	uint32_t id_bit;             /* 1 << id: this CPU in a live set (sched_load_space) */
	struct task *current;
	struct task *idle;           /* runs when the run queue is empty; never queued */
	uint32_t pgdir_loaded;       /* what CR3 holds, to skip needless reloads */
	struct task *fpu_owner;      /* whose state the FPU registers hold (kernel/proc/fpu.c) */
	int fpu_trapping;            /* the FPU traps (#NM) the next use: CR0.TS is set */
	struct aspace *space_loaded; /* whose directory pgdir_loaded is (0: the kernel's), in its live set */
	uint32_t lock_depth;         /* kernel entries nested on this CPU; the big lock is held while > 0 */
	uint32_t lock_ticket;        /* the big lock's ticket this CPU took last: it holds the lock while served */
	volatile int online;         /* set by the CPU itself once it schedules (kernel/smp/smp.c) */
	uint32_t apic_id;
	struct tlb_request tlb_req;  /* docs/smp.md S5-S6 */
	volatile uint32_t io_req;    /* docs/smp.md R2-R5: reload the running task's I/O state */
	struct cpu_counts counts;
	struct cpu_arch arch;        /* GDT, TSS, I/O bitmap: arch/i386/cpu.h */
} __attribute__((aligned(4096)));

extern struct cpu cpus[MAX_CPUS];
/* CPUs scheduling tasks (1 until the APs are up); ids 0..ncpus_online-1. */
extern volatile uint32_t ncpus_online;

static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

/* Brings up c as CPU id on the CPU running this: the generic fields, then the arch half. */
void cpu_init(struct cpu *c, uint32_t id);

#endif
