/*
 * trapframe.h - the register frame every kernel entry builds (entry.S).
 * esp/ss are valid only when the trap came from ring 3.
 *
 * A trap from virtual-8086 mode pushes four more words above ss (es, ds,
 * fs, gs) and loads null selectors, so this frame then sits 16 bytes below
 * task_user_frame().  Ring 3 should never be in that mode (the SDM enters
 * it only from CPL 0), but QEMU's TCG enters it on a ring-3 iret with VM
 * set; trap() ends such a task at once (vm86_fault), reading only the
 * fields below, which are where they always are.
 */
#ifndef ARCH_I386_TRAPFRAME_H
#define ARCH_I386_TRAPFRAME_H

#include <stdint.h>
#include "arch/i386/mmu.h"

struct trapframe {
	uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;   /* pushal */
	uint32_t gs, fs, es, ds;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;                                   /* ring 3 only */
};

/* From ring 3: a CS of RPL 3, or virtual-8086 mode, whose CS is a real-mode segment. */
static inline int tf_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3 || (tf->eflags & EFLAGS_VM);
}

static inline int tf_vm86(const struct trapframe *tf)
{
	return (tf->eflags & EFLAGS_VM) != 0;
}

#endif
