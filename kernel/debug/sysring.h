/*
 * sysring.h - the last system calls, kept for the fuzzer's failure report
 * (docs/fuzz.md).  A panic or an invariant violation prints them, and the
 * host-side runner reads the ring from guest memory when the kernel hangs,
 * so a failure names the calls that led to it.  Off unless the kernel was
 * booted with `fuzz` or `invariants=N`; compiled only into debug builds.
 */
#ifndef KERNEL_SYSRING_H
#define KERNEL_SYSRING_H

#include <stdint.h>

struct trapframe;

#define SYSRING_SIZE 32        /* a power of two */

struct sysring_entry {
	uint32_t seq;              /* calls recorded before this one, plus one; 0 = unused */
	int tid;
	uint32_t nr, a0, a1, a2, a3;
	uint32_t eip;
};

#ifdef DEBUG
extern int debugchk_on;        /* the boot asked for the ring (and maybe the checker) */
void debugchk_syscall_slow(const struct trapframe *tf);
/* On every system call entry that builds a trap frame (kernel/api/fastpath.c:syscall_enter). */
static inline void debugchk_syscall(const struct trapframe *tf)
{
	if (debugchk_on)
		debugchk_syscall_slow(tf);
}
#else
static inline void debugchk_syscall(const struct trapframe *tf)
{
	(void)tf;
}
#endif
/* Prints the ring, oldest first (panic and the invariant checker); nothing when it is off. */
void sysring_print(void);

#endif
