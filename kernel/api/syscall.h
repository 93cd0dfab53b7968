/*
 * syscall.h - the kernel side of the system call list.  Every handler has
 * the same shape, four raw 32-bit arguments, and decodes them itself:
 * user addresses become uptr_t, never pointers.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

#include "arch/i386/trapframe.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/proc/sched.h"

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

/*
 * Every refusal goes through user_error(): it returns -e and, in debug
 * builds, logs the function, line, task and user EIP, so a developer can
 * see why ring 3 was told no (seL4's userError()).
 */
long user_error_log(const char *fn, int line, enum pc_error e, const char *why);
/* Booted with `fuzz`: no uerr line (nearly every generated call is refused). */
extern int uerr_quiet;
#define user_error(e) user_error_log(__func__, __LINE__, (e), 0)
/* A refusal whose error code alone does not say which check failed. */
#define user_refuse(e, why) user_error_log(__func__, __LINE__, (e), (why))

/*
 * The one capability decoder (seL4's lookupCap plus its type and rights
 * checks): the cap in slot of the caller's space, of type (CAP_NULL: any
 * type) and holding every right in rights (endpoint and notification caps;
 * 0 for the others, whose rights are checked against their operands).
 * The checks run in one fixed order - slot range, emptiness, type, rights
 * - and the first that fails is the error, logged where the handler
 * called it with the check's name.  0 and *out, or the refusal (-E_x) for
 * the handler to return as it is.  Inline: type and rights are constants
 * at every call, so the checks a call does not ask for cost nothing.  The
 * IPC fast path (kernel/api/fastpath.c) keeps its own check, which never
 * refuses: anything it does not like goes to the slow path, which decodes
 * here.
 */
#define cap_decode(slot, type, rights, out) \
	cap_decode_at(__func__, __LINE__, (slot), (type), (rights), (out))
/* The type and rights half, for a cap already decoded with type CAP_NULL. */
#define cap_check(c, type, rights) cap_check_at(__func__, __LINE__, (c), (type), (rights))
/* A destination: an empty slot of cs (the caller's, or a child's for cap_transfer). */
#define cap_decode_empty(cs, slot, out) cap_decode_empty_at(__func__, __LINE__, (cs), (slot), (out))

/* -e, logged; the compiler sees it is never 0, so *out is set on every path that returns 0. */
static inline long cap_refuse(const char *fn, int line, enum pc_error e, const char *why)
{
	user_error_log(fn, line, e, why);
	return -(long)e;
}

static inline long cap_check_at(const char *fn, int line, const struct cap *c,
				enum cap_type type, uint32_t rights)
{
	if (type != CAP_NULL && c->type != type)
		return cap_refuse(fn, line, E_TYPE, "cap_decode: another type of cap");
	if ((c->obj.rights & rights) != rights)
		return cap_refuse(fn, line, E_PERM, "cap_decode: the cap lacks a right");
	return 0;
}

static inline long cap_decode_at(const char *fn, int line, uint32_t slot, enum cap_type type,
				 uint32_t rights, struct cap **out)
{
	if (slot >= CSPACE_SLOTS)
		return cap_refuse(fn, line, E_BADSLOT, "cap_decode: no such slot");
	struct cap *c = &current()->cs.slot[slot];
	if (c->type == CAP_NULL)
		return cap_refuse(fn, line, E_EMPTY, "cap_decode: empty slot");
	*out = c;
	return cap_check_at(fn, line, c, type, rights);
}

static inline long cap_decode_empty_at(const char *fn, int line, struct cspace *cs, uint32_t slot,
				       struct cap **out)
{
	if (slot >= CSPACE_SLOTS)
		return cap_refuse(fn, line, E_BADSLOT, "cap_decode_empty: no such slot");
	if (cs->slot[slot].type != CAP_NULL)
		return cap_refuse(fn, line, E_FULL, "cap_decode_empty: slot in use");
	*out = &cs->slot[slot];
	return 0;
}

#endif
