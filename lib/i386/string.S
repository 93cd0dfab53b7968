/*
 * string.S - memcpy and memset for the kernel and user programs: rep
 * movsl/stosl move four bytes per step, which matters where whole I/O
 * bitmaps (8 KiB) are copied or restored at a task switch.  cdecl; the
 * direction flag is clear on every entry (the ABI guarantees it in both
 * rings, and the kernel's entry paths never set it).
 */
	.text
	.globl memcpy
memcpy:
	pushl %edi
	pushl %esi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	movl %edi, %eax
	movl %ecx, %edx
	shrl $2, %ecx
	rep movsl
	movl %edx, %ecx
	andl $3, %ecx
	rep movsb
	popl %esi
	popl %edi
	ret

	.globl memset
memset:
	pushl %edi
	movl 8(%esp), %edi
	movzbl 12(%esp), %eax
	movl 16(%esp), %ecx
	imull $0x01010101, %eax, %eax
	movl %ecx, %edx
	shrl $2, %ecx
	rep stosl
	movl %edx, %ecx
	andl $3, %ecx
	rep stosb
	movl 8(%esp), %eax
	popl %edi
	ret
