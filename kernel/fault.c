/*
 * fault.c - what happens when ring 3 raises a CPU exception: one line
 *   FAULT task=<name> tid=<n> eip=0x<8 hex> vector=<n> cause=<text>
 * in the kernel log, then the task (and only it) ends; its parent learns
 * the vector, EIP and fault address through wait().
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/fault.h"
#include "kernel/lib.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

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

/* Names the privileged instruction behind a #GP, skipping prefixes. */
static const char *gp_instruction(const struct task *t, uint32_t eip)
{
	uint8_t code[8] = { 0 };
	if (copyin(&t->as, code, uptr(eip), sizeof(code)) &&
	    copyin(&t->as, code, uptr(eip), 1))
		return "unreadable instruction";
	int i = 0;
	while (i < 4 && (code[i] == 0x66 || code[i] == 0x67 || code[i] == 0xF2 || code[i] == 0xF3 ||
			 code[i] == 0x26 || code[i] == 0x2E || code[i] == 0x36 || code[i] == 0x3E ||
			 code[i] == 0x64 || code[i] == 0x65))
		i++;
	switch (code[i]) {
	case 0xF4: return "hlt";
	case 0xFA: return "cli";
	case 0xFB: return "sti";
	case 0xE4: case 0xE5: case 0xEC: case 0xED: return "in";
	case 0xE6: case 0xE7: case 0xEE: case 0xEF: return "out";
	case 0x6C: case 0x6D: return "ins";
	case 0x6E: case 0x6F: return "outs";
	case 0xCD: return "int";
	case 0xCF: return "iret";
	case 0x0F: return "system instruction";
	default: return "protected access";
	}
}

void user_fault(struct trapframe *tf)
{
	struct task *t = current();
	uint32_t addr = 0;
	char cause[96];

	if (tf->trapno == 14) {
		addr = arch_fault_addr();
		fmt_snprintf(cause, sizeof(cause), "page fault %s 0x%08x (%s%s)",
			     tf->err & 2 ? "writing" : addr == tf->eip ? "executing" : "reading", addr,
			     tf->err & 1 ? "protection" : "not present",
			     addr >= USER_BASE && addr < USER_END ? "" : ", outside user space");
	} else if (tf->trapno == 13) {
		fmt_snprintf(cause, sizeof(cause), "general protection (%s, error 0x%x)",
			     gp_instruction(t, tf->eip), tf->err);
	} else {
		fmt_snprintf(cause, sizeof(cause), "%s", fault_name(tf->trapno));
	}
	kprintf("FAULT task=%s tid=%d eip=0x%08x vector=%u cause=%s\n", t->name, t->tid, tf->eip,
		tf->trapno, cause);
	task_exit(-1, (int)tf->trapno, tf->eip, addr);
}
