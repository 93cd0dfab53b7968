/*
 * entry.h - assembler macros shared by the kernel's ways in (entry.S, and
 * the sysenter gate's leaf calls, leaf.S): where a sysenter frame's
 * fields sit, and the big lock's take on an entry from ring 3.
 */
#ifndef ARCH_I386_ENTRY_H
#define ARCH_I386_ENTRY_H

/*
 * HW(x): where trap-frame field x sits above the eip slot, the bottom of
 * what the CPU pushes on a trap from ring 3 (eip, cs, eflags, esp, ss).
 * The sysenter entry fills that part itself, from the eip slot up.
 */
#define HW(field) (TF_##field - TF_EIP)

/*
 * The big lock taken on an entry from ring 3, where this CPU holds
 * nothing: kernel_lock's steps (kernel/smp/lock.h) with the depth known
 * to be 0, so stored, not tested.  The ticket is kept per CPU: the holder
 * is the CPU whose ticket is served (kernel_lock_held), so no owner word is
 * written here or cleared on the way out.  The wait is out of line
 * (\wait), as a contended ticket is rare.  Clobbers edx; %fs is the
 * per-CPU segment.
 */
.macro kernel_lock_from_user wait
	movl $1, %fs:CPU_LOCK_DEPTH
	movl $1, %edx
	lock xaddl %edx, big_lock + LOCK_NEXT
	movl %edx, %fs:CPU_LOCK_TICKET
	incl %fs:CPU_LOCK_TAKEN
	cmpl %edx, big_lock + LOCK_SERVING
	jne \wait
.endm

/*
 * The assert build's check (HOT_ASSERTS=1, make test-asserts) that a
 * ticket from ring 3 came up with no other CPU holding the lock: no other
 * CPU inside the kernel has the ticket being served
 * (kernel/smp/lock.c:lock_check_sole_holder, which panics naming both).
 * It catches a take that did not wait and two equal tickets.  A C call:
 * clobbers eax, ecx and edx.
 */
.macro check_lock_free
#ifdef KASSERT_HOT_ON
	call lock_check_sole_holder
#endif
.endm

/*
 * The assert build's check (HOT_ASSERTS=1, make test-asserts) on both ways
 * out by sysexit, which hands ring 3 %ds and %es unreloaded: they must
 * hold the flat user selector, as every kernel context must (one that did
 * not reached ring 3 with the kernel's: 5e75498).  The report is the
 * invariant checker's (kernel/debug/invariants.c).  Not in any other
 * build: the benchmarks time these paths.  Clobbers ecx, edx and the
 * arithmetic flags; %fs must be the per-CPU segment still.
 */
.macro check_user_data_segments
#ifdef KASSERT_HOT_ON
	xorl %edx, %edx
	xorl %ecx, %ecx
	movw %ds, %dx
	movw %es, %cx
	cmpl $SEL_UDATA, %edx
	jne 1f
	cmpl $SEL_UDATA, %ecx
	je 2f
1:	pushl $SEL_UDATA
	pushl %ecx
	pushl %edx
	call invariants_user_segments
2:
#endif
.endm

#endif
