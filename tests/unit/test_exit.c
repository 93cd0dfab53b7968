/*
 * test_exit.c - kernel/api/exit.c, the one loop on the way back to ring 3,
 * against fakes of the work it calls: each bit is done once and cleared,
 * a way out does only the work it may (a restart waits for a system
 * call's way out, the idle task does only the CPU's work), work that
 * comes while other work is done is done too, and a kill or a failed
 * restart ends the task with the frame's eip.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/i386/mmu.h"
#include "arch/i386/trapframe.h"
#include "kernel/api/exit.h"
#include "kernel/debug/log.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/task.h"
#include "tests/unit/unit.h"

static struct task task;
static struct trapframe frame;
static unsigned signals, schedules, restarts;
static int restart_fails;
static uint32_t news_during_schedule;   /* bits another task leaves while we are away */
static jmp_buf exited;
static uint32_t exit_eip;
static unsigned order[8], norder;       /* 1 log, 2 schedule, 3 exit, 4 restart */

static unsigned iosyncs;

void log_signal_reader(void) { signals++; order[norder++ % 8] = 1; }

void task_io_sync_frame(struct task *t, struct trapframe *tf)
{
	ck_assert_ptr_eq(t, &task);
	ck_assert_ptr_eq(tf, &frame);
	iosyncs++;
}

void schedule(void)
{
	schedules++;
	order[norder++ % 8] = 2;
	task.work |= news_during_schedule;
	news_during_schedule = 0;
}

void task_exit(int code, int vector, uint32_t eip, uint32_t addr)
{
	ck_assert_int_eq(code, -1);
	ck_assert_int_eq(vector, -1);
	ck_assert_uint_eq(addr, 0);
	order[norder++ % 8] = 3;
	exit_eip = eip;
	longjmp(exited, 1);
}

int spawn_restart(struct task *t, struct trapframe *tf)
{
	ck_assert_ptr_eq(t, &task);
	ck_assert_ptr_eq(tf, &frame);
	order[norder++ % 8] = 4;
	restarts++;
	t->work &= ~(uint32_t)TW_RESTART;
	return restart_fails;
}

static void setup(void)
{
	memset(&task, 0, sizeof(task));
	task.state = TASK_RUNNING;          /* the task on its way out is the running one */
	memset(&frame, 0, sizeof(frame));
	frame.cs = SEL_UCODE;
	frame.trapno = T_SYSCALL;
	frame.eip = 0x401234;
	signals = schedules = restarts = norder = iosyncs = 0;
	restart_fails = 0;
	news_during_schedule = 0;
	exit_eip = 0;
}

/* Runs the way out; 1 if the task ended there. */
static int leave(void)
{
	if (setjmp(exited))
		return 1;
	exit_to_user(&task, &frame);
	return 0;
}

START_TEST(no_work_does_nothing)
{
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(norder, 0);
}
END_TEST

START_TEST(log_news_signalled_once)
{
	task.work = TW_LOG;
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(signals, 1);
	ck_assert_uint_eq(task.work, 0);
}
END_TEST

START_TEST(resched_once_then_news_from_others)
{
	task.work = TW_RESCHED;
	news_during_schedule = TW_LOG;
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(schedules, 1);
	ck_assert_uint_eq(signals, 1);
	ck_assert_uint_eq(task.work, 0);
}
END_TEST

/* A revoke from another CPU fixes IOPL in the frame the task leaves through, once. */
START_TEST(iosync_once)
{
	task.work = TW_IOSYNC | TW_LOG;
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(iosyncs, 1);
	ck_assert_uint_eq(signals, 1);
	ck_assert_uint_eq(task.work, 0);
}
END_TEST

/* An idle CPU leaving an interrupt has no task frame to fix: the bit waits for the task's way out. */
START_TEST(kernel_frame_no_iosync)
{
	task.work = TW_IOSYNC | TW_RESCHED;
	frame.cs = SEL_KCODE;
	frame.trapno = T_IRQ0;
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(schedules, 1);
	ck_assert_uint_eq(iosyncs, 0);
	ck_assert_uint_eq(task.work, TW_IOSYNC);
}
END_TEST

START_TEST(kill_ends_task_after_log)
{
	task.work = TW_KILL | TW_LOG;
	ck_assert_int_eq(leave(), 1);
	ck_assert_uint_eq(exit_eip, 0x401234);
	ck_assert_uint_eq(norder, 2);
	ck_assert_uint_eq(order[0], 1);
	ck_assert_uint_eq(order[1], 3);
}
END_TEST

START_TEST(kill_wins_over_restart)
{
	task.work = TW_KILL | TW_RESTART;
	ck_assert_int_eq(leave(), 1);
	ck_assert_uint_eq(restarts, 0);
}
END_TEST

START_TEST(restart_at_syscall_exit)
{
	static const uint32_t vectors[] = { T_SYSCALL, T_SYSENTER };
	for (unsigned i = 0; i < 2; i++) {
		setup();
		frame.trapno = vectors[i];
		task.work = TW_RESTART;
		ck_assert_int_eq(leave(), 0);
		ck_assert_uint_eq(restarts, 1);
		ck_assert_uint_eq(task.work, 0);
	}
}
END_TEST

START_TEST(failed_restart_ends_task)
{
	task.work = TW_RESTART;
	restart_fails = 1;
	ck_assert_int_eq(leave(), 1);
	ck_assert_uint_eq(restarts, 1);
	ck_assert_uint_eq(exit_eip, 0x401234);
}
END_TEST

/* A driver preempted mid-request finishes it: no restart on an interrupt's or a fault's way out. */
START_TEST(restart_waits_for_syscall_exit)
{
	static const uint32_t vectors[] = { T_IRQ0, T_IRQ0 + 1, 13, 14 };
	for (unsigned i = 0; i < 4; i++) {
		setup();
		frame.trapno = vectors[i];
		task.work = TW_RESTART | TW_LOG;
		ck_assert_int_eq(leave(), 0);
		ck_assert_uint_eq(restarts, 0);
		ck_assert_uint_eq(signals, 1);
		ck_assert_uint_eq(task.work, TW_RESTART);
	}
}
END_TEST

/* The idle task, interrupted in ring 0, does the CPU's work and nothing else. */
START_TEST(kernel_frame_does_cpu_work_only)
{
	frame.cs = SEL_KCODE;
	frame.trapno = T_IRQ0;
	task.work = TW_KILL | TW_RESTART | TW_LOG | TW_RESCHED;
	ck_assert_int_eq(leave(), 0);
	ck_assert_uint_eq(signals, 1);
	ck_assert_uint_eq(schedules, 1);
	ck_assert_uint_eq(task.work, TW_KILL | TW_RESTART);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("exit");
	TCase *tc = tcase_create("exit");
	tcase_add_checked_fixture(tc, setup, 0);
	tcase_add_test(tc, no_work_does_nothing);
	tcase_add_test(tc, log_news_signalled_once);
	tcase_add_test(tc, resched_once_then_news_from_others);
	tcase_add_test(tc, iosync_once);
	tcase_add_test(tc, kernel_frame_no_iosync);
	tcase_add_test(tc, kill_ends_task_after_log);
	tcase_add_test(tc, kill_wins_over_restart);
	tcase_add_test(tc, restart_at_syscall_exit);
	tcase_add_test(tc, failed_restart_ends_task);
	tcase_add_test(tc, restart_waits_for_syscall_exit);
	tcase_add_test(tc, kernel_frame_does_cpu_work_only);
	suite_add_tcase(s, tc);
	return s;
}
