/*
 * cpu.h - the i386 half of a CPU's state (struct cpu_arch): its GDT, its
 * TSS with the I/O permission bitmap and the record of whose bitmap that
 * is, and the word the sysenter MSR points at.  It lives inside the
 * generic struct cpu (kernel/smp/cpu.h), which holds what the scheduler
 * keeps per CPU; generic code reaches these fields only through the
 * arch_* hooks below (HelenOS: cpu_arch_t inside cpu_t).
 */
#ifndef ARCH_I386_CPU_H
#define ARCH_I386_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include "mmu.h"
#include "iocap/iotss.h"

/* The 104-byte hardware TSS (SDM vol. 3A, 8.2.1). */
struct hwtss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/*
 * TSS followed by two own 8 KiB bitmaps and the shared one, each with one
 * trailing 0xFF byte.  The CPU reads two bytes per check, so the byte after
 * a bitmap must exist, be 0xFF and be within the limit.  Two own bitmaps:
 * two holders taking turns on a CPU (a client and its driver, two drivers)
 * each keep theirs (kernel/object/taskio.h:task_io_switch_in).  The limit always covers that byte; access is switched
 * off by pointing iomap_base beyond the limit (IOMAP_NONE), which needs no
 * TR reload because the CPU reads iomap_base from memory on every check.
 */
struct tss_io {
	struct hwtss hw;
	uint8_t iobitmap[IOBITMAP_BYTES];
	uint8_t iobitmap_end;
	uint8_t iobitmap2[IOBITMAP_BYTES];   /* the second own bitmap */
	uint8_t iobitmap2_end;
	uint8_t shared[IOBITMAP_BYTES];      /* every port but the kernel's (iocap/iotss.h) */
	uint8_t shared_end;
} __attribute__((packed));

#define TSS_IOMAP_OFFSET ((uint16_t)sizeof(struct hwtss))
#define TSS_IOMAP2_OFFSET ((uint16_t)__builtin_offsetof(struct tss_io, iobitmap2))
#define TSS_SHARED_OFFSET ((uint16_t)__builtin_offsetof(struct tss_io, shared))
_Static_assert(sizeof(struct tss_io) < 0xFFFF, "iomap_base is 16 bits, IOMAP_NONE past the limit");
#define TSS_LIMIT        ((uint32_t)sizeof(struct tss_io) - 1)
#define IOMAP_NONE       ((uint16_t)(TSS_LIMIT + 1))

struct cpu;

#define ENTRY_STACK_WORDS 512

/*
 * The per-CPU segment (%fs) has the whole struct cpu as its base: %fs:0 is
 * its self word (arch_this_cpu), and entry.S reads the generic fields at
 * their generated CPU_x offsets.
 */
struct cpu_arch {
	struct iotss io[2];          /* whose bitmap each own area holds (iocap/iotss.h); io[0]'s the shared one */
	uint32_t io_last;            /* the own area used last: the other one is loaded next */
	uint64_t gdt[GDT_ENTRIES];
	uint32_t entry_stack[ENTRY_STACK_WORDS];
	uint32_t sysenter_esp0;      /* MSR_SYSENTER_ESP points here */
	struct tss_io tss __attribute__((aligned(16)));
};

#include "x86.h"
/* The CPU running this: the per-CPU segment's first word, struct cpu's self. */
static inline struct cpu *arch_this_cpu(void)
{
	return (struct cpu *)percpu_self();
}

/* c's GDT (%fs based at c), TSS and sysenter MSRs, loaded on the CPU running this (kernel/smp/cpu.c). */
void arch_cpu_init(struct cpu *c);

/* Where this CPU's traps and sysenters land: top of the running task's kernel stack. */
static inline void arch_set_kernel_stack(struct cpu_arch *a, uint32_t top)
{
	a->tss.hw.esp0 = top;
	a->sysenter_esp0 = top;
}

/* Ring 3's port access on this CPU: through one of the TSS's bitmaps, or none at all. */
static inline void arch_io_bitmap_enable(struct cpu_arch *a, enum iotss_mode mode)
{
	static const uint16_t base[] = { [IOTSS_OFF] = IOMAP_NONE, [IOTSS_OWN] = TSS_IOMAP_OFFSET,
					 [IOTSS_SHARED] = TSS_SHARED_OFFSET,
					 [IOTSS_OWN2] = TSS_IOMAP2_OFFSET };
	a->tss.hw.iomap_base = base[mode];
}

/* The bitmap ring 3's checks read on this CPU now. */
static inline enum iotss_mode arch_io_bitmap_mode(const struct cpu_arch *a)
{
	uint16_t b = a->tss.hw.iomap_base;
	return b == TSS_IOMAP_OFFSET ? IOTSS_OWN : b == TSS_IOMAP2_OFFSET ? IOTSS_OWN2 :
	       b == TSS_SHARED_OFFSET ? IOTSS_SHARED : IOTSS_OFF;
}

#endif
