/*
 * fault.c - does one forbidden thing in ring 3, named by its argument, so
 * that tests and the demo can check the kernel contains it.  Two of them
 * misuse supervision rather than the CPU:
 *   kill_faulted_child  supervises a child that faults (ud2), kills it
 *                       while its fault waits for an answer, then exits
 *                       without answering
 *   abandon             leaves three children behind: one suspended, one
 *                       sleeping forever, one stopped at a fault
 */
#include "arch/i386/mmu.h"
#include "user/lib/i386/uarch.h"
#include "user/lib/i386/uflags.h"
#include "user/lib/ulib.h"

#define KERNEL_TEXT 0x00100000u

static volatile int zero;
static volatile int never = -1;

/* The volatile frame keeps gcc from turning the recursion into a loop. */
static int __attribute__((noinline)) recurse(int depth)
{
	volatile char frame[512];
	frame[0] = (char)depth;
	if (depth == never)
		return 0;
	return recurse(depth + 1) + frame[0];
}

/* Where a crafted iret lands if the CPU takes it: a fault the tests can tell apart (#UD). */
static void land(void)
{
	u_ud2();
}

static uint32_t landing_stack[256];

/*
 * An iret through a frame that is right but for what the mode changes.
 * vm86*: EFLAGS.VM set.  The SDM enters virtual-8086 mode only from CPL 0
 * and ignores VM at CPL 3 (then land() runs: #UD); QEMU's TCG enters it
 * anyway, and the first fetch faults (#PF) with a real-mode CS in the frame.
 * Either way the kernel must end only this task.  The odd selectors and NT
 * make the iret itself fault (#GP, #TS) in ring 3.  (A return to CPL 3
 * pops no ss:esp, so only a vm86 return reads f[3..8].)
 */
static int crafted_iret(const char *what)
{
	uint32_t f[9] = { (uint32_t)(uintptr_t)land, SEL_UCODE, u_eflags(),
			  (uint32_t)(uintptr_t)&landing_stack[255], SEL_UDATA, 0, 0, 0, 0 };
	if (streq(what, "iret_vm86"))
		f[2] |= U_EFL_VM;
	else if (streq(what, "iret_vm86_cs0"))
		f[0] = 0, f[1] = 0, f[2] |= U_EFL_VM;
	else if (streq(what, "iret_vm86_iopl_cli"))   /* QEMU loads IOPL and IF from a vm86 frame */
		f[2] = (f[2] | U_EFL_VM | U_EFL_IOPL) & ~U_EFL_IF;
	else if (streq(what, "iret_vm86_tf"))
		f[2] |= U_EFL_VM | U_EFL_TF;
	else if (streq(what, "iret_cs_null"))
		f[1] = 0;
	else if (streq(what, "iret_cs_kernel"))
		f[1] = SEL_KCODE;
	else if (streq(what, "iret_cs_ldt"))
		f[1] = SEL_UCODE | 4;
	else if (streq(what, "iret_cs_rpl0"))
		f[1] = SEL_UCODE & ~3u;
	else if (streq(what, "iret_cs_data"))
		f[1] = SEL_UDATA;
	else if (streq(what, "iret_cs_tss"))
		f[1] = SEL_TSS | 3;
	else if (streq(what, "iret_nt"))
		u_popf_or(U_EFL_NT);      /* iret with NT set is a task return: #TS */
	else
		return 0;
	u_iret_to(f);
}

/* Exit codes of the supervision cases: 0, or which step failed. */
static int kill_faulted_child(void)
{
	struct supmsg m;
	sys_supervise(&m, SUP_POLL);            /* from now on our children's faults stop */
	int child = spawn("fault", "ud2");
	if (child < 0)
		return 10;
	do
		if (sys_supervise(&m, 0))
			return 11;
	while (m.kind != SUP_FAULT || m.tid != child);
	if (sys_kill(child))
		return 12;
	return 0;                               /* exits with the killed child's fault unanswered */
}

static int abandon(void)
{
	struct supmsg m;
	sys_supervise(&m, SUP_POLL);
	if (spawn_flags("spin", "", SPAWN_SUSPENDED) < 0)
		return 20;
	if (spawn("spin", "ticker") < 0)
		return 21;
	int faulter = spawn("fault", "ud2");
	if (faulter < 0)
		return 22;
	do
		if (sys_supervise(&m, 0))
			return 23;
	while (m.kind != SUP_FAULT || m.tid != faulter);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (streq(what, "pf_read"))
		return *(volatile int *)0;
	if (streq(what, "pf_write_kernel"))
		*(volatile int *)KERNEL_TEXT = 1;
	else if (streq(what, "pf_unmapped"))
		*(volatile int *)0x80000000u = 1;
	else if (streq(what, "pf_write_text"))
		*(volatile int *)(uintptr_t)main = 1;
	else if (streq(what, "jump_kernel"))
		u_jump(KERNEL_TEXT);
	else if (streq(what, "hlt"))
		u_hlt();
	else if (streq(what, "cli"))
		u_cli();
	else if (streq(what, "inb"))
		return u_inb(0x60);
	else if (streq(what, "div0"))
		return u_div(1, zero);
	else if (streq(what, "ud2"))
		u_ud2();
	else if (streq(what, "stack_overflow"))
		return recurse(0);
	else if (streq(what, "sysenter_kernel_eip"))
		u_sysenter_to(KERNEL_TEXT, 0xBFFFF000u);
	else if (crafted_iret(what))
		;
	else if (streq(what, "kill_faulted_child"))
		return kill_faulted_child();
	else if (streq(what, "abandon"))
		return abandon();
	else if (streq(what, "exit42"))
		return 42;
	else {
		printf("fault: unknown fault '%s'\n", what);
		return 2;
	}
	printf("fault: %s did not fault\n", what);
	return 3;
}
