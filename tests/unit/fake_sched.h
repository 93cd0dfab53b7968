/*
 * fake_sched.h - stand-ins for the scheduler, the task table and the
 * other kernel symbols kernel/object/ipc.c and kernel/object/notify.c call, so that IPC
 * bookkeeping runs on the host (tests/unit/test_ipc.c).
 *
 * Nothing really blocks.  sched_block() records the block on fake_current
 * (state TASK_BLOCKED, blocked_on = reason) and returns, so the blocking
 * call returns ipc_result as it is at that moment; a later event (a
 * receiver, a reply, a revoke) sets ipc_result and wakes the task through
 * sched_make_runnable(), which fails the test unless the task is blocked:
 * a task is never woken twice.
 *
 * The table is the kernel's tasks[] (task_lookup and task_user_frame are
 * the kernel's own inlines); its first FAKE_TASKS slots are used, each
 * with a separate heap block for its trapframe (kstack_top points just
 * past it) and UTCB (exactly sizeof(struct utcb), so a copy past the end
 * of a UTCB is an AddressSanitizer error).  A tid names a slot and a
 * generation, as in kernel/proc/task.c, so a freed slot comes back under a new
 * tid at the same address.
 */
#ifndef TESTS_UNIT_FAKE_SCHED_H
#define TESTS_UNIT_FAKE_SCHED_H

#include <stdint.h>

#include "arch/i386/trapframe.h"
#include "kernel/proc/task.h"

#define FAKE_TASKS 6
#define FAKE_GARBAGE 0xA5A5A5A5u     /* fills frames and UTCB words of new tasks */

/* The task that the next sched_block() blocks; the tests set it around each call. */
extern struct task *fake_current;
/*
 * caps_commit() calls; irq_cap_gone() and irq_ntf_gone() calls and the slot
 * of the last; klog_cap_gone() calls for KLog caps; fault endpoints dropped.
 */
extern unsigned fake_commits, fake_irq_gone, fake_irq_ntf_gone, fake_klog_gone, fake_fault_ep_drops;
extern uint32_t fake_irq_gone_slot;

void fake_sched_setup(void);
void fake_sched_teardown(void);
/* A fresh task in slot i (free or not): zeroed, empty cspace, TASK_RUNNABLE,
 * garbage in its frame and UTCB words, IPC_NO_SLOT in its recv slots. */
struct task *fake_task_new(int i);
/* Slot i becomes free; its next task gets a new tid. */
void fake_task_free(struct task *t);
/* How often t was woken (sched_make_runnable) and blocked since it was made. */
unsigned fake_wakes(const struct task *t);
unsigned fake_blocks(const struct task *t);

#endif
