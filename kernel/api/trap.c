/*
 * trap.c - the C side of the kernel entries that are not system calls:
 * IRQs and CPU exceptions (both system call gates go to syscall_fastpath,
 * kernel/api/fastpath.c, then syscall_slowpath), and the first run of a
 * task or its resumption after a fast path.  A ring-3 exception kills only the task that
 * raised it, with one FAULT line; a ring-0 exception is a kernel bug and
 * panics.  An int 0x80 made in virtual-8086 mode comes here too, to end
 * its task.
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/trapframe.h"
#include "arch/i386/fpu.h"
#include "kernel/api/exit.h"
#include "kernel/proc/fault.h"
#include "kernel/proc/fpu.h"
#include "kernel/object/irq.h"
#include "kernel/lib.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/smp/lock.h"

#define T_DEBUG 1

static void irq(int line)
{
	if (arch_irq_spurious(line))
		return;
	if (line == 0)
		sched_tick();
	else
		irq_deliver(line);
	arch_irq_eoi(line);
}

/*
 * This CPU's own tick, or another CPU asking it to schedule (new work, a
 * kill, a move): either way its task's turn ends on the way out.
 */
static void local_interrupt(struct cpu *c, uint32_t n)
{
	if (n == T_IPI_RESCHED) {
		c->counts.ipi_received++;
		c->current->work |= TW_RESCHED;
	} else {
		sched_tick_local();
	}
	arch_lapic_eoi();
}

static void kernel_exception(struct trapframe *tf)
{
	/*
	 * SYSENTER does not clear TF, so a user single-stepping into it traps
	 * on the first instruction of our entry; drop TF and carry on.
	 */
	if (tf->trapno == T_DEBUG && tf->eip >= (uint32_t)sysenter_entry &&
	    tf->eip < (uint32_t)sysenter_entry_end) {
		tf->eflags &= ~EFLAGS_TF;
		return;
	}
	panic_trap(tf, fault_name(tf->trapno));
}

void trap(struct trapframe *tf)
{
	struct cpu *c = this_cpu();
	uint32_t n = tf->trapno;
	KASSERT_HOT(arch_irqs_disabled());      /* interrupt gates: the kernel runs with IF clear */
	kernel_lock();                          /* entry.S drops it at trapret */

	/* Whatever brought a task in from virtual-8086 mode, it goes no further (trapframe.h). */
	if (tf_vm86(tf)) {
		if (n >= T_IRQ0 && n < T_IRQ0 + 16)
			irq((int)(n - T_IRQ0));
		vm86_fault(tf);
	}
	if (n >= T_IRQ0 && n < T_IRQ0 + 16)
		irq((int)(n - T_IRQ0));
	else if (n == T_LAPIC_TIMER || n == T_IPI_RESCHED)
		local_interrupt(c, n);
	else if (n == T_LAPIC_SPURIOUS)
		;                               /* no EOI for the spurious vector */
	else if (n == T_NM && tf_from_user(tf))
		fpu_claim(c, c->current);
	else if (n < 32 && tf_from_user(tf))
		user_fault(tf);
	else if (n < 32)
		kernel_exception(tf);
	else
		kprintf("trap: unexpected vector %u at 0x%08x\n", n, tf->eip);

	/*
	 * A handler may have blocked (a fault waiting for its supervisor), and
	 * this task may have been woken on another CPU: ask again which CPU
	 * this is.  A trap inside the kernel returns to it; only idle is left
	 * between ring-3 runs.
	 */
	c = this_cpu();
	if (!tf_from_user(tf) && c->current != c->idle)
		return;
	KASSERT_HOT(!tf_from_user(tf) || task_user_frame(c->current) == tf);
	exit_to_user(c->current, tf);
}

/* A new task's first way out, through the frame it was built with. */
void task_first_run(void)
{
	struct task *t = current();
	exit_to_user(t, task_user_frame(t));
}

/* A task that blocked in the fast path leaves as a system call does. */
void task_resume_run(void)
{
	struct task *t = current();
	struct trapframe *tf = task_user_frame(t);
	tf->eax = (uint32_t)t->ipc_result;
	exit_to_user(t, tf);
}
