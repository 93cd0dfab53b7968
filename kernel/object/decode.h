/*
 * decode.h - what every system call handler is written with: its shape
 * (SYSCALL, its arguments named from the list by kernel/object/sysargs.h;
 * user addresses become uptr_t, never pointers), the refusal (user_error)
 * and the one capability decoder (cap_decode), seL4's userError and
 * lookupCap.  The
 * handlers of every object type and every subsystem include it, so it
 * depends only on the caps and the running task: the dispatch table that
 * calls the handlers is kernel/api/syscall.c, at the top.
 */
#ifndef KERNEL_DECODE_H
#define KERNEL_DECODE_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

#include "kernel/object/cap.h"
#include "kernel/object/sysargs.h"
#include "kernel/proc/sched.h"

/* The handlers, as the table and the sysenter gate's leaf path call them: four register words. */
#define X(name, nargs, path, params) long sys_##name(uint32_t, uint32_t, uint32_t, uint32_t);
SYSCALL_LIST(X)
#undef X

/*
 * SYSCALL(name) { body } defines sys_<name>: it names the register words
 * (sysargs_<name>, kernel/object/sysargs.h) and runs the body, which reads
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
/* A helper's -E_x (ipc_check_msg's, say), refused as user_error(E_x) would be. */
#define ERR(r) user_error((enum pc_error)-(r))
/*
 * The eip of the last call through the full path, for the uerr line (set
 * by syscall_dispatch; a leaf call's refusal logs that one's eip).
 */
extern uint32_t syscall_eip;

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
