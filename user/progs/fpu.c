/*
 * fpu.c - uses the x87/MMX registers on request, for the tests of per-task
 * FPU state (user/usertests/fputests.c).
 *   fpu fresh        checks that its first look at the FPU finds the state
 *                    fninit gives (nothing left by another task), then
 *                    loads a value of its own and keeps it across yields
 *   fpu keep V N     loads V (hex) on the x87 stack and into mm1 in turn,
 *                    N times, yielding and spinning in between; each time
 *                    the value must come back
 *   fpu error        an unmasked zero divide: the next fwait must fault
 *                    (#MF, vector 16)
 * Exit code 0 = everything it checked was right.
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/ulib.h"

#define FRESH_CW   0x037Fu      /* every exception masked, 64-bit precision */
#define INDEFINITE ((int32_t)0x80000000)   /* fistp of an empty stack, IE masked */

static volatile unsigned sink;

/* Gives the CPU away twice: once asked, once taken (a tick ends the spin). */
static void let_others_run(void)
{
	sys_yield();
	unsigned until = (unsigned)sys_uptime() + 1;
	while ((unsigned)sys_uptime() < until)
		sink++;
}

static int keep(int32_t v, unsigned rounds)
{
	for (unsigned i = 0; i < rounds; i++) {
		u_fninit();
		u_fild(v);
		let_others_run();
		int32_t got = u_fistp();
		if (got != v) {
			printf("fpu: x87 value 0x%x came back as 0x%x\n", (unsigned)v, (unsigned)got);
			return 1;
		}
		u_mmx_put((uint32_t)v ^ i);
		let_others_run();
		uint32_t m = u_mmx_get();
		u_emms();
		if (m != ((uint32_t)v ^ i)) {
			printf("fpu: mm1 0x%x came back as 0x%x\n", (uint32_t)v ^ i, m);
			return 2;
		}
	}
	return 0;
}

static int fresh(void)
{
	struct u_fpenv env;
	u_fnstenv(&env);
	int32_t top = u_fistp();
	/* QEMU does not detect stack underflow: it stores the empty register, zero. */
	int bad = (env.cw & 0xFFFF) != FRESH_CW || (env.tw & 0xFFFF) != 0xFFFF ||
		  (env.sw & 0xFFFF) != 0 || env.fip != 0 || (top != INDEFINITE && top != 0);
	if (bad) {
		printf("fpu: first look: cw 0x%x sw 0x%x tw 0x%x fip 0x%x, st(0) as int 0x%x\n",
		       env.cw & 0xFFFF, env.sw & 0xFFFF, env.tw & 0xFFFF, env.fip, (unsigned)top);
		return 1;
	}
	return keep(0x0BADF00D, 3) ? 2 : 0;
}

static volatile int32_t zero;

static int error(void)
{
	u_fninit();
	u_fldcw(FRESH_CW & ~4u);     /* zero-divide unmasked */
	u_fld1_fidiv(zero);          /* 1/0: the exception is now pending */
	u_fwait();                   /* reports it: #MF */
	printf("fpu: the pending x87 error was not reported\n");
	return 3;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (streq(mode, "fresh"))
		return fresh();
	if (streq(mode, "keep") && argc > 3)
		return keep((int32_t)xtou(argv[2]), xtou(argv[3]));
	if (streq(mode, "error"))
		return error();
	printf("fpu: bad arguments\n");
	return 2;
}
