/*
 * exit.c - the work a task does on its way back to ring 3, in one loop
 * (the model is Linux's exit_to_user_mode_loop).  Whoever asks for work
 * sets a bit in the task's work word (TW_x, kernel/proc/task.h); each return
 * path tests that word alone, and only this loop reads the bits.
 *
 * It loops because doing one piece of work can ask for another: a
 * reschedule returns after other tasks ran and logged, a restart logs.
 * It takes the task rather than reading current(), so it also runs on the
 * host (tests/unit/test_exit.c).
 */
#include "arch/i386/trapframe.h"
#include "kernel/api/exit.h"
#include "kernel/debug/log.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/task.h"
#include "kernel/object/taskio.h"

/*
 * What this way out may do.  The idle task leaving an interrupt has only
 * the CPU's work (it is never killed or restarted); a restart waits for a
 * system call's way out, so that a driver preempted mid-request finishes
 * it first.
 */
static uint32_t work_allowed(const struct trapframe *tf)
{
	if (!tf_from_user(tf))
		return TW_CPU;
	if (tf->trapno != T_SYSCALL && tf->trapno != T_SYSENTER)
		return ~(uint32_t)TW_RESTART;
	return ~0u;
}

void exit_to_user_work(struct task *t, struct trapframe *tf)
{
	uint32_t work;
	while ((work = t->work & work_allowed(tf)) != 0) {
		if (work & TW_LOG) {
			t->work &= ~(uint32_t)TW_LOG;
			log_signal_reader();
		} else if (work & TW_RESCHED) {
			/* Only a tick sets it, and only in ring 3 or idle: this is where it ends. */
			t->work &= ~(uint32_t)TW_RESCHED;
			schedule();             /* returns when t runs again */
		} else if (work & TW_IOSYNC) {
			t->work &= ~(uint32_t)TW_IOSYNC;
			task_io_sync_frame(t, tf);
		} else if (work & TW_KILL) {
			task_exit(-1, -1, tf->eip, 0);
		} else if (spawn_restart(t, tf)) {      /* TW_RESTART; clears it */
			task_exit(-1, -1, tf->eip, 0);
		}
	}
}

