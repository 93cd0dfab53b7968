/*
 * fputests.c - every task has its own x87/MMX registers (issue 11, defect
 * 9): what one task leaves in the FPU, another never sees or changes, and
 * an x87 error is the faulting task's own.
 */
#include "user/lib/i386/uarch.h"
#include "user/usertests/fputests.h"

/*
 * usertests loads a value and lets `fpu fresh`, which never used the FPU,
 * look: it must find the state fninit gives (no value, no last-instruction
 * address), then use the FPU itself.  usertests' value must be back after.
 */
int t_fpu_not_shared(void)
{
	struct exitinfo e;
	const int32_t mine = 0x13572468;
	u_fninit();
	u_fild(mine);
	int tid = run_child("fpu", "fresh", &e);
	int32_t back = u_fistp();
	CHECK(tid > 0);
	CHECK_EQ(e.fault_vector, -1);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(back, mine);
	return 0;
}

/* Two tasks switching back and forth, by yield and by preemption, keep their values. */
int t_fpu_values_survive_switches(void)
{
	struct exitinfo e1, e2;
	int a = spawn("fpu", "keep 1111aaaa 8");
	int b = spawn("fpu", "keep 2222bbbb 8");
	CHECK(a > 0);
	CHECK(b > 0);
	CHECK_EQ(sys_wait(a, &e1), a);
	CHECK_EQ(sys_wait(b, &e2), b);
	CHECK_EQ(e1.fault_vector, -1);
	CHECK_EQ(e1.code, 0);
	CHECK_EQ(e2.fault_vector, -1);
	CHECK_EQ(e2.code, 0);
	return 0;
}

/* An unmasked x87 exception is a fault of the task that caused it (#MF, vector 16). */
int t_fpu_error_is_a_fault(void)
{
	struct exitinfo e;
	int tid = run_child("fpu", "error", &e);
	CHECK(tid > 0);
	CHECK_EQ(e.fault_vector, 16);
	CHECK_EQ(e.code, -1);
	return 0;
}
