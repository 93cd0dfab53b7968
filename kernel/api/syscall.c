/*
 * syscall.c - the one table generated from SYSCALL_LIST, through which the
 * slow path of both gates (int 0x80, sysenter) dispatches
 * (kernel/api/syscall.h:syscall_dispatch; syscall_slowpath; the sysenter
 * gate's leaf calls are generated from the same list, arch/i386/leaf.S),
 * and the handlers that belong to no object or subsystem (the tasks' are
 * kernel/proc/sys_task.c, each object type's kernel/object/<type>.c,
 * shutdown kernel/boot/shutdown.c).
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/api/syscall.h"
#include "kernel/proc/task.h"
#include "kernel/mm/uaccess.h"
#include "kernel/api/exit.h"

const syscall_fn syscall_table[SYS_COUNT] = {
#define X(name, nargs, path, params) [SYS_##name] = sys_##name,
	SYSCALL_LIST(X)
#undef X
};

/* Every call the fast path does not complete (entry.S calls it when syscall_fastpath returns). */
void syscall_slowpath(struct trapframe *tf)
{
	syscall_dispatch(tf);
	exit_to_user(current(), tf);
	arch_resume_user(tf);
}

#ifdef DEBUG
int debugchk_on;        /* the boot asked for the ring (and maybe the checker) */
void (*syscall_entry_hook)(const struct trapframe *tf);
#endif

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
