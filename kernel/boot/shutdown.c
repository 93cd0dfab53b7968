/*
 * shutdown.c - the end of the machine: the root task's shutdown(code),
 * after the invariant checker's last word (debug builds).  Above every
 * other module, as kmain is at the start.
 */
#include "arch/i386/arch.h"
#include "kernel/debug/invariants.h"
#include "kernel/lib.h"
#include "kernel/object/decode.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"

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
