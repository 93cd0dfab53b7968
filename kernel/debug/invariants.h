/*
 * invariants.h - the kernel invariant checker (debug builds; docs/fuzz.md).
 * Booted with `invariants=N`, the kernel checks its whole state every N
 * system calls (the fuzz configuration boots with it); a violation is a
 * panic-like report naming the invariant, then the machine powers off
 * with code 0x7e.
 */
#ifndef KERNEL_INVARIANTS_H
#define KERNEL_INVARIANTS_H

#include <stdint.h>

struct trapframe;

/* Parses the boot arguments (`invariants=N`, `fuzz`) and notes the frame count at boot. */
void invariants_boot(const char *args);
#ifdef DEBUG
extern int debugchk_on;        /* the boot asked for the ring (and maybe the checker) */
/* Records the call in the ring (kernel/debug/sysring.c) and counts it (invariants_syscall). */
void debugchk_syscall_slow(const struct trapframe *tf);
/* On every system call entry that builds a trap frame (trap.c: int 0x80; sysenter's full path). */
static inline void debugchk_syscall(const struct trapframe *tf)
{
	if (debugchk_on)
		debugchk_syscall_slow(tf);
}
/* Counts a system call; every N-th runs invariants_check. */
void invariants_syscall(void);
/* Checks everything now; the first violation does not return. */
void invariants_check(void);
/* At shutdown: a last check, and how many passed. */
void invariants_final(void);
#else
static inline void debugchk_syscall(const struct trapframe *tf)
{
	(void)tf;
}
static inline void invariants_final(void)
{
}
#endif

#endif
