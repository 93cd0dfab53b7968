/*
 * asm-offsets.c - every number the kernel's assembly takes from C: trap
 * frame offsets, struct cpu (kernel/smp/cpu.h) and struct task fields,
 * the number of calls.
 * The compiler computes them, so no .S file keeps a copy that could drift
 * from the structures (Linux's asm-offsets idea).
 *
 * Never linked: the Makefile compiles this file with -S only, and
 * tools/asm-offsets.sh turns each "->NAME value" marker in the compiler's
 * output into "#define NAME value" in build/gen/asm-offsets.h, which the
 * kernel's .S files include (docs/build.md, "Generated headers").
 */
#include <stddef.h>
#include "arch/i386/asmconst.h"
#include "arch/i386/trapframe.h"
#include "abi/syscalls.h"
#include "kernel/proc/task.h"
#include "kernel/smp/cpu.h"
#include "kernel/smp/lock.h"

void asm_offsets(void);

void asm_offsets(void)
{
	/* struct trapframe; entry.S builds it in push order (trapframe.h checks the order). */
	ASM_OFFSET(TF_ES, struct trapframe, es);
	ASM_OFFSET(TF_TRAPNO, struct trapframe, trapno);
	ASM_OFFSET(TF_EIP, struct trapframe, eip);
	ASM_OFFSET(TF_CS, struct trapframe, cs);
	ASM_OFFSET(TF_EFLAGS, struct trapframe, eflags);
	ASM_OFFSET(TF_ESP, struct trapframe, esp);
	ASM_OFFSET(TF_SS, struct trapframe, ss);
	ASM_CONST(TF_SIZE, sizeof(struct trapframe));

	/* The way out of a leaf call reads current() and its pending work. */
	ASM_OFFSET(CPU_CURRENT, struct cpu, current);
	ASM_OFFSET(TASK_WORK, struct task, work);

	/* The big lock's release at every way out (entry.S, kernel_unlock_asm). */
	ASM_OFFSET(CPU_LOCK_DEPTH, struct cpu, lock_depth);
	ASM_OFFSET(CPU_LOCK_TAKEN, struct cpu, counts.lock_taken);
	ASM_OFFSET(CPU_LOCK_TICKET, struct cpu, lock_ticket);
	ASM_OFFSET(LOCK_NEXT, struct ticket_lock, next);
	ASM_OFFSET(LOCK_SERVING, struct ticket_lock, serving);

	/*
	 * The way table's size.  No call number: which call goes where is
	 * decided in C (kernel/api/fastpath.c:syscall_fastpath) or generated
	 * (arch/i386/leaf.S, from SYSCALL_LIST), never compared in assembly.
	 */
	ASM_CONST(SYS_COUNT, SYS_COUNT);
}
