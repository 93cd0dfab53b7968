/*
 * sysring.h - the last system calls, kept for the fuzzer's failure report
 * (docs/fuzz.md).  A panic or an invariant violation prints them, and the
 * host-side runner reads the ring from guest memory when the kernel hangs,
 * so a failure names the calls that led to it.  Off unless the kernel was
 * booted with `fuzz` or `invariants=N`; compiled only into debug builds.
 * It records and prints, and knows nothing of the checker that calls it.
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
/* Records a call at its entry (through syscall_entry_hook, kernel/debug/invariants.c). */
void sysring_record(const struct trapframe *tf);
#endif
/* Prints the ring, oldest first (panic and the invariant checker); nothing when it is off. */
void sysring_print(void);

#endif
