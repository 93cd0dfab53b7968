/*
 * traptests.c - the kernel's trap paths against what ring 3 can put in
 * EFLAGS and in an iret frame: a crafted frame faults, or is taken
 * harmlessly, and ends at most the task that built it (the suite going on
 * is the proof that the kernel is alive); and what each gate gives back.
 */
#include "user/lib/i386/uarch.h"
#include "user/lib/i386/uflags.h"
#include "user/usertests/traptests.h"

#define V(n) (1u << (n))

/* Runs `fault what` and checks it was ended by a fault with a vector in the mask. */
static int crafted(const char *what, unsigned vectors)
{
	struct exitinfo e;
	int tid = run_child("fault", what, &e);
	CHECK(tid > 0);
	int ok = e.fault_vector >= 0 && e.fault_vector < 32 && (vectors & V(e.fault_vector));
	if (!ok)
		printf("# fault %s: vector %d, code %d\n", what, e.fault_vector, e.code);
	CHECK(ok);
	CHECK_EQ(e.code, -1);
	return 0;
}

/*
 * EFLAGS.VM in a ring-3 iret frame (issue 11, defect 1).  Hardware (and
 * Bochs) ignores VM at CPL 3, so the iret lands on a ud2 (#UD), or with
 * CS 0 is refused (#GP); QEMU's TCG enters virtual-8086 mode and the
 * first fetch faults (#PF) with a real-mode CS in the frame, which the
 * kernel once took for its own fault and panicked.
 */
int t_iret_vm86_is_a_fault(void)
{
	static const char *const ways[] = {
		"iret_vm86", "iret_vm86_cs0", "iret_vm86_iopl_cli", "iret_vm86_tf",
	};
	for (unsigned i = 0; i < ARRAY_SIZE(ways); i++)
		if (crafted(ways[i], V(14) | V(6) | V(13)))
			return 1;
	return 0;
}

/* Selectors an iret at CPL 3 must refuse (#GP), and NT: a task return with no task (#TS). */
int t_iret_bad_selectors_fault(void)
{
	static const char *const ways[] = {
		"iret_cs_null", "iret_cs_kernel", "iret_cs_ldt", "iret_cs_rpl0",
		"iret_cs_data", "iret_cs_tss",
	};
	for (unsigned i = 0; i < ARRAY_SIZE(ways); i++)
		if (crafted(ways[i], V(13)))
			return 1;
	return crafted("iret_nt", V(10) | V(13));
}

/*
 * Flags an iret at CPL 3 may carry: RF, AC and ID are the task's; IOPL,
 * IF (without IOPL 3), VIF and VIP it cannot change.  Nothing of them may
 * reach the kernel's way back, through either gate.
 */
int t_iret_odd_flags_harmless(void)
{
	static const uint32_t sets[] = {
		U_EFL_RF, U_EFL_AC, U_EFL_ID, U_EFL_VIF | U_EFL_VIP, U_EFL_IOPL,
		U_EFL_RF | U_EFL_AC | U_EFL_ID | U_EFL_VIF | U_EFL_VIP | U_EFL_IOPL,
	};
	const uint32_t never = U_EFL_IOPL | U_EFL_VIF | U_EFL_VIP | U_EFL_VM | U_EFL_NT;
	for (unsigned i = 0; i < ARRAY_SIZE(sets); i++) {
		uint32_t f = u_iret_flags(sets[i]);
		CHECK_EQ(f & never, 0);
		CHECK(f & U_EFL_IF);
		CHECK_EQ(f & (sets[i] & (U_EFL_AC | U_EFL_ID)), sets[i] & (U_EFL_AC | U_EFL_ID));
		f = u_flags_across(U_VIA_INT80, SYS_yield, 0, sets[i] & (U_EFL_AC | U_EFL_ID));
		CHECK_EQ(f & never, 0);
		f = u_flags_across(U_VIA_SYSENTER, SYS_yield, 0, sets[i] & (U_EFL_AC | U_EFL_ID));
		CHECK_EQ(f & never, 0);
	}
	return 0;
}

/*
 * DF (issue 11, defect 11): sysenter gives it back clear on both paths, as
 * docs/syscalls.md says (the leaf path never reloads EFLAGS, the full path
 * restores the saved image); int 0x80 gives EFLAGS back as the task left
 * them, DF included.
 */
int t_sysenter_returns_df_clear(void)
{
	uint32_t leaf = u_flags_across(U_VIA_SYSENTER, SYS_getpid, 0, U_EFL_DF);
	uint32_t full = u_flags_across(U_VIA_SYSENTER, SYS_yield, 0, U_EFL_DF);
	uint32_t int80 = u_flags_across(U_VIA_INT80, SYS_yield, 0, U_EFL_DF);
	uint32_t int80_clear = u_flags_across(U_VIA_INT80, SYS_yield, U_EFL_DF, 0);
	CHECK_EQ(leaf & U_EFL_DF, 0);
	CHECK_EQ(full & U_EFL_DF, 0);
	CHECK_EQ(int80 & U_EFL_DF, U_EFL_DF);
	CHECK_EQ(int80_clear & U_EFL_DF, 0);
	CHECK_EQ(u_eflags() & U_EFL_DF, 0);
	return 0;
}
