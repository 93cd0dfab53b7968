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

#include <stddef.h>
#include <stdint.h>
#include "arch/i386/mmu.h"

struct trapframe {
	uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;   /* pushal */
	uint32_t gs, fs, es, ds;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;                                   /* ring 3 only */
};

/*
 * entry.S builds and unwinds this frame by push and pop order, which no
 * offset names: pushal (edi lowest), gs, fs, es, ds, the vector, the error
 * code, then what the CPU (or the sysenter entry) pushes.  Each field must
 * be the word just above the one before it; the offsets entry.S does name
 * come from build/gen/asm-offsets.h (arch/i386/asm-offsets.c).
 */
#define TF_NEXT(a, b) (offsetof(struct trapframe, b) == offsetof(struct trapframe, a) + 4)
_Static_assert(offsetof(struct trapframe, edi) == 0 && TF_NEXT(edi, esi) && TF_NEXT(esi, ebp) &&
	       TF_NEXT(ebp, oesp) && TF_NEXT(oesp, ebx) && TF_NEXT(ebx, edx) &&
	       TF_NEXT(edx, ecx) && TF_NEXT(ecx, eax), "pushal order");
_Static_assert(TF_NEXT(eax, gs) && TF_NEXT(gs, fs) && TF_NEXT(fs, es) && TF_NEXT(es, ds) &&
	       TF_NEXT(ds, trapno) && TF_NEXT(trapno, err) && TF_NEXT(err, eip),
	       "entry.S push order");
_Static_assert(TF_NEXT(eip, cs) && TF_NEXT(cs, eflags) && TF_NEXT(eflags, esp) &&
	       TF_NEXT(esp, ss) && sizeof(struct trapframe) == offsetof(struct trapframe, ss) + 4,
	       "the CPU's frame for a trap from ring 3");
#undef TF_NEXT

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
