/*
 * syscall.h - the kernel side of the system call list for the entry code:
 * the two C entries of both gates (syscall_fastpath, syscall_slowpath), the
 * slow path's dispatch through the table, the leaf table.  What a handler
 * is written with (SYSCALL and its named arguments, user_error,
 * cap_decode) is kernel/object/decode.h, which every handler includes.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

#include "arch/i386/trapframe.h"
#include "kernel/object/decode.h"

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t);

/*
 * The two C entries of a system call that has a trap frame: int 0x80 and
 * the sysenter gate's full path (arch/i386/entry.S; the sysenter gate's
 * leaf calls never get this far).  syscall_fastpath (kernel/api/
 * fastpath.c) alone chooses the IPC fast path, completes the call and
 * leaves for ring 3 itself, or returns; then entry.S calls
 * syscall_slowpath (kernel/api/syscall.c): the table, the one way out
 * (kernel/api/exit.c), ring 3 (seL4's fastpath.c and c_handle_syscall).
 */
void syscall_fastpath(struct trapframe *tf);
void syscall_slowpath(struct trapframe *tf) __attribute__((noreturn));

/*
 * The slow path's call through the table (kernel/api/syscall.c:
 * syscall_slowpath); the result goes into tf->eax.  Inline, so that the
 * slow path makes one C call, the handler's.
 */
extern const syscall_fn syscall_table[SYS_COUNT];
static inline void syscall_dispatch(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	syscall_eip = tf->eip;
	if (nr >= SYS_COUNT) {
		tf->eax = (uint32_t)user_error(E_NOSYS);
		return;
	}
	tf->eax = (uint32_t)syscall_table[nr](tf->ebx, tf->esi, tf->edi, tf->ebp);
}

#ifdef DEBUG
/*
 * The fuzzer's ring of the last calls and the invariant checker see every
 * call that enters with a trap frame (syscall_fastpath, before the fast path
 * is chosen).  A hook, as the entry knows nothing of them: set with the
 * flag by kernel/debug/invariants.c:invariants_boot when the boot asks.
 */
extern int debugchk_on;
extern void (*syscall_entry_hook)(const struct trapframe *tf);
static inline void debugchk_syscall(const struct trapframe *tf)
{
	if (debugchk_on)
		syscall_entry_hook(tf);
}
#else
static inline void debugchk_syscall(const struct trapframe *tf)
{
	(void)tf;
}
#endif

#endif
