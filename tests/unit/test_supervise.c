/*
 * test_supervise.c - the fault-stop state of kernel/proc/faultstop.c on the
 * host: a stopped child is reported once, answered once and woken once,
 * whichever of the answer, a kill or a restart comes first; what it then
 * does (supervise_decision); fault_ask with nobody to ask; and every
 * refusal of fault_reply (supervise_answer), by the rule the reply on a
 * fault endpoint shares (fault_answer_check).  The fake scheduler (tests/unit/fake_sched.c) fails
 * a test that wakes a task that is not blocked: the kernel panic of
 * kill + fault_reply.
 */
#include <check.h>

#include "abi/errno.h"
#include "abi/syscalls.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/object/lifecycle.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/supervise.h"
#include "kernel/proc/task.h"
#include "tests/unit/fake_sched.h"
#include "tests/unit/unit.h"


static struct task *sup, *child, *other;

static void setup(void)
{
	fake_sched_setup();
	cap_ref_hook = kobj_ref;
	sup = fake_task_new(0);
	child = fake_task_new(1);
	other = fake_task_new(2);
	child->parent = sup;
	sup->nchildren = 1;
	sup->supervising = 1;
	sup->state = TASK_BLOCKED;          /* in supervise(): a child's fault wakes it */
	sup->blocked_on = BLOCK_SUPERVISE;
}

static void teardown(void)
{
	cap_ref_hook = 0;
	fake_sched_teardown();
}

/* child faults (an undefined opcode): stopped and blocked, its supervisor woken. */
static void fault(struct task *t)
{
	t->fault = (struct supmsg){ .kind = SUP_FAULT, .tid = t->tid, .vector = 6,
				    .io_op = IOOP_NONE };
	t->state = TASK_RUNNING;
	fake_current = t;
	ck_assert_int_eq(supervise_stop(t), 1);
	sched_block(BLOCK_FAULT);
	fake_current = 0;
	ck_assert_int_eq(t->fault_stop, FAULT_WAITING);
}

/* supervise() reports t's fault. */
static void report(struct task *t)
{
	struct supmsg buf;
	struct task *who = 0;
	int children;
	const struct supmsg *m = supervise_next_event(sup, &buf, &who, &children);
	ck_assert_ptr_eq(who, t);
	ck_assert_ptr_eq(m, &t->fault);          /* the fault's own message, not a copy */
	ck_assert_int_eq(m->kind, SUP_FAULT);
	ck_assert_int_eq(m->tid, t->tid);
	ck_assert_int_eq(t->fault_stop, FAULT_SEEN);
	/* Reported once: the next look finds nothing. */
	ck_assert_ptr_eq(supervise_next_event(sup, &buf, &who, &children), 0);
	ck_assert_int_eq(children, 1);
}

static void assert_released_once(struct task *t)
{
	ck_assert_int_eq(t->state, TASK_RUNNABLE);
	ck_assert_int_eq(t->fault_stop, FAULT_NONE);
	ck_assert_uint_eq(fake_wakes(t), 1);
}

START_TEST(answer_wakes_once)
{
	fault(child);
	ck_assert_uint_eq(fake_wakes(sup), 1);            /* supervisor_notify */
	ck_assert_int_eq(supervise_answer(sup, child, FA_RESTART), -E_STATE);  /* not reported yet */
	report(child);
	ck_assert_int_eq(supervise_answer(sup, child, FA_RESTART | FA_QUIET), 0);
	assert_released_once(child);
	ck_assert_uint_eq(supervise_decision(child, 0), FA_RESTART | FA_QUIET);
	ck_assert_int_eq(supervise_answer(sup, child, FA_KILL), -E_STATE);     /* answered */
	ck_assert_uint_eq(fake_wakes(child), 1);
}
END_TEST

/* What task_interrupt() does for a kill: the fault is withdrawn, the answer refused. */
START_TEST(kill_withdraws_fault)
{
	fault(child);
	report(child);
	child->killed_by = sup->tid;
	child->work |= TW_KILL;
	supervise_release(child, FA_KILL);
	assert_released_once(child);
	ck_assert_int_eq(supervise_answer(sup, child, FA_KILL), -E_STATE);
	ck_assert_int_eq(supervise_answer(sup, child, FA_RESTART), -E_STATE);
	ck_assert_uint_eq(fake_wakes(child), 1);
	ck_assert_uint_eq(supervise_decision(child, 0), FA_KILL);
}
END_TEST

/* Killed before the supervisor even looked: nothing left to report. */
START_TEST(kill_before_report)
{
	struct supmsg m;
	struct task *who;
	int children;
	fault(child);
	child->killed_by = sup->tid;
	child->work |= TW_KILL;
	supervise_release(child, FA_KILL);
	ck_assert_ptr_eq(supervise_next_event(sup, &m, &who, &children), 0);
	ck_assert_int_eq(supervise_answer(sup, child, FA_KILL), -E_STATE);
	assert_released_once(child);
}
END_TEST

START_TEST(restart_withdraws_fault)
{
	fault(child);
	report(child);
	child->work |= TW_RESTART;
	supervise_release(child, FA_KILL);
	assert_released_once(child);
	ck_assert_int_eq(supervise_answer(sup, child, FA_RESUME), -E_STATE);
	ck_assert_uint_eq(supervise_decision(child, 0), FA_RESTART);
}
END_TEST

START_TEST(decision_order)
{
	child->fault_action = FA_RESUME;
	ck_assert_uint_eq(supervise_decision(child, 0), FA_RESUME);
	ck_assert_uint_eq(supervise_decision(child, -E_DEAD), FA_KILL);     /* nobody answered */
	child->work |= TW_RESTART;
	ck_assert_uint_eq(supervise_decision(child, -E_DEAD), FA_RESTART);  /* the restart wins */
	child->killed_by = 1;
	child->work |= TW_KILL;
	ck_assert_uint_eq(supervise_decision(child, 0), FA_KILL);           /* a kill wins over all */
}
END_TEST

/* No supervisor, or interrupted on the way: no stop, no notify, nothing to answer. */
START_TEST(no_stop_without_supervisor_or_when_interrupted)
{
	child->state = TASK_RUNNING;
	sup->supervising = 0;
	ck_assert_int_eq(supervise_stop(child), 0);
	ck_assert_int_eq(child->fault_stop, FAULT_NONE);
	ck_assert_uint_eq(supervise_decision(child, 0), FA_KILL);
	sup->supervising = 1;
	child->killed_by = sup->tid;
	child->work |= TW_KILL;
	ck_assert_int_eq(supervise_stop(child), 0);
	ck_assert_int_eq(child->fault_stop, FAULT_NONE);
	ck_assert_uint_eq(fake_wakes(sup), 0);
	ck_assert_int_eq(supervise_answer(sup, child, FA_KILL), -E_STATE);
}
END_TEST

/* fault_ask with nobody to ask: the answer is a kill, at once, without a stop. */
START_TEST(ask_without_supervisor_kills_at_once)
{
	child->fault = (struct supmsg){ .kind = SUP_FAULT, .tid = child->tid, .vector = 13,
					.io_op = IOOP_IN };
	child->fault_action = FA_RESUME;        /* left from an earlier fault */
	child->state = TASK_RUNNING;
	fake_current = child;
	sup->supervising = 0;
	ck_assert_uint_eq(fault_ask(child), FA_KILL);
	fake_current = 0;
	ck_assert_uint_eq(fake_blocks(child), 0);
	ck_assert_int_eq(child->fault_stop, FAULT_NONE);
	ck_assert_uint_eq(fake_wakes(sup), 0);
}
END_TEST

START_TEST(answer_refusals)
{
	fault(child);
	report(child);
	ck_assert_int_eq(supervise_answer(other, child, FA_KILL), -E_CHILD);
	ck_assert_int_eq(supervise_answer(sup, child, 0), -E_INVAL);
	ck_assert_int_eq(supervise_answer(sup, child, 77), -E_INVAL);
	/* ud2 cannot be skipped: resuming would run it again. */
	ck_assert_int_eq(supervise_answer(sup, child, FA_RESUME), -E_INVAL);
	/* Every answer the one rule refuses (abi/fault.h), the reply on a fault endpoint too. */
	for (unsigned a = 0; a < 0x400; a++)
		if (fault_answer_check(&child->fault, a))
			ck_assert_int_eq(supervise_answer(sup, child, a), -E_INVAL);
	ck_assert_int_eq(child->fault_stop, FAULT_SEEN);   /* still waiting for a real answer */
	ck_assert_uint_eq(fake_wakes(child), 0);
	ck_assert_int_eq(supervise_answer(sup, child, FA_KILL), 0);
	assert_released_once(child);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("supervise");
	TCase *tc = tcase_create("fault stop");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, answer_wakes_once);
	tcase_add_test(tc, kill_withdraws_fault);
	tcase_add_test(tc, kill_before_report);
	tcase_add_test(tc, restart_withdraws_fault);
	tcase_add_test(tc, decision_order);
	tcase_add_test(tc, no_stop_without_supervisor_or_when_interrupted);
	tcase_add_test(tc, ask_without_supervisor_kills_at_once);
	tcase_add_test(tc, answer_refusals);
	suite_add_tcase(s, tc);
	return s;
}
