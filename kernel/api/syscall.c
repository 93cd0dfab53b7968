/*
 * syscall.c - the one table generated from SYSCALL_LIST, through which the
 * slow path of both gates (int 0x80, sysenter) dispatches, and the leaf
 * table of the sysenter gate; user_error(); plus the handlers that are not
 * about tasks (sys_task.c has those).
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/debug/invariants.h"
#include "kernel/object/ipc.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/api/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/mm/uaccess.h"

const syscall_fn syscall_table[SYS_COUNT] = {
#define X(name, nargs, path, params) [SYS_##name] = sys_##name,
	SYSCALL_LIST(X)
#undef X
};

/*
 * The sysenter gate runs a call whose path column says leaf as a plain C
 * call, without a trap frame (arch/i386/entry.S; abi/syscalls.h
 * says what a leaf may not do); every other entry is null, and takes the
 * full path.  Through int 0x80 every call is an ordinary one.
 */
#define LEAF_FN_leaf(name) sys_##name
#define LEAF_FN_full(name) 0
const syscall_fn syscall_leaf[SYS_COUNT] = {
#define X(name, nargs, path, params) [SYS_##name] = LEAF_FN_##path(name),
	SYSCALL_LIST(X)
#undef X
};

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

SYSCALL(null)
{
	return 0;
}

/* Console output; until the UART driver exists the kernel log is the console. */
SYSCALL(write)
{
	char buf[256];
	uint32_t len = a->len;
	if (!user_range_ok(a->buf.addr, len) && len)
		return user_error(E_FAULT);
	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		if (copyin(&current()->as, buf, uptr(a->buf.addr + done), n))
			return done ? (long)done : user_error(E_FAULT);
		kputs_raw(buf, n);
		done += n;
	}
	return (long)len;
}

SYSCALL(yield)
{
	schedule();
	return 0;
}

SYSCALL(sleep)
{
	struct task *t = current();
	if (a->ticks > 100 * TIMER_HZ * 60)
		return user_error(E_RANGE);
	t->wake_tick = ticks + a->ticks;
	while (ticks < t->wake_tick && !task_interrupted(t))
		sched_block(BLOCK_SLEEP);
	return 0;
}

SYSCALL(uptime)
{
	return (long)ticks;
}

/* Only the root task may power the machine off (it holds everything). */
SYSCALL(shutdown)
{
	if (current() != task_root())
		return user_error(E_PERM);
	invariants_final();
	kprintf("shutdown requested by %s with code %u\n", current()->name,
		(unsigned)a->code);
	arch_shutdown((int)(a->code & 0xFF));
}
