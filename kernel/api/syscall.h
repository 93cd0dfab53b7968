/*
 * syscall.h - the kernel side of the system call list.  Every handler has
 * the same shape, four 32-bit register words, which SYSCALL() names from
 * the list (kernel/api/sysargs.h): user addresses become uptr_t, never
 * pointers.  Each handler checks its arguments itself.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"
#include "kernel/api/sysargs.h"

#include "arch/i386/trapframe.h"
#include "kernel/object/cap.h"
#include "kernel/object/ipc.h"
#include "kernel/proc/sched.h"

/* The handlers, as the table and the sysenter gate's leaf path call them: four register words. */
#define X(name, nargs, path, params) long sys_##name(uint32_t, uint32_t, uint32_t, uint32_t);
SYSCALL_LIST(X)
#undef X

/*
 * SYSCALL(name) { body } defines sys_<name>: it names the register words
 * (sysargs_<name>, kernel/api/sysargs.h) and runs the body, which reads
 * its arguments as a->field.  The body is inlined into sys_<name>, so the
 * struct costs nothing.
 */
#define SYSCALL(name)                                                                      \
	static inline long sys_##name##_body(const struct sys_##name##_args *a);           \
	long sys_##name(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)                \
	{                                                                                   \
		const struct sys_##name##_args args = sysargs_##name(a0, a1, a2, a3);       \
		return sys_##name##_body(&args);                                            \
	}                                                                                   \
	static inline long sys_##name##_body(const struct sys_##name##_args *a SYSARG_UNUSED)

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t);
/* Non-null for the calls the sysenter gate makes without a trap frame (syscall.c). */
extern const syscall_fn syscall_leaf[SYS_COUNT];

/*
 * The one C entry of a system call that has a trap frame: int 0x80 and
 * the sysenter gate's full path (arch/i386/entry.S; the sysenter gate's
 * leaf calls never get this far).  Here, and only here, the IPC fast path
 * is chosen (kernel/api/fastpath.c); it never returns: it completes the
 * call and leaves for ring 3 itself, or falls into syscall_slowpath
 * (seL4's c_handle_syscall and fastpath.c).
 */
void syscall_enter(struct trapframe *tf) __attribute__((noreturn));

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
 * The slow path's call through the table (kernel/api/fastpath.c:
 * syscall_slowpath); the result goes into tf->eax.  Inline, so that the
 * slow path makes one C call, the handler's.
 */
extern const syscall_fn syscall_table[SYS_COUNT];
extern uint32_t syscall_eip;    /* the caller's, for user_error's log */
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
