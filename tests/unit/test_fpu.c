/*
 * test_fpu.c - kernel/proc/fpu.c, lazy FPU switching, against a fake FPU whose
 * whole register file is one word.  The scheduler is played by run() (what
 * sched_enter does) and a task's FPU instruction by use(): with CR0.TS set
 * it traps (#NM) into fpu_claim first, as the CPU would.  Every task must
 * always find its own value, a fresh or restarted one the initial state,
 * and TS must be set exactly when the running task is not the owner.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/i386/fpu.h"
#include "kernel/proc/fpu.h"
#include "kernel/proc/task.h"
#include "tests/unit/unit.h"

#define INITIAL 0u
#define NTASKS  8

struct task tasks[MAX_TASKS];
static struct cpu cpu;

/* The fake FPU. */
static uint32_t regs;
static int ts;
static unsigned saves, loads, ts_writes, traps;

void arch_fpu_init(void) { ts = 1; regs = 0xDEADu; }
void arch_fpu_save(struct fpu_state *s) { memcpy(s->image, &regs, sizeof(regs)); saves++; }
void arch_fpu_load(const struct fpu_state *s) { memcpy(&regs, s->image, sizeof(regs)); loads++; }
void arch_fpu_load_initial(void) { regs = INITIAL; loads++; }
void arch_fpu_trap(int on) { ts = on; ts_writes++; }

static void setup(void)
{
	memset(tasks, 0, sizeof(tasks));
	memset(&cpu, 0, sizeof(cpu));
	saves = loads = ts_writes = traps = 0;
	fpu_init_cpu(&cpu);
	ck_assert_int_eq(ts, 1);
}

static void check_invariant(void)
{
	ck_assert_int_eq(ts, cpu.fpu_trapping);
	ck_assert_int_eq(ts, cpu.current != cpu.fpu_owner);
}

static void run(struct task *t)
{
	cpu.current = t;
	fpu_switch_in(&cpu, t);
	check_invariant();
}

/* An FPU instruction of the running task: #NM first if TS is set. */
static void use(void)
{
	if (ts) {
		traps++;
		fpu_claim(&cpu, cpu.current);
	}
	check_invariant();
}

static uint32_t fpu_read(void) { use(); return regs; }
static void fpu_write(uint32_t v) { use(); regs = v; }

START_TEST(test_first_use_gets_initial_state)
{
	struct task *a = &tasks[0], *b = &tasks[1];
	run(a);
	fpu_write(5);
	run(b);
	ck_assert_uint_eq(fpu_read(), INITIAL);
	fpu_write(7);
	run(a);
	ck_assert_uint_eq(fpu_read(), 5);
	run(b);
	ck_assert_uint_eq(fpu_read(), 7);
}
END_TEST

/* Tasks that never touch the FPU: no trap, no save, and TS written once at most. */
START_TEST(test_switches_without_fpu_use_cost_nothing)
{
	struct task *a = &tasks[0], *b = &tasks[1], *c = &tasks[2];
	run(c);
	fpu_write(3);
	unsigned writes = ts_writes;
	for (int i = 0; i < 100; i++) {
		run(a);
		run(b);
	}
	ck_assert_uint_le(ts_writes - writes, 1);
	ck_assert_uint_eq(saves, 0);
	run(c);
	ck_assert_uint_eq(fpu_read(), 3);
	ck_assert_uint_eq(traps, 1);        /* c still owned the registers */
}
END_TEST

/* An exit or restart drops the state, also while it is the loaded one. */
START_TEST(test_forget_gives_initial_state_back)
{
	struct task *a = &tasks[0], *b = &tasks[1];
	run(a);
	fpu_write(9);
	fpu_forget(&cpu, a);                /* restart while running */
	check_invariant();
	ck_assert_uint_eq(fpu_read(), INITIAL);
	fpu_write(11);
	run(b);
	fpu_write(12);                      /* a's 11 is now in its area */
	fpu_forget(&cpu, a);                /* a not loaded */
	run(a);
	ck_assert_uint_eq(fpu_read(), INITIAL);
	run(b);
	ck_assert_uint_eq(fpu_read(), 12);
}
END_TEST

/* Random runs, uses, writes and restarts of 8 tasks against a model of each task's value. */
START_TEST(test_random_schedules_keep_every_value)
{
	uint32_t model[NTASKS];
	for (int i = 0; i < NTASKS; i++)
		model[i] = INITIAL;
	srand(11);
	run(&tasks[0]);
	for (int step = 0; step < 20000; step++) {
		int i = (int)(cpu.current - tasks);
		switch (rand() % 5) {
		case 0:
			run(&tasks[rand() % NTASKS]);
			break;
		case 1:
			ck_assert_uint_eq(fpu_read(), model[i]);
			break;
		case 2:
			model[i] = (uint32_t)rand();
			fpu_write(model[i]);
			break;
		case 3:
			if (rand() % 8 == 0) {
				fpu_forget(&cpu, cpu.current);
				model[i] = INITIAL;
				check_invariant();
			}
			break;
		default:
			break;
		}
	}
	for (int i = 0; i < NTASKS; i++) {
		run(&tasks[i]);
		ck_assert_uint_eq(fpu_read(), model[i]);
	}
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("fpu");
	TCase *tc = tcase_create("fpu");
	tcase_add_checked_fixture(tc, setup, 0);
	tcase_add_test(tc, test_first_use_gets_initial_state);
	tcase_add_test(tc, test_switches_without_fpu_use_cost_nothing);
	tcase_add_test(tc, test_forget_gives_initial_state_back);
	tcase_add_test(tc, test_random_schedules_keep_every_value);
	suite_add_tcase(s, tc);
	return s;
}
