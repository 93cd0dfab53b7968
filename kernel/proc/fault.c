/*
 * fault.c - what happens when ring 3 raises a CPU exception.  The trap
 * becomes the fault message (abi/fault.h), written once into t->fault; it
 * goes to the task's supervisor by fault_ask() (kernel/proc/faultstop.c),
 * through whichever face the supervisor chose (a fault endpoint or
 * supervise()), and the answer kills, resumes or restarts it.  Decoding and
 * skipping the instruction is iocap/iodecode.c's; this file copies the
 * bytes in and the result out.  Without a supervisor: one line
 *   FAULT task=<name> tid=<n> eip=0x<8 hex> vector=<n> cause=<text>
 * in the kernel log, then the task (and only it) ends; its parent learns
 * the vector, EIP and fault address through wait().
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/proc/fault.h"
#include "kernel/lib.h"
#include "kernel/proc/sched.h"
#include "kernel/proc/task.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "iocap/iodecode.h"
#include "kernel/proc/reap.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/supervise.h"
#include "kernel/object/taskio.h"

static const char *const names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault", "coprocessor overrun",
	"invalid TSS", "segment not present", "stack fault", "general protection",
	"page fault", "reserved 15", "x87 error", "alignment check", "machine check",
	"SIMD error", "virtualization", "control protection",
};

const char *fault_name(uint32_t vector)
{
	if (vector < 32 && names[vector])
		return names[vector];
	return "reserved";
}

/* Up to IO_INSN_MAX bytes at eip; fewer when the next page is not there. */
static uint32_t fetch_insn(const struct task *t, uint32_t eip, uint8_t *code)
{
	uint32_t n = IO_INSN_MAX;
	/* Nearly always all of it lies in eip's own page: one page lookup, no loop. */
	const uint8_t *page = vm_user_page(&t->as, eip, 0);
	if (page && (eip & 4095u) <= 4096u - IO_INSN_MAX) {
		memcpy(code, page, IO_INSN_MAX);
		return IO_INSN_MAX;
	}
	if (copyin(&t->as, code, uptr(eip), n)) {
		n = 4096u - (eip & 4095u);
		if (n > IO_INSN_MAX || copyin(&t->as, code, uptr(eip), n))
			return 0;
	}
	return n;
}

static const char *action_name(uint32_t action)
{
	switch (action & ~FA_QUIET) {
	case FA_RESUME: return "resumed";
	case FA_RESTART: return "restarted";
	default: return "killed";
	}
}

static void log_iofault(const struct task *t, const struct trapframe *tf,
			const struct io_insn *in, uint32_t action)
{
	char holds[160];
	task_io_holds(t, holds, sizeof(holds));
	if (in->op == IO_CLI || in->op == IO_STI)
		kprintf("IOFAULT task=%s eip=0x%08x op=%s port=- width=- holds=%s action=%s\n",
			t->name, tf->eip, io_op_name(in->op), holds, action_name(action));
	else
		kprintf("IOFAULT task=%s eip=0x%08x op=%s port=0x%04x width=%u holds=%s action=%s\n",
			t->name, tf->eip, io_op_name(in->op), in->port, in->width, holds,
			action_name(action));
}

static void log_fault(const struct task *t, const struct trapframe *tf, const uint8_t *code,
		      uint32_t len, uint32_t addr, uint32_t action)
{
	char cause[96];
	if (tf->trapno == 14)
		fmt_snprintf(cause, sizeof(cause), "page fault %s 0x%08x (%s%s)",
			     tf->err & 2 ? "writing" : addr == tf->eip ? "executing" : "reading", addr,
			     tf->err & 1 ? "protection" : "not present",
			     addr >= USER_BASE && addr < USER_END ? "" : ", outside user space");
	else if (tf->trapno == 13)
		fmt_snprintf(cause, sizeof(cause), "general protection (%s, error 0x%x)",
			     gp_insn_name(code, len), tf->err);
	else
		fmt_snprintf(cause, sizeof(cause), "%s", fault_name(tf->trapno));
	kprintf("FAULT task=%s tid=%d eip=0x%08x vector=%u cause=%s action=%s\n", t->name, t->tid,
		tf->eip, tf->trapno, cause, action_name(action));
}

/*
 * The fault message, written once: every field, so nothing is left from the
 * last fault.  in is IO_NONE, all zero, unless the #GP was an I/O access.
 */
static void fill_message(struct task *t, const struct trapframe *tf, uint32_t addr,
			 const struct io_insn *in)
{
	struct supmsg *m = &t->fault;
	m->kind = SUP_FAULT;
	m->tid = t->tid;
	m->vector = (signed char)tf->trapno;
	m->io_op = (unsigned char)in->op;   /* enum io_op and io_op_abi share values */
	m->width = in->width;
	m->rep = in->rep;
	m->eip = tf->eip;
	m->addr = addr;
	m->err = tf->err;
	m->port = in->port;
	m->faults = t->faults;
	m->restarts = t->restarts;
	/*
	 * The task's name is NUL-padded (tasks start zeroed): copied whole, no
	 * scan, and inline (four moves) rather than a call to memcpy.
	 */
	_Static_assert(sizeof(m->name) == sizeof(t->name), "supmsg name");
	__builtin_memcpy(m->name, t->name, sizeof(m->name));
}

/*
 * A task in virtual-8086 mode: QEMU's TCG enters it on a ring-3 iret with
 * EFLAGS.VM set (the SDM allows that only at CPL 0).  Nothing of the task
 * may run that way (port and IOPL rules differ, IF and IOPL came from its
 * own frame, and the frame is not where task_user_frame() says), so it
 * ends here, without asking its supervisor, whose resume could only put it
 * back.  An interrupt or a system call is reported as the #GP the iret
 * should have raised.
 */
void vm86_fault(struct trapframe *tf)
{
	struct task *t = current();
	uint32_t vector = tf->trapno < 32 ? tf->trapno : 13;
	uint32_t addr = tf->trapno == 14 ? arch_fault_addr() : 0;
	t->faults++;
	kprintf("FAULT task=%s tid=%d eip=0x%08x vector=%u cause=virtual-8086 mode "
		"(cs 0x%04x, %s) action=killed\n", t->name, t->tid, tf->eip, vector, tf->cs & 0xFFFF,
		tf->trapno < 32 ? fault_name(tf->trapno) :
		tf->trapno == T_SYSCALL ? "system call" : "interrupt");
	task_exit(-1, (int)vector, tf->eip, addr);
}

void user_fault(struct trapframe *tf)
{
	struct task *t = current();
	uint8_t code[IO_INSN_MAX];
	uint32_t len = 0, addr = 0;
	struct io_insn in = { .op = IO_NONE };

	if (tf->trapno == 14)
		addr = arch_fault_addr();
	/*
	 * This CPU's TSS lags the task's ports (a grant while it ran here, or
	 * a revoke's reload still to come): reload and let the instruction
	 * run again, checked against the ports the task holds now.
	 */
	if (tf->trapno == 13 && task_io_stale(this_cpu(), t)) {
		task_io_switch_in(this_cpu(), t);
		return;
	}
	if (tf->trapno == 13) {
		len = fetch_insn(t, tf->eip, code);
		/* A failed decode leaves in as it was: IO_NONE. */
		if (tf->err == 0)
			io_decode(code, len, tf->edx, &in);
	}
	int is_io = in.op != IO_NONE;
	t->faults++;
	t->iofaults += (uint32_t)is_io;
	fill_message(t, tf, addr, &in);

	uint32_t action = fault_ask(t);
	uint32_t what = action & ~FA_QUIET;
	/* Both faces refused any other answer (fault_answer_check). */
	KASSERT(fault_answer_check(&t->fault, action) == 0);
	if (!(action & FA_QUIET)) {
		if (is_io)
			log_iofault(t, tf, &in, action);
		else
			log_fault(t, tf, code, len, addr, action);
	}
	if (what == FA_RESUME) {
		/* An I/O access is skipped; an int3 is behind EIP already (in is all zero). */
		io_skip(&in, &tf->eax, &tf->eip);
		/* Like a system call, a resumed fault comes back with IF set (iocap/iopl.h). */
		tf->eflags |= EFLAGS_IF;
		return;
	}
	if (what == FA_RESTART && spawn_restart(t, tf) == 0)
		return;
	task_exit(-1, (int)tf->trapno, tf->eip, addr);
}
