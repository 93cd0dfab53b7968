/*
 * entry.S - every way into and out of the kernel: the 256 IDT stubs, the
 * common trap frame builder, the sysenter entry, the two return paths
 * (iret and sysexit), and the kernel-stack switch.
 *
 * Frame layout is struct trapframe (arch/i386/trapframe.h).  In the kernel
 * %ds/%es hold the flat user data selector (as Linux/i386 does: it is a
 * flat segment and the reload on return is then usually a no-op) and %fs
 * holds this CPU's per-CPU segment.
 */
#include "mmu.h"

#define TF_TRAPNO 48
#define TF_EIP    56
#define TF_EFLAGS 64
#define TF_ESP    68

	.text

/* Vectors where the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
.macro vector n
	.globl vector\n
vector\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushl $0
	.endif
	pushl $\n
	jmp alltraps
.endm

	.align 16
.altmacro
.set i, 0
.rept 256
	vector %i
	.set i, i + 1
.endr

.macro vecaddr n
	.long vector\n
.endm
	.section .rodata
	.globl trap_vectors
	.align 4
trap_vectors:
.set i, 0
.rept 256
	vecaddr %i
	.set i, i + 1
.endr
	.text

alltraps:
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movw $SEL_UDATA, %ax
	movw %ax, %ds
	movw %ax, %es
	movw $SEL_PERCPU, %ax
	movw %ax, %fs
	cld
	pushl %esp
	call trap
	addl $4, %esp
	/* fall through */

	.globl trapret
trapret:
	cmpl $T_SYSENTER, TF_TRAPNO(%esp)
	je sysexit_path
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp
	iret

/*
 * SYSENTER loads %esp from MSR_SYSENTER_ESP, which points at a per-CPU
 * word holding the current task's kernel stack top, with a small entry
 * stack below it.  The entry stack exists because SYSENTER does not clear
 * TF: a user who single-steps into SYSENTER gets a #DB on our first
 * instruction, taken on whatever %esp the MSR gave (trap() clears TF and
 * returns here).  SYSENTER leaves NT set if the user set it; an iret with
 * NT set would be a task return, so EFLAGS is reset before any C runs.
 *
 * ABI: eax = number, args in ebx, esi, edi, ebp; ecx = user esp,
 * edx = user return eip; result in eax; ecx and edx are clobbered.
 */
	.globl sysenter_entry
sysenter_entry:
	movl (%esp), %esp
	pushl $SEL_UDATA
	pushl %ecx
	pushfl
	orl $EFLAGS_IF, (%esp)
	pushl $2
	popfl
	pushl $SEL_UCODE
	pushl %edx
	pushl $0
	pushl $T_SYSENTER
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movw $SEL_UDATA, %dx
	movw %dx, %ds
	movw %dx, %es
	movw $SEL_PERCPU, %dx
	movw %dx, %fs
	pushl %esp
	call syscall_enter
	addl $4, %esp
	jmp trapret

/*
 * Benchmarks only (arch_bench_gate; a kernel booted with `bench`): while
 * MSR_SYSENTER_EIP points here, a sysenter comes straight back, the floor
 * under every sysenter system call.  sti as on the real path, since
 * SYSENTER clears IF.  Inside [sysenter_entry, sysenter_entry_end), so a
 * single-stepped sysenter's #DB here is forgiven like one on the entry.
 */
	.globl bench_sysenter_raw
bench_sysenter_raw:
	sti
	sysexit
	.globl sysenter_entry_end
sysenter_entry_end:

/* Benchmarks only: while the int 0x80 gate points here, int 0x80 comes straight back. */
	.globl bench_int80_raw
bench_int80_raw:
	iret

/*
 * SYSEXIT takes the user eip from %edx and esp from %ecx.  The saved
 * EFLAGS is restored with IF, TF and NT clear (TF would single-step the
 * kernel's own next instruction); "sti; sysexit" opens interrupts only
 * once we are in ring 3, thanks to sti's one-instruction shadow.
 */
sysexit_path:
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	addl $8, %esp
	movl (%esp), %edx
	movl 12(%esp), %ecx
	andl $~(EFLAGS_IF | 0x100 | EFLAGS_NT), 8(%esp)
	addl $8, %esp
	popfl
	sti
	sysexit

/*
 * A new task's first way out to ring 3 (arch_task_stack_init).  Every
 * other way out passes trap(), which ends a killed task; this one must
 * too, or a task killed before it ever ran would run, and could block.
 */
	.globl task_first_return
task_first_return:
	call task_first_run
	jmp trapret

/*
 * A task that blocked in the IPC fast path kept no kernel call chain: its
 * context "returns" here, just below its trap frame, and leaves the way a
 * system call does (task_resume_run puts the result in eax).
 */
	.globl task_resume_return
task_resume_return:
	call task_resume_run
	jmp trapret

/* void arch_resume_user(struct trapframe *tf): back to ring 3 through tf, on tf's stack. */
	.globl arch_resume_user
arch_resume_user:
	movl 4(%esp), %esp
	jmp trapret

/*
 * void arch_switch(uint32_t *save_ksp, uint32_t new_ksp)
 * Saves the callee-saved registers on the old kernel stack and resumes the
 * new one; a new task's stack is built to "return" into trapret.
 */
	.globl arch_switch
arch_switch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
