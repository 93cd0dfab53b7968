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
#include "gen/asm-offsets.h"   /* TF_x, CPU_x, TASK_x, SYS_COUNT: from C (arch/i386/asm-offsets.c) */
#include "entry.h"


	.text

/*
 * Vectors where the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30.
 * The system call vector has its own way in (int80_entry).
 */
.macro vector n
	.globl vector\n
vector\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
	.else
	pushl $0
	.endif
	pushl $\n
	.if \n == T_SYSCALL
	jmp int80_entry
	.elseif \n == T_IPI_SERVICE
	jmp ipi_service_entry
	.elseif \n == T_NMI
	jmp nmi_entry
	.elseif \n == T_LAPIC_TIMER
	jmp lapic_timer_entry
	.else
	jmp alltraps
	.endif
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

/*
 * The big kernel lock's release (kernel/smp/lock.h), on every way out:
 * one level of this CPU's nesting, and at the last the next ticket's
 * turn.  Only the holder writes serving, so a plain increment is enough;
 * x86 keeps it after every store of the kernel path it ends.  Uses no
 * register: eax may hold a system call's result.
 */
.macro kernel_unlock_asm
	decl %fs:CPU_LOCK_DEPTH
	js kernel_unlock_underflow
	jnz 9f
	incl big_lock + LOCK_SERVING
9:
.endm

kernel_unlock_underflow:
	pushl %esp
	call lock_underflow_panic

/*
 * The kernel's selectors as words in memory, so that a segment register
 * loads from one in one instruction.  Read through %ss (the kernel's flat
 * stack segment, whatever ring 3 left in %ds) until %ds is the kernel's.
 */
	.section .rodata
	.align 2
	.globl sel_udata, sel_percpu
sel_udata:
	.word SEL_UDATA
sel_percpu:
	.word SEL_PERCPU
	.text

/* %ds, %es: the flat data segment; %fs: this CPU's per-CPU segment. */
.macro kernel_segments
	movw %ss:sel_udata, %ds
	movw sel_udata, %es
	movw sel_percpu, %fs
.endm

/* The rest of struct trapframe below the vector, and the kernel's segments. */
.macro frame_save
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	kernel_segments
	cld
.endm

alltraps:
	frame_save
trap_frame_built:
	pushl %esp
	call trap
	addl $4, %esp
	/* fall through */

/*
 * Both ways out share the pops; the vector word, now at the top, says
 * which: an iret, or sysexit for a frame the sysenter entry built.  lea
 * moves past the vector and error code without touching the flags.
 */
	.globl trapret
trapret:
	kernel_unlock_asm
trapret_unlocked:
	cmpl $T_SYSENTER, TF_TRAPNO(%esp)
	je sysexit_path
	popal
	popl %gs
	popl %fs
	popl %es
	popl %ds
	leal (TF_EIP - TF_TRAPNO)(%esp), %esp
	iret

/*
 * int 0x80: the frame alltraps builds, the big lock, then
 * syscall_fastpath (kernel/api/fastpath.c) and, if it declines,
 * syscall_slowpath, as the sysenter gate's full path does (full_locked).
 * The frame gets IF, so that every system call returns with interrupts
 * on, also for an Iopl holder that made it after cli (iocap/iopl.h); set
 * now, before the fast path may leave through this frame from another
 * task's call.  An int 0x80 made in virtual-8086 mode (possible with IOPL
 * 3) has a longer frame: trap() ends its task.
 */
int80_entry:
	frame_save
	testl $EFLAGS_VM, TF_EFLAGS(%esp)
	jnz trap_frame_built
	orl $EFLAGS_IF, TF_EFLAGS(%esp)
	kernel_lock_from_user full_lock_wait
	jmp full_locked

/* A full frame's ticket is not served yet: every register is saved in the frame. */
full_lock_wait:
	pushl %edx
	pushl %fs:0                    /* this CPU's struct cpu: its self word */
	call kernel_lock_wait
	addl $8, %esp
	jmp full_locked

/*
 * Another CPU asks this one to flush or reload (kernel/smp/ipi.c): served
 * without the big lock, which the asker holds while it waits for us.
 */
ipi_service_entry:
	frame_save
	pushl %esp
	call smp_ipi_service
	addl $4, %esp
	jmp trapret_unlocked

/*
 * A CPU's own tick.  An idle CPU with nothing queued has nothing to do
 * with it, and need not take the big lock to find that out
 * (sched_tick_idle); any other tick is an ordinary trap.
 */
lapic_timer_entry:
	frame_save
	pushl %esp
	call sched_tick_idle
	addl $4, %esp
	testl %eax, %eax
	jz trap_frame_built
	jmp trapret_unlocked

/*
 * An NMI: the asker's last resort when a CPU runs ring-3 code with
 * interrupts off (an Iopl holder after cli) and so never takes the
 * service IPI (kernel/smp/ipi.c).  Without the big lock, for the same
 * reason as the service IPI.
 */
nmi_entry:
	frame_save
	pushl %esp
	call smp_nmi
	addl $4, %esp
	jmp trapret_unlocked

/*
 * The rest of a sysenter call's full frame, as if the CPU had pushed ss,
 * esp, eflags, cs and eip: %esp points at the eip slot, and the eip and
 * esp slots are filled.  SYSENTER leaves NT set if the user set it; an
 * iret with NT set would be a task return, so EFLAGS is reset before any C
 * runs.  %ds and %es already hold the flat user data segment.
 */
.macro sysenter_frame_rest
	movl $SEL_UDATA, HW(SS)(%esp)
	pushfl
	orl $EFLAGS_IF, (%esp)
	popl HW(EFLAGS)(%esp)          /* the address is taken after the pop */
	pushl $EFLAGS_FIXED
	popfl
	movl $SEL_UCODE, HW(CS)(%esp)
	pushl $0
	pushl $T_SYSENTER
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	pushal
	movw sel_percpu, %fs
.endm

/*
 * SYSENTER loads %esp from MSR_SYSENTER_ESP, which points at a per-CPU
 * word holding the current task's kernel stack top, with a small entry
 * stack below it.  The entry stack exists because SYSENTER does not clear
 * TF: a user who single-steps into SYSENTER gets a #DB on our first
 * instruction, taken on whatever %esp the MSR gave (trap() clears TF and
 * returns here).
 *
 * ABI: eax = number, args in ebx, esi, edi, ebp; ecx = user esp,
 * edx = user return eip; result in eax; ecx, edx and the arithmetic flags
 * are clobbered (the user stubs are C functions, so callers expect that),
 * and %ds/%es come back holding the flat user data segment (the kernel
 * runs on it; a user who loaded a null or code selector there gets the
 * flat one back).
 *
 * The user esp and eip go straight into their trap-frame slots.  Then
 * the call number picks the way, through sysenter_ways[] (arch/i386/leaf.S,
 * generated from the path column of SYSCALL_LIST; nothing here names a
 * call).  A leaf call (path "leaf": it cannot block, switch, wake anyone
 * or use its trap frame) goes to its own stub there, which runs it as a
 * plain C call, pushing only the arguments it takes.  Every other call goes
 * to sysenter_full: it completes the full frame, takes the lock and goes
 * to syscall_fastpath (kernel/api/fastpath.c), which alone chooses the
 * fast paths (IPC, yield), and when it declines to syscall_slowpath, as
 * for int 0x80; a leaf whose way out finds work for the task completes the
 * frame for that work (sysenter_leaf_work).
 */
	.globl sysenter_entry
sysenter_entry:
	movl (%esp), %esp
	subl $(TF_SIZE - TF_EIP), %esp
	movl %ecx, HW(ESP)(%esp)
	movl %edx, HW(EIP)(%esp)
	movw %ss:sel_udata, %ds
	movw sel_udata, %es
	cmpl $SYS_COUNT, %eax
	jae sysenter_full
	jmp *sysenter_ways(,%eax,4)

/* syscall_fastpath returns only to decline: it leaves through a trap frame (arch_resume_user). */
	.globl sysenter_full
sysenter_full:
	sysenter_frame_rest
	kernel_lock_from_user full_lock_wait
full_locked:
	check_lock_free
	pushl %esp
	call syscall_fastpath
	/*
	 * Declined: the slow path, on a call chain that starts here (fastpath.c
	 * keeps no ebp chain), with tf pushed again: a C callee may reuse the
	 * stack slot of its argument.
	 */
	addl $4, %esp
	xorl %ebp, %ebp
	pushl %esp
	call syscall_slowpath

/* A leaf call's way out has work for this task (its work word is not zero): the full frame. */
	.globl sysenter_leaf_work
sysenter_leaf_work:
	popl %fs
	sysenter_frame_rest
	pushl %esp
	pushl %fs:CPU_CURRENT
	call exit_to_user_work
	addl $8, %esp
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
 * From trapret, with %esp at the frame.  SYSEXIT takes the user eip
 * from %edx and esp from %ecx.  The saved EFLAGS is restored with IF, TF,
 * DF and NT clear (TF would single-step the kernel's own next instruction;
 * DF comes back clear on every sysenter return, as the leaf path, which
 * never reloads EFLAGS, gives it); "sti; sysexit" opens interrupts only
 * once we are in ring 3, thanks to sti's one-instruction shadow.
 */
sysexit_path:
	check_user_data_segments
	popal
	popl %gs
	popl %fs
	/* %ds and %es: the frame holds the flat selector they hold now (sysenter_entry loaded it first) */
	movl (TF_EIP - TF_ES)(%esp), %edx
	movl (TF_ESP - TF_ES)(%esp), %ecx
	andl $~(EFLAGS_IF | EFLAGS_TF | EFLAGS_DF | EFLAGS_NT), (TF_EFLAGS - TF_ES)(%esp)
	addl $(TF_EFLAGS - TF_ES), %esp
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
 * void arch_leave_syscall(struct trapframe *tf), tf in %eax: the same for
 * the IPC fast path, which runs on a system call's entry from ring 3 and
 * so holds the big lock at depth 1: kernel_unlock_asm's last level.
 */
	.globl arch_leave_syscall
arch_leave_syscall:
	movl %eax, %esp
	movl $0, %fs:CPU_LOCK_DEPTH
	incl big_lock + LOCK_SERVING
	jmp trapret_unlocked

/*
 * void arch_switch(uint32_t *save_ksp, uint32_t new_ksp)
 * Saves the callee-saved registers on the old kernel stack and resumes the
 * new one; a new task's stack is built to "return" into trapret.  What it
 * pushes and pops is struct switch_frame (arch.h), which C builds for a
 * context that never ran (arch_switch_frame).
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
