/*
 * fpu.c - the x87/MMX primitives behind kernel/proc/fpu.c: CR0 set-up, save and
 * load of the whole register file, and CR0.TS.
 */
#include "arch/i386/fpu.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"

#define CPUID_FXSR (1u << 24)

static int fxsr;                 /* FXSAVE/FXRSTOR, else FNSAVE/FRSTOR */
static struct fpu_state initial;

void arch_fpu_init(void)
{
	uint32_t a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	fxsr = (d & CPUID_FXSR) != 0;
	/*
	 * FNINIT's state: control word 0x037F (every exception masked), empty
	 * stack, zero pointers.  The FXSAVE layout keeps an abridged tag byte
	 * (0: all empty) and MXCSR at 24 (its power-on value, though unused
	 * while SSE is off); FNSAVE's keeps the full tag word (0xFFFF: all empty).
	 */
	initial.image[0] = 0x7F;
	initial.image[1] = 0x03;
	if (fxsr) {
		initial.image[24] = 0x80;
		initial.image[25] = 0x1F;
	} else {
		initial.image[8] = 0xFF;
		initial.image[9] = 0xFF;
	}
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE | CR0_TS);
}

void arch_fpu_save(struct fpu_state *s)
{
	if (fxsr)
		fxsave(s->image);
	else
		fnsave(s->image);
}

/*
 * FNINIT first: QEMU's TCG keeps the last x87 instruction's address (FIP)
 * outside what FXRSTOR and FRSTOR load, so without it a task would see the
 * previous owner's, as fnstenv shows.  On hardware the load overwrites
 * everything FNINIT set.
 */
void arch_fpu_load(const struct fpu_state *s)
{
	fninit();
	if (fxsr)
		fxrstor(s->image);
	else
		frstor(s->image);
}

void arch_fpu_load_initial(void)
{
	arch_fpu_load(&initial);
}

void arch_fpu_trap(int on)
{
	if (on)
		write_cr0(read_cr0() | CR0_TS);
	else
		clts();
}
