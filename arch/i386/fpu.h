/*
 * fpu.h - the x87/MMX register file as the kernel handles it: saved and
 * loaded whole, and CR0.TS to make a task's first FPU instruction after a
 * switch trap (#NM).  kernel/proc/fpu.c decides when; this is how.
 *
 * The kernel itself never executes an FPU instruction (-mno-80387
 * -mno-mmx -mno-sse) other than these.
 */
#ifndef ARCH_I386_FPU_H
#define ARCH_I386_FPU_H

#include <stdint.h>

#define T_NM 7                   /* device not available: an FPU instruction with CR0.TS set */

/*
 * One task's registers: an FXSAVE image (512 bytes, 16-aligned), or on a
 * CPU without FXSR the 108 bytes of FNSAVE at its start.
 */
struct fpu_state {
	uint8_t image[512];
} __attribute__((aligned(16)));

/*
 * This CPU: CR0.MP and NE set (WAIT traps with TS; x87 errors are #MF in
 * the task, not IRQ 13), EM clear, TS set; picks FXSAVE or FNSAVE by CPUID.
 * SSE stays off (CR4.OSFXSR clear): SSE instructions are #UD.
 */
void arch_fpu_init(void);
void arch_fpu_save(struct fpu_state *s);
void arch_fpu_load(const struct fpu_state *s);
/* Loads the state FNINIT defines (SDM vol. 1, 8.1.x), with zero instruction/data pointers. */
void arch_fpu_load_initial(void);
/* on: the next FPU instruction traps (#NM); off: it runs on the loaded state. */
void arch_fpu_trap(int on);

#endif
