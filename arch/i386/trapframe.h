/*
 * trapframe.h - the register frame every kernel entry builds (entry.S).
 * esp/ss are valid only when the trap came from ring 3.
 */
#ifndef ARCH_I386_TRAPFRAME_H
#define ARCH_I386_TRAPFRAME_H

#include <stdint.h>

struct trapframe {
	uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;   /* pushal */
	uint32_t gs, fs, es, ds;
	uint32_t trapno, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;                                   /* ring 3 only */
};

static inline int tf_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

#endif
