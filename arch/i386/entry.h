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

#endif
