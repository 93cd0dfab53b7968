/*
 * syscall.S - the user side of both system call gates.
 *
 *   long syscall_int80(nr, a0, a1, a2, a3)
 *   long syscall_sysenter(nr, a0, a1, a2, a3)
 *   long sys_<name>(...)   one per SYSCALL_LIST entry, via sysenter
 *
 * ABI (abi/syscalls.h): eax = nr, args in ebx, esi, edi, ebp;
 * sysenter also passes the return esp in ecx and eip in edx.
 */
#include "abi/syscalls.h"

	.text

/* Arguments start at 20(%esp) once the four callee-saved registers are pushed. */
.macro save_and_load first
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl \first(%esp), %ebx
	movl \first+4(%esp), %esi
	movl \first+8(%esp), %edi
	movl \first+12(%esp), %ebp
.endm

.macro restore
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
.endm

	.globl syscall_int80
syscall_int80:
	movl 4(%esp), %eax
	save_and_load 24
	int $SYSCALL_VECTOR
	restore
	ret

	.globl syscall_sysenter
syscall_sysenter:
	movl 4(%esp), %eax
	save_and_load 24
	jmp sysenter_common

sys_common:
	save_and_load 20
sysenter_common:
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	restore
	ret

/*
 * One stub per call.  A call without arguments needs no register saved:
 * the kernel gives back every register but ecx and edx, which the caller
 * does not expect kept anyway.  The others all go through sys_common, which
 * saves ebx, esi, edi and ebp (they are the caller's) and loads all four
 * whatever the call's argument count: the words past the last argument are
 * the caller's own stack, and the kernel ignores the registers a call does
 * not take.
 */
.macro stub name, nr, nargs
	.globl \name
\name:
	movl $\nr, %eax
	.if \nargs == 0
	movl %esp, %ecx
	movl $.Lback\@, %edx
	sysenter
.Lback\@:
	ret
	.else
	jmp sys_common
	.endif
.endm

.set sysnr, 0
#define X(name, nargs, path, params) \
	stub sys_##name, sysnr, nargs ; .set sysnr, sysnr + 1 ;
SYSCALL_LIST(X)
#undef X

/*
 * long u_sysenter_segs(unsigned nr, unsigned sel, unsigned *ds_after)
 * For the tests of the entry: a call without arguments made with sel (a
 * null or a code selector, say) in %ds and %es.  *ds_after gets what %ds
 * held on the way back, stored through %ss, which is the flat user data
 * segment whatever the kernel did; then %ds and %es are made flat again.
 */
	.globl u_sysenter_segs
u_sysenter_segs:
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl 20(%esp), %eax
	movl 24(%esp), %ebx
	movl 28(%esp), %edi
	movw %bx, %ds
	movw %bx, %es
	xorl %ebx, %ebx
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	xorl %ecx, %ecx
	movw %ds, %cx
	movl %ecx, %ss:(%edi)
	movw %ss, %cx
	movw %cx, %ds
	movw %cx, %es
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret

/*
 * long u_int80_segs(unsigned nr, unsigned sel, unsigned a0, unsigned a1)
 * The same for int 0x80, whose entry builds a full frame: a call with two
 * arguments (ebx, esi) made with sel in %ds and %es.  They come back as
 * the frame saved them (sel); then they are made flat again, from %ss.
 */
	.globl u_int80_segs
u_int80_segs:
	pushl %ebx
	pushl %esi
	movw 16(%esp), %ds             /* the stack is read through %ss */
	movw 16(%esp), %es
	movl 12(%esp), %eax
	movl 20(%esp), %ebx
	movl 24(%esp), %esi
	int $0x80
	movw %ss, %cx
	movw %cx, %ds
	movw %cx, %es
	popl %esi
	popl %ebx
	ret
