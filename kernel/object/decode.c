/*
 * decode.c - the refusal every handler returns through (user_error,
 * kernel/object/decode.h): in debug builds one line that names the check, the
 * task and where it called from, so a developer sees why ring 3 was told no.
 */
#include "abi/errno.h"
#include "kernel/lib.h"
#include "kernel/object/decode.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"

static const char *const error_names[E_COUNT] = {
#define X(name, val, text) [name] = #name,
	ERROR_LIST(X)
#undef X
};

/* The last call through the full path; a leaf call's refusal logs that one's eip. */
uint32_t syscall_eip;

#ifdef DEBUG
int uerr_quiet;
#endif

long user_error_log(const char *fn, int line, enum pc_error e, const char *why)
{
#ifdef DEBUG
	struct task *t = current();
	if (uerr_quiet)
		return -(long)e;
	kprintf_debug("uerr: %s:%d task=%s tid=%d eip=0x%08x %s%s%s%s\n", fn, line, t->name, t->tid,
		syscall_eip, (unsigned)e < E_COUNT ? error_names[e] : "?", why ? " (" : "",
		why ? why : "", why ? ")" : "");
#else
	(void)fn;
	(void)line;
	(void)why;
	(void)error_names;
#endif
	return -(long)e;
}
