/*
 * flags.S - ring-3 games with EFLAGS and iret frames, for the tests of the
 * kernel's trap paths (user/usertests/traptests.c, user/progs/fault.c).
 *
 *   uint32_t u_flags_across(unsigned via, unsigned nr, uint32_t clear, uint32_t set)
 *       Loads EFLAGS with clear's bits cleared and set's bits set (popf:
 *       IF changes only with IOPL 3, IOPL never), crosses into the kernel
 *       (U_VIA_INT80 or U_VIA_SYSENTER: system call nr without arguments;
 *       U_VIA_INT3: a breakpoint, for a supervisor to resume), and returns
 *       EFLAGS as found right after.  The caller's EFLAGS are then restored.
 *   uint32_t u_iret_flags(uint32_t set)
 *       An iret to the next instruction, same cs/ss/esp, with set's bits
 *       added to the EFLAGS image; returns EFLAGS as found after it, then
 *       restores the caller's.
 *   void u_iret_to(const uint32_t frame[9])
 *       An iret through the given frame: eip, cs, eflags, esp, ss, and the
 *       es, ds, fs, gs a virtual-8086 return would pop as well.  A return
 *       to CPL 3 (the only one ring 3 may make) pops just eip, cs and
 *       eflags; the rest is there for what a CPU or emulator does wrong.
 */
#include "abi/syscalls.h"
#include "user/lib/i386/uflags.h"

	.text

	.globl u_flags_across
u_flags_across:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl
	/* 0(%esp): the caller's EFLAGS; arguments from 24(%esp). */
	movl 24(%esp), %ecx
	movl 28(%esp), %eax
	movl 32(%esp), %ebx
	notl %ebx
	movl (%esp), %edx
	andl %ebx, %edx
	orl 36(%esp), %edx
	xorl %ebx, %ebx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	cmpl $U_VIA_SYSENTER, %ecx
	je 2f
	cmpl $U_VIA_INT3, %ecx
	je 3f
	pushl %edx
	popfl
	int $SYSCALL_VECTOR
	jmp 9f
2:	pushl %edx
	popfl
	movl %esp, %ecx
	movl $9f, %edx
	sysenter
3:	pushl %edx
	popfl
	int3
9:	pushfl
	popl %eax
	popfl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* CPL 3 to CPL 3: the iret pops eip, cs and eflags only. */
	.globl u_iret_flags
u_iret_flags:
	pushfl
	movl (%esp), %ecx
	orl 8(%esp), %ecx
	pushl %ecx
	xorl %eax, %eax
	movw %cs, %ax
	pushl %eax
	pushl $1f
	iret
1:	pushfl
	popl %eax
	popfl
	ret

	.globl u_iret_to
u_iret_to:
	movl 4(%esp), %eax
	pushl 32(%eax)
	pushl 28(%eax)
	pushl 24(%eax)
	pushl 20(%eax)
	pushl 16(%eax)
	pushl 12(%eax)
	pushl 8(%eax)
	pushl 4(%eax)
	pushl (%eax)
	iret
