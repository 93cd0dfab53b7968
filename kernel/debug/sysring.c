/*
 * sysring.c - a ring of the last system calls (number, arguments, caller)
 * for the fuzzer's reports.  The record is made at entry, before the call
 * can change anything, so the newest entry is the call that was running
 * when the kernel panicked or hung.  Every call that builds a trap frame
 * is recorded (kernel/api/fastpath.c:syscall_fastpath, both gates, before the
 * fast path is chosen); the sysenter gate's leaf calls build none and are
 * not, and the fuzzer makes most of its calls through int 0x80, where
 * every call is.
 */
#include "arch/i386/trapframe.h"
#include "abi/syscalls.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/debug/sysring.h"
#include "kernel/proc/task.h"

/* Global, not static: tests/fuzz/fuzz_run.py reads it by name (build/kernel.sym) when the kernel hangs. */
struct sysring_entry sysring[SYSRING_SIZE];
uint32_t sysring_seq;

static const char *const call_names[SYS_COUNT] = {
#define X(name, nargs, path, params) [SYS_##name] = #name,
	SYSCALL_LIST(X)
#undef X
};

#ifdef DEBUG
void sysring_record(const struct trapframe *tf)
{
	struct sysring_entry *e = &sysring[sysring_seq & (SYSRING_SIZE - 1)];
	*e = (struct sysring_entry){ ++sysring_seq, current()->tid, tf->eax, tf->ebx, tf->esi,
				     tf->edi, tf->ebp, tf->eip };
}
#endif

void sysring_print(void)
{
	if (!sysring_seq)
		return;
	kprintf("last system calls (oldest first; %u in all):\n", sysring_seq);
	for (uint32_t i = 0; i < SYSRING_SIZE; i++) {
		const struct sysring_entry *e = &sysring[(sysring_seq + i) & (SYSRING_SIZE - 1)];
		if (!e->seq)
			continue;
		const struct task *t = task_lookup(e->tid);
		kprintf("  #%u tid=%d (%s) eip=0x%08x %s(0x%x, 0x%x, 0x%x, 0x%x)\n", e->seq, e->tid,
			t ? t->name : "gone", e->eip, e->nr < SYS_COUNT ? call_names[e->nr] : "?",
			e->a0, e->a1, e->a2, e->a3);
	}
}
