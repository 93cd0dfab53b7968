/*
 * leaf.S - the sysenter gate's way table and its leaf calls, generated
 * from SYSCALL_LIST (abi/syscalls.h): sysenter_ways[n] is where call n
 * goes once sysenter_entry (entry.S) has saved the user esp and eip and
 * checked n against SYS_COUNT.  A full call goes to sysenter_full; a leaf
 * call to its own stub, so that a call pays for the arguments it takes and
 * for no table lookup, test or indirect call beyond the one jump (seL4 and
 * Linux dispatch through a table too; a stub per call is what lets the
 * argument count be known without a test).
 *
 * A leaf runs as a plain C call: %fs is saved and set to the per-CPU
 * segment, the lock taken, the arguments pushed as cdecl arguments from
 * ebx, esi, edi, ebp (callee-saved, so they survive by the C ABI).  A
 * handler takes four arguments (kernel/object/decode.h:SYSCALL) and may
 * write to their slots, as a C callee may, so a call with fewer has the
 * rest reserved, not left to whatever lies above.  %gs is not used, and
 * EFLAGS is never loaded: cld is all C needs; IF stays clear as SYSENTER
 * left it, as everywhere in the kernel; NT matters only to an iret, which
 * this path never runs.
 */
#include "mmu.h"
#include "gen/asm-offsets.h"
#include "abi/syscalls.h"
#include "entry.h"

/*
 * The way out of a leaf, with the result in eax: the one word of pending
 * work (kernel/api/exit.c), then kernel_unlock_asm's last level, known
 * here (a leaf cannot block or nest, and with IF clear nothing else
 * entered, so the depth is 1), and sysexit with the user esp and eip.
 */
.macro leaf_exit
	movl %fs:CPU_CURRENT, %edx
	cmpl $0, TASK_WORK(%edx)
	jne sysenter_leaf_work
	check_user_data_segments
	movl $0, %fs:CPU_LOCK_DEPTH
	incl big_lock + LOCK_SERVING
	popl %fs
	movl HW(EIP)(%esp), %edx
	movl HW(ESP)(%esp), %ecx
	sti
	sysexit
.endm

.macro leaf name, nargs
	.text
leaf_\name:
	pushl %fs
	movw sel_percpu, %fs
	cld
	kernel_lock_from_user .Lwait\@
.Llocked\@:
	check_lock_free
	.if \nargs < 4
	subl $(16 - 4 * \nargs), %esp
	.endif
	.set argno, 4                  /* the last argument first: ebp, edi, esi, ebx */
	.irp reg, %ebp, %edi, %esi, %ebx
	.if \nargs >= argno
	pushl \reg
	.endif
	.set argno, argno - 1
	.endr
	call sys_\name
	addl $16, %esp
	leaf_exit
.Lwait\@:
	call leaf_lock_wait
	jmp .Llocked\@
.endm

/* A leaf's ticket is not served yet (edx holds it): kernel_lock_wait keeps ebx, esi, edi, ebp. */
	.text
leaf_lock_wait:
	pushl %edx
	pushl %fs:0                    /* this CPU's struct cpu: its self word */
	call kernel_lock_wait
	addl $8, %esp
	ret

#define LEAF_leaf(name, nargs) leaf name, nargs ;
#define LEAF_full(name, nargs)
#define X(name, nargs, path, params) LEAF_##path(name, nargs)
	SYSCALL_LIST(X)
#undef X

#define WAY_leaf(name) .long leaf_##name ;
#define WAY_full(name) .long sysenter_full ;
	.section .rodata
	.align 4
	.globl sysenter_ways
sysenter_ways:
#define X(name, nargs, path, params) WAY_##path(name)
	SYSCALL_LIST(X)
#undef X
	.if (. - sysenter_ways) != 4 * SYS_COUNT
	.error "sysenter_ways: one entry per call number, in SYSCALL_LIST's order"
	.endif
