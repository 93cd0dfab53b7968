/*
 * fake_sched.c - the scheduler, task table, caps_commit, the IRQ, log and
 * fault-endpoint ends of kernel/object/lifecycle.c for the IPC tests
 * (see fake_sched.h); panic is fake_panic.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ipc.h"
#include "kernel/object/ipc.h"
#include "kernel/object/irq.h"
#include "kernel/debug/log.h"
#include "kernel/proc/supervise.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/object/taskio.h"
#include "tests/unit/fake_sched.h"
#include "tests/unit/unit.h"

struct task tasks[MAX_TASKS];   /* the first FAKE_TASKS are the slots */
struct task *fake_current;
unsigned fake_commits, fake_irq_gone, fake_irq_ntf_gone, fake_klog_gone, fake_fault_ep_drops;
uint32_t fake_irq_gone_slot;

static struct slot {
	struct task *t;
	struct trapframe *tf;
	struct utcb *utcb;
	uint32_t generation;
	unsigned wakes, blocks;
} slots[FAKE_TASKS];

void fake_sched_setup(void)
{
	for (int i = 0; i < FAKE_TASKS; i++) {
		struct slot *s = &slots[i];
		s->t = &tasks[i];
		s->tf = malloc(sizeof(*s->tf));
		s->utcb = malloc(sizeof(*s->utcb));
		ck_assert(s->tf && s->utcb);
		memset(s->t, 0, sizeof(*s->t));
		s->t->state = TASK_FREE;
	}
	fake_current = 0;
	fake_commits = fake_irq_gone = fake_irq_ntf_gone = fake_klog_gone = fake_fault_ep_drops = 0;
	fake_irq_gone_slot = 0;
	memset(irq_lines_owned, 0, sizeof(irq_lines_owned));
	klog_reader_tid = 0;
}

void fake_sched_teardown(void)
{
	for (int i = 0; i < FAKE_TASKS; i++) {
		free(slots[i].tf);
		free(slots[i].utcb);
	}
}

static struct slot *slot_of(const struct task *t)
{
	for (int i = 0; i < FAKE_TASKS; i++)
		if (slots[i].t == t)
			return &slots[i];
	ck_abort_msg("%p is not a fake task", (const void *)t);
	return 0;
}

struct task *fake_task_new(int i)
{
	ck_assert(i >= 0 && i < FAKE_TASKS);
	struct slot *s = &slots[i];
	struct task *t = s->t;
	memset(t, 0, sizeof(*t));
	t->tid = (int)(s->generation * MAX_TASKS + (uint32_t)i + 1);
	t->state = TASK_RUNNABLE;
	snprintf(t->name, sizeof(t->name), "t%d", i);
	cspace_init(&t->cs);
	t->utcb = s->utcb;
	t->kstack_top = (uintptr_t)(s->tf + 1);   /* task_user_frame(t) is s->tf */
	memset(s->tf, 0xA5, sizeof(*s->tf));
	memset(s->utcb, 0xA5, sizeof(*s->utcb));
	for (int k = 0; k < IPC_CAPS; k++)
		s->utcb->recv_slot[k] = IPC_NO_SLOT;
	s->wakes = s->blocks = 0;
	return t;
}

void fake_task_free(struct task *t)
{
	struct slot *s = slot_of(t);
	s->generation++;
	t->state = TASK_FREE;
}

unsigned fake_wakes(const struct task *t)
{
	return slot_of(t)->wakes;
}

unsigned fake_blocks(const struct task *t)
{
	return slot_of(t)->blocks;
}

/* ---- the kernel's symbols ---- */

void sched_make_runnable(struct task *t)
{
	struct slot *s = slot_of(t);
	ck_assert_msg(t->state == TASK_BLOCKED, "%s woken while not blocked (state %d)",
		      t->name, t->state);
	t->state = TASK_RUNNABLE;
	t->blocked_on = BLOCK_NONE;
	s->wakes++;
}

/* Where in the queue does not matter here: a wake is a wake. */
void sched_make_runnable_next(struct task *t)
{
	sched_make_runnable(t);
}

void sched_block(int reason)
{
	struct task *t = fake_current;
	ck_assert_msg(t, "sched_block(%d) with no current task", reason);
	ck_assert_msg(t->state == TASK_RUNNING, "%s blocks while not running", t->name);
	t->state = TASK_BLOCKED;
	t->blocked_on = reason;
	slot_of(t)->blocks++;
}

void caps_commit(void)
{
	fake_commits++;
}

/* irq.h's and log.h's filters read these; a test sets them for the tasks it makes binders or the reader. */
uint8_t irq_lines_owned[IRQ_TASK_SLOTS];
int klog_reader_tid;

void irq_slot_gone(int tid, uint32_t slot, int is_ntf)
{
	(void)tid;
	if (is_ntf)
		fake_irq_ntf_gone++;
	else
		fake_irq_gone++;
	fake_irq_gone_slot = slot;
}

void klog_reader_cap_gone(uint32_t slot, int is_ntf)
{
	(void)slot;
	fake_klog_gone += !is_ntf;
}

/* What kernel/proc/supervise.c does: a queued fault call fails, the kernel's reference goes. */
void fault_ep_drop(struct task *t)
{
	if (t->fault_cap.type == CAP_NULL)
		return;
	fake_fault_ep_drops++;
	struct cap old = t->fault_cap;
	ipc_fault_call_cancel(t);
	t->fault_cap = (struct cap){ .type = CAP_NULL };
	endpoint_ref(old.obj.obj, 0, -1);
}
