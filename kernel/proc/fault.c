/*
 * fault.c - what happens when ring 3 raises a CPU exception.  The fault
 * goes to the task's supervisor, as a message on its fault endpoint
 * (fault_ep) or through supervise(), and the answer kills, resumes or
 * restarts it.  Without a supervisor: one line
 *   FAULT task=<name> tid=<n> eip=0x<8 hex> vector=<n> cause=<text>
 * in the kernel log, then the task (and only it) ends; its parent learns
 * the vector, EIP and fault address through wait().
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/proc/fault.h"
#include "kernel/object/ipc.h"
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

/* Names the privileged instruction behind a non-I/O #GP, skipping prefixes. */
static const char *gp_instruction(const uint8_t *code, uint32_t len)
{
	uint32_t i = 0;
	while (i + 1 < len && (code[i] == 0x66 || code[i] == 0x67 || code[i] == 0xF2 ||
			       code[i] == 0xF3 || code[i] == 0x26 || code[i] == 0x2E ||
			       code[i] == 0x36 || code[i] == 0x3E || code[i] == 0x64 || code[i] == 0x65))
		i++;
	if (!len)
		return "unreadable instruction";
	switch (code[i]) {
	case 0xF4: return "hlt";
	case 0xCD: return "int";
	case 0xCF: return "iret";
	case 0x0F: return "system instruction";
	default: return "protected access";
	}
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
			     gp_instruction(code, len), tf->err);
	else
		fmt_snprintf(cause, sizeof(cause), "%s", fault_name(tf->trapno));
	kprintf("FAULT task=%s tid=%d eip=0x%08x vector=%u cause=%s action=%s\n", t->name, t->tid,
		tf->eip, tf->trapno, cause, action_name(action));
}

/*
 * Skips a trapped I/O instruction as if the port were absent: `in` reads
 * all ones (an undriven ISA bus), `out` writes nowhere, ins/outs move
 * nothing and leave their registers alone.
 */
static void skip_io(struct trapframe *tf, const struct io_insn *in)
{
	if (in->op == IO_IN)
		tf->eax |= in->width == 4 ? 0xFFFFFFFFu : in->width == 2 ? 0xFFFFu : 0xFFu;
	tf->eip += in->length;
}

static void fill_message(struct task *t, const struct trapframe *tf, uint32_t addr,
			 const struct io_insn *in, int is_io)
{
	struct supmsg *m = &t->fault;
	*m = (struct supmsg){ 0 };
	m->kind = SUP_FAULT;
	m->tid = t->tid;
	m->vector = (int)tf->trapno;
	m->eip = tf->eip;
	m->addr = addr;
	m->err = tf->err;
	if (is_io) {
		m->io_op = (int)in->op;   /* enum io_op and io_op_abi share values */
		m->port = in->port;
		m->width = in->width;
		m->rep = in->rep;
	}
	m->restarts = t->restarts;
	m->faults = t->faults;
	/* The task's name is NUL-padded (tasks start zeroed): copied whole, no scan. */
	_Static_assert(sizeof(m->name) == sizeof(t->name), "supmsg name");
	memcpy(m->name, t->name, sizeof(m->name));
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

/* The fault as a message to the fault endpoint; the reply's label is the action. */
static uint32_t fault_message(struct task *t)
{
	long r = ipc_fault_call(t);
	t->fault_call = 0;
	return supervise_decision(t, r);
}

void user_fault(struct trapframe *tf)
{
	struct task *t = current();
	uint8_t code[IO_INSN_MAX] = { 0 };
	uint32_t len = 0, addr = 0;
	struct io_insn in;
	int is_io = 0;

	if (tf->trapno == 14)
		addr = arch_fault_addr();
	if (tf->trapno == 13) {
		len = fetch_insn(t, tf->eip, code);
		is_io = tf->err == 0 && io_decode(code, len, tf->edx, &in) == 0;
	}
	t->faults++;
	if (is_io)
		t->iofaults++;
	fill_message(t, tf, addr, &in, is_io);

	uint32_t action = t->fault_cap.type == CAP_ENDPOINT ? fault_message(t) : supervise_fault(t);
	uint32_t what = action & ~FA_QUIET;
	if (what == FA_RESUME && !is_io && tf->trapno != 3)
		action = what = FA_KILL;
	if (!(action & FA_QUIET)) {
		if (is_io)
			log_iofault(t, tf, &in, action);
		else
			log_fault(t, tf, code, len, addr, action);
	}
	if (what == FA_RESUME) {
		if (is_io)
			skip_io(tf, &in);
		/* Like a system call, a resumed fault comes back with IF set (iocap/iopl.h). */
		tf->eflags |= EFLAGS_IF;
		return;
	}
	if (what == FA_RESTART && spawn_restart(t, tf) == 0)
		return;
	task_exit(-1, (int)tf->trapno, tf->eip, addr);
}
