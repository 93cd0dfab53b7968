/*
 * cpu.h - per-CPU state: GDT, TSS with its I/O permission bitmap, the
 * sysenter entry stack, and the scheduler's per-CPU fields.
 *
 * Every CPU has its own copy from the first line, even while only one runs,
 * so that SMP adds CPUs rather than reworking this structure.
 */
#ifndef ARCH_I386_CPU_H
#define ARCH_I386_CPU_H

#include <stdint.h>
#include "mmu.h"
#include "iocap/iotss.h"

#define MAX_CPUS 8


/* The 104-byte hardware TSS (SDM vol. 3A, 8.2.1). */
struct hwtss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/*
 * TSS followed by the 8 KiB bitmap and one trailing 0xFF byte.  The CPU
 * reads two bytes per check, so the byte after the bitmap must exist and be
 * within the limit.  The limit always covers that byte; access is switched
 * off by pointing iomap_base beyond the limit (IOMAP_NONE), which needs no
 * TR reload because the CPU reads iomap_base from memory on every check.
 */
struct tss_io {
	struct hwtss hw;
	uint8_t iobitmap[IOBITMAP_BYTES];
	uint8_t iobitmap_end;
} __attribute__((packed));

#define TSS_IOMAP_OFFSET ((uint16_t)sizeof(struct hwtss))
#define TSS_LIMIT        ((uint32_t)sizeof(struct tss_io) - 1)
#define IOMAP_NONE       ((uint16_t)(TSS_LIMIT + 1))

struct task;

#define ENTRY_STACK_WORDS 512

struct cpu {
	struct cpu *self;            /* %fs:0 */
	uint32_t id;
	struct task *current;
	struct task *idle;
	uint32_t pgdir_loaded;       /* what CR3 holds, to skip needless reloads */
	struct task *fpu_owner;      /* whose state the FPU registers hold (kernel/proc/fpu.c) */
	int fpu_trapping;            /* CR0.TS is set */
	struct iotss io;             /* whose bitmap the TSS holds (iocap/iotss.h) */
	uint64_t gdt[GDT_ENTRIES];
	uint32_t entry_stack[ENTRY_STACK_WORDS];
	uint32_t sysenter_esp0;      /* MSR_SYSENTER_ESP points here */
	struct tss_io tss __attribute__((aligned(16)));
} __attribute__((aligned(4096)));

extern struct cpu cpus[MAX_CPUS];

static inline struct cpu *this_cpu(void);

#include "x86.h"
static inline struct cpu *this_cpu(void)
{
	return (struct cpu *)percpu_self();
}

void arch_cpu_init(struct cpu *c, uint32_t id);

/* Where this CPU's traps and sysenters land: top of the running task's kernel stack. */
static inline void arch_set_kernel_stack(struct cpu *c, uint32_t top)
{
	c->tss.hw.esp0 = top;
	c->sysenter_esp0 = top;
}

static inline void arch_load_pgdir(uint32_t pgdir_pa)
{
	write_cr3(pgdir_pa);
}

#endif
