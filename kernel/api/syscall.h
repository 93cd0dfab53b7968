/*
 * syscall.h - the kernel side of the system call list: the dispatch from
 * both gates and the fast path's entry.  What a handler is written with
 * (SYSCALL, user_error, cap_decode) is kernel/object/decode.h, which every
 * handler includes; this header is for the entry code (kernel/api/trap.c).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

#include "arch/i386/trapframe.h"
#include "kernel/object/decode.h"

void syscall_dispatch(struct trapframe *tf);

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t);
/* Non-null for the calls the sysenter gate makes without a trap frame (syscall.c). */
extern const syscall_fn syscall_leaf[SYS_COUNT];

/*
 * The common case of ipc_call and ipc_reply_recv (short message, no caps,
 * the other side waiting): done and switched to the other side without
 * the scheduler; never returns then.  Returns when it does not apply.
 */
void fastpath_call(struct trapframe *tf);
void fastpath_reply_recv(struct trapframe *tf);

/*
 * The common IPC round trip skips the table, the decode and the scheduler
 * (kernel/api/fastpath.c); returns if the fast path does not apply.  trap()
 * calls it for int 0x80; the sysenter entry makes the same two tests in
 * assembly, before syscall_enter.
 */
static inline void syscall_try_fastpath(struct trapframe *tf)
{
	if (tf->eax == SYS_ipc_call)
		fastpath_call(tf);
	else if (tf->eax == SYS_ipc_reply_recv)
		fastpath_reply_recv(tf);
}
/* The sysenter gate's C side (arch/i386/entry.S); int 0x80 goes through trap(). */
void syscall_enter(struct trapframe *tf);

#ifdef DEBUG
/*
 * The fuzzer's ring of the last calls and the invariant checker see every
 * call that enters with a trap frame (trap.c: int 0x80; sysenter's full
 * path).  A hook, as the entry knows nothing of them: set with the flag
 * by kernel/debug/invariants.c:invariants_boot when the boot asks for it.
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
