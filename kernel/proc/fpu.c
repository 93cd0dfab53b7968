/*
 * fpu.c - lazy FPU switching (kernel/proc/fpu.h).  Invariant on each CPU, while
 * a task runs: CR0.TS is clear exactly when the running task is the CPU's
 * fpu_owner, the task whose state the registers hold.  Every other task's
 * state is in its save area.  With more than one CPU a task may next run
 * on another, so its registers are saved when it leaves a CPU
 * (fpu_switch_out): lazy loading, eager saving, as Linux did on SMP
 * before it gave up laziness.
 */
#include "arch/i386/fpu.h"
#include "kernel/proc/fpu.h"
#include "kernel/lib.h"
#include "kernel/proc/task.h"

static struct fpu_state areas[MAX_TASKS];

static struct fpu_state *area(const struct task *t)
{
	return &areas[t - tasks];
}

void fpu_init_cpu(struct cpu *c)
{
	arch_fpu_init();
	c->fpu_owner = 0;
	c->fpu_trapping = 1;
}

void fpu_set_trapping(struct cpu *c, int on)
{
	c->fpu_trapping = on;
	arch_fpu_trap(on);
}

void fpu_switch_slow(struct cpu *c, const struct task *next)
{
	int trap = next != c->fpu_owner;
	if (trap != c->fpu_trapping)
		fpu_set_trapping(c, trap);
}

void fpu_claim(struct cpu *c, struct task *t)
{
	KASSERT(c->current == t);
	fpu_set_trapping(c, 0);
	if (c->fpu_owner == t)
		return;
	if (c->fpu_owner)
		arch_fpu_save(area(c->fpu_owner));
	if (t->fpu_used)
		arch_fpu_load(area(t));
	else
		arch_fpu_load_initial();
	t->fpu_used = 1;
	c->fpu_owner = t;
}

void fpu_forget(struct cpu *c, struct task *t)
{
	t->fpu_used = 0;
	if (c->fpu_owner == t) {
		c->fpu_owner = 0;
		if (!c->fpu_trapping)
			fpu_set_trapping(c, 1);
	}
}

void fpu_release(struct cpu *c)
{
	KASSERT(c->fpu_owner && !c->fpu_trapping);   /* the owner was running: TS is clear */
	arch_fpu_save(area(c->fpu_owner));
	c->fpu_owner = 0;
	fpu_set_trapping(c, 1);
}
