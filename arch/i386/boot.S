/*
 * boot.S - Multiboot 1 entry.  GRUB and QEMU's -kernel loader both enter
 * here in flat 32-bit protected mode with paging off, EAX = 0x2BADB002 and
 * EBX = the Multiboot information structure.
 */
#define MB_MAGIC  0x1BADB002
#define MB_FLAGS  0x00000003   /* page-align modules, give us a memory map */

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .bss
	.align 16
boot_stack:
	.space 16384
boot_stack_top:

	.text
	.globl _start
_start:
	cli
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp          /* terminates the backtrace */
	pushl $0
	popfl
	pushl %ebx
	pushl %eax
	call kmain
1:	cli
	hlt
	jmp 1b
