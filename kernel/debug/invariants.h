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

/*
 * Parses the boot arguments (`invariants=N`, `fuzz`), notes the frame
 * count at boot, and when they ask for it hooks the system call entry
 * (kernel/api/syscall.h:debugchk_syscall) to record and count every call.
 */
void invariants_boot(const char *args);
/*
 * arch/i386/entry.S in the assert build (HOT_ASSERTS=1): a way out by
 * sysexit found %ds or %es not want, the flat user selector, which sysexit
 * would hand ring 3 (the next iret there nulls a ring-0 one).  Reported as
 * an invariant violation ("user-segments"); does not return.
 */
void invariants_user_segments(uint32_t ds, uint32_t es, uint32_t want) __attribute__((noreturn));
#ifdef DEBUG
/* Counts a system call; every N-th runs invariants_check. */
void invariants_syscall(void);
/* Checks everything now; the first violation does not return. */
void invariants_check(void);
/* At shutdown: a last check, and how many passed. */
void invariants_final(void);
#else
static inline void invariants_final(void)
{
}
#endif

#endif
