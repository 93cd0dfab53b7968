/*
 * fuzzasm.S - the fuzzer's EFLAGS games (user/fuzz/fuzzgames.h, called
 * from user/fuzz/fuzzwork.c): load chosen flags with popf or with an iret
 * frame, make one system call in that state through either gate, note the
 * flags it came back with, and put the caller's flags back.
 *
 *   void fz_flags_call(struct fz_flags_req *r)
 *
 * The iret frame has the virtual-8086 layout (eip, cs, eflags, esp, ss,
 * es, ds, fs, gs): an iret with VM=1 pops all of it (a CPU that enters
 * vm86 from ring 3, as QEMU's TCG does, gets a complete frame), one
 * without pops the first three, and the stack is put back either way.
 * Its cs is r->cs, or the caller's own when that is 0: a vm86 code
 * segment is a paragraph number, whose low bits need not be 3.
 */
#include "abi/syscalls.h"
#include "gen/uasm-offsets.h"   /* FZ_x: struct fz_flags_req (user/lib/i386/asm-offsets.c) */

	.text
	.globl fz_flags_call
fz_flags_call:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl
	movl 24(%esp), %edx         /* r */
	cmpl $0, FZ_HOW(%edx)       /* 0 popf, 1 iret */
	jne 1f
	pushl FZ_EFLAGS(%edx)
	popfl
	jmp 3f
1:	movl %esp, %ecx
	pushl $0                    /* gs, fs, ds, es for vm86 */
	pushl $0
	pushl $0
	pushl $0
	xorl %eax, %eax
	movw %ss, %ax
	pushl %eax
	pushl %ecx                  /* esp */
	pushl FZ_EFLAGS(%edx)
	movl FZ_CS(%edx), %eax
	testl %eax, %eax
	jnz 6f
	movw %cs, %ax
6:	pushl %eax
	pushl $2f
	iret
2:	movl %ecx, %esp
3:	movl 24(%esp), %edx
	movl FZ_NR(%edx), %eax
	movl FZ_A0(%edx), %ebx
	movl FZ_A1(%edx), %esi
	movl FZ_A2(%edx), %edi
	movl FZ_A3(%edx), %ebp
	testl $1, FZ_GATE(%edx)     /* 0 int 0x80, 1 sysenter */
	jnz 4f
	int $SYSCALL_VECTOR
	jmp 5f
4:	movl %esp, %ecx
	movl $5f, %edx
	sysenter
5:	pushfl
	popl %ecx
	movl 24(%esp), %edx
	movl %ecx, FZ_FLAGS_AFTER(%edx)
	movl %eax, FZ_RET(%edx)
	popfl
	cld
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
