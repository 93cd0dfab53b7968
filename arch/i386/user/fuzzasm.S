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
	.text
	.globl fz_flags_call
fz_flags_call:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl
	movl 24(%esp), %edx         /* r */
	cmpl $0, 4(%edx)            /* r->how: 0 popf, 1 iret */
	jne 1f
	pushl (%edx)
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
	pushl (%edx)                /* eflags */
	movl 40(%edx), %eax         /* r->cs */
	testl %eax, %eax
	jnz 6f
	movw %cs, %ax
6:	pushl %eax
	pushl $2f
	iret
2:	movl %ecx, %esp
3:	movl 24(%esp), %edx
	movl 12(%edx), %eax         /* nr */
	movl 16(%edx), %ebx
	movl 20(%edx), %esi
	movl 24(%edx), %edi
	movl 28(%edx), %ebp
	testl $1, 8(%edx)           /* r->gate: 0 int 0x80, 1 sysenter */
	jnz 4f
	int $0x80
	jmp 5f
4:	movl %esp, %ecx
	movl $5f, %edx
	sysenter
5:	pushfl
	popl %ecx
	movl 24(%esp), %edx
	movl %ecx, 32(%edx)         /* r->flags_after */
	movl %eax, 36(%edx)         /* r->ret */
	popfl
	cld
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
