/*
 * idt.c - the interrupt descriptor table.  All 256 vectors go to entry.S
 * stubs through interrupt gates (IF cleared: the kernel runs with interrupts
 * off, seL4-style).  Only int 0x80 is callable from ring 3 (DPL 3); every
 * other vector raised by ring 3 with `int n` is a #GP (see user_callable).
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"
#include "kernel/lib.h"

static uint64_t idt[256];
extern const uint32_t trap_vectors[256];

static uint64_t gate(uint32_t off, uint16_t sel, int dpl)
{
	uint64_t g = 0;
	g |= off & 0xFFFFu;
	g |= (uint64_t)sel << 16;
	g |= (uint64_t)(0x8E | (dpl << 5)) << 40;   /* present, 32-bit interrupt gate */
	g |= (uint64_t)(off >> 16) << 48;
	return g;
}

/*
 * int 0x80 is the system call gate.  int3 and into must reach their own
 * handlers from ring 3 (a breakpoint is a fault to report, not a #GP);
 * with DPL 0 the CPU would turn them into #GP.
 */
static int user_callable(int vector)
{
	return vector == T_SYSCALL || vector == 3 || vector == 4;
}

void arch_idt_init(void)
{
	for (int i = 0; i < 256; i++)
		idt[i] = gate(trap_vectors[i], SEL_KCODE, user_callable(i) ? 3 : 0);
}

/*
 * Points vector at handler, or back at its entry.S stub (handler 0), with
 * the DPL arch_idt_init gave it.  The CPU reads the IDT from memory on
 * every interrupt, so no reload is needed.  Only the benchmarks' raw
 * int 0x80 gate uses it (arch/i386/bench.c).
 */
void arch_idt_route(int vector, uint32_t handler)
{
	KASSERT(vector >= 0 && vector < (int)(sizeof(idt) / sizeof(idt[0])));
	idt[vector] = gate(handler ? handler : trap_vectors[vector], SEL_KCODE,
			   user_callable(vector) ? 3 : 0);
}

void arch_idt_load(void)
{
	lidt(idt, sizeof(idt));
}
