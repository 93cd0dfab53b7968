/*
 * bench.c - the i386 side of the kernel's benchmark help (kernel/debug/bench.c):
 * the two raw gates and the ring-0 `in` loop.  Nothing here runs unless
 * the kernel was booted with `bench`.
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"
#include "abi/syscalls.h"

extern char bench_sysenter_raw[], bench_int80_raw[];

void arch_bench_gate(unsigned which)
{
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)(which == BENCH_GATE_SYSENTER ? bench_sysenter_raw
								       : sysenter_entry));
	arch_idt_route(T_SYSCALL, which == BENCH_GATE_INT80 ? (uint32_t)bench_int80_raw : 0);
}

/*
 * count times `inb BENCH_PORT` (the same imm8 form ring 3 uses), or the
 * same loop without it; the caller takes one from the other.  The kernel
 * runs with interrupts off, so nothing else lands in the loop.
 */
uint32_t arch_bench_in_loop(uint32_t count, int with_in)
{
	uint64_t t0 = rdtsc();
	if (with_in)
		__asm__ volatile("1: inb %1, %%al\n\tdecl %0\n\tjnz 1b"
				 : "+r"(count) : "i"(BENCH_PORT) : "eax", "cc");
	else
		__asm__ volatile("1: decl %0\n\tjnz 1b" : "+r"(count) : : "cc");
	return (uint32_t)(rdtsc() - t0);
}

uint32_t arch_bench_tsc(void)
{
	return (uint32_t)rdtsc();
}

uint32_t arch_port_in(uint16_t port, unsigned width)
{
	return width == 2 ? inw(IOPORT(port)) : inb(IOPORT(port));
}
