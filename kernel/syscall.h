/*
 * syscall.h - the kernel side of the system call list.  Every handler has
 * the same shape, four raw 32-bit arguments, and decodes them itself:
 * user addresses become uptr_t, never pointers.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "kernel/abi/errno.h"
#include "kernel/abi/syscalls.h"

#include "arch/i386/trapframe.h"
#include "kernel/ipc.h"

#define SYSCALL(name) \
	long sys_##name(uint32_t a0 __attribute__((unused)), uint32_t a1 __attribute__((unused)), \
			uint32_t a2 __attribute__((unused)), uint32_t a3 __attribute__((unused)))

#define X(name, nargs, path, proto) SYSCALL(name);
SYSCALL_LIST(X)
#undef X

void syscall_dispatch(struct trapframe *tf);

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t);
/* Non-null for the calls the sysenter gate makes without a trap frame (syscall.c). */
extern const syscall_fn syscall_leaf[SYS_COUNT];

/*
 * The common IPC round trip skips the table, the decode and the scheduler
 * (kernel/fastpath.c); returns if the fast path does not apply.  trap()
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

/*
 * Every refusal goes through user_error(): it returns -e and, in debug
 * builds, logs the function, line, task and user EIP, so a developer can
 * see why ring 3 was told no (seL4's userError()).
 */
long user_error_log(const char *fn, int line, enum pc_error e);
/* Booted with `fuzz`: no uerr line (nearly every generated call is refused). */
extern int uerr_quiet;
#define user_error(e) user_error_log(__func__, __LINE__, (e))

#endif
