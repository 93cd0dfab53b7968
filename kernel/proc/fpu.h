/*
 * fpu.h - each task's own x87/MMX registers, switched lazily: the
 * registers hold one task's state (the CPU's fpu_owner) until another task
 * executes an FPU instruction; that traps (#NM, CR0.TS set whenever the
 * running task is not the owner), and fpu_claim() saves the owner's state
 * and loads the new task's.  A task that never touches the FPU costs two
 * compares at each switch and nothing else.  docs/fpu.md has the choice
 * against saving at every switch, with the measurements.
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include "kernel/smp/cpu.h"

struct task;

/* CPU c's FPU set-up (c is the CPU running this): CR0 bits, save format, TS set, no owner. */
void fpu_init_cpu(struct cpu *c);
/* #NM from ring 3 on c: t (c's current) gets its registers, or the initial state on first use. */
void fpu_claim(struct cpu *c, struct task *t);
/* t's FPU state is gone (it exits, or restarts as a fresh incarnation); c runs it. */
void fpu_forget(struct cpu *c, struct task *t);
void fpu_set_trapping(struct cpu *c, int on);
void fpu_switch_slow(struct cpu *c, const struct task *next);

/* Saves the owner's registers to its area and leaves c without an owner (the owner runs on c). */
void fpu_release(struct cpu *c);

/* prev leaves c: on SMP its registers go to its area, as it may next run elsewhere. */
static inline void fpu_switch_out(struct cpu *c, const struct task *prev)
{
	if (c->fpu_owner == prev && ncpus_online > 1)
		fpu_release(c);
}

/*
 * On the way to next (sched_enter): trap its FPU use unless its state is
 * the loaded one.  TS needs writing only if it is clear (the task leaving,
 * or the idle thread before it, ran as the owner) or next is the owner;
 * two compares on every switch, a CR0 write only then.
 */
static inline void fpu_switch_in(struct cpu *c, const struct task *next)
{
	if (!c->fpu_trapping || next == c->fpu_owner)
		fpu_switch_slow(c, next);
}

#endif
