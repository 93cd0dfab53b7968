/*
 * trampoline.S - where an application processor starts: the STARTUP IPI
 * puts it in real mode at AP_TRAMPOLINE (vector 0x07: CS 0x0700, IP 0).
 * arch/i386/apstart.c copies this code there, then fills the three words
 * at its end: the stack, the C entry and its argument.  The code runs at
 * a place it was not linked for, so every address is its offset from
 * ap_tramp_start plus AP_TRAMPOLINE.  It loads its own flat GDT, enters
 * protected mode with the caches on (an AP starts with CR0.CD and NW set),
 * and calls entry(arg) on the stack; paging and the per-CPU GDT are the
 * C side's (kernel/smp/smp.c).
 */
#include "mmu.h"

#define AP_TRAMPOLINE 0x7000
#define AT(x) ((x) - ap_tramp_start + AP_TRAMPOLINE)
#define TR_CR0_PE 0x00000001
#define TR_CR0_NW 0x20000000
#define TR_CR0_CD 0x40000000

	.text
	.code16
	.globl ap_tramp_start
ap_tramp_start:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	lgdtl tramp_gdtr - ap_tramp_start
	movl %cr0, %eax
	andl $~(TR_CR0_CD | TR_CR0_NW), %eax
	orl $TR_CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $0x08, $AT(tramp_32)

	.code32
tramp_32:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movl AT(ap_tramp_stack), %esp
	xorl %ebp, %ebp          /* ends the backtrace */
	pushl AT(ap_tramp_arg)
	call *AT(ap_tramp_entry)
1:	cli
	hlt
	jmp 1b

	.align 8
tramp_gdt:
	.quad 0
	.quad 0x00CF9A000000FFFF   /* 0x08: flat 32-bit code */
	.quad 0x00CF92000000FFFF   /* 0x10: flat data */
tramp_gdtr:
	.word tramp_gdtr - tramp_gdt - 1
	.long AT(tramp_gdt)

	.align 4
	.globl ap_tramp_stack, ap_tramp_entry, ap_tramp_arg
ap_tramp_stack:	.long 0
ap_tramp_entry:	.long 0
ap_tramp_arg:	.long 0
	.globl ap_tramp_end
ap_tramp_end:
