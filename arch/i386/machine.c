/*
 * machine.c - CPU feature checks, paging control, idle, power-off, and the
 * initial stack frames of new tasks.
 */
#include "arch/i386/arch.h"
#include "arch/i386/mmu.h"
#include "arch/i386/trapframe.h"
#include "arch/i386/x86.h"

#define CPUID_FPU (1u << 0)
#define CPUID_PSE (1u << 3)
#define CPUID_TSC (1u << 4)
#define CPUID_SEP (1u << 11)
#define CPUID_PGE (1u << 13)

int arch_cpu_check(const char **missing)
{
	uint32_t a, b, c, d;
	cpuid(1, &a, &b, &c, &d);
	/* Pentium Pro erratum: SEP set but family 6 model < 3 lacks SYSENTER. */
	if (!(d & CPUID_SEP) || (((a >> 8) & 0xF) == 6 && ((a >> 4) & 0xF) < 3)) {
		*missing = "SYSENTER (SEP)";
		return 0;
	}
	if (!(d & CPUID_FPU)) { *missing = "an x87 FPU"; return 0; }
	if (!(d & CPUID_PSE)) { *missing = "4 MiB pages (PSE)"; return 0; }
	if (!(d & CPUID_PGE)) { *missing = "global pages (PGE)"; return 0; }
	if (!(d & CPUID_TSC)) { *missing = "TSC"; return 0; }
	return 1;
}

void arch_paging_enable(uint32_t pgdir_pa)
{
	write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
	write_cr3(pgdir_pa);
	/* WP makes ring 0 honour read-only user pages too. */
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

uint32_t arch_fault_addr(void) { return read_cr2(); }
uint64_t arch_cycles(void) { return rdtsc(); }
uint32_t arch_frame_pointer(void) { return read_ebp(); }

void arch_halt_forever(void)
{
	for (;;) {
		cli();
		hlt();
	}
}

void arch_cpu_relax(void)
{
	cpu_relax();
}

void arch_idle_wait(void)
{
	sti_hlt();
	cli();
}

int arch_irqs_disabled(void)
{
	return !(read_eflags() & EFLAGS_IF);
}

/*
 * Power off in whatever emulator we are in: QEMU's isa-debug-exit device
 * (exit status (code << 1) | 1), Bochs' shutdown port, then QEMU's PIIX4
 * ACPI PM1a control as a last resort.
 */
void arch_shutdown(int code)
{
	const char *s = "Shutdown";
	outb(IOPORT(0xF4), (uint8_t)code);
	while (*s)
		outb(IOPORT(0x8900), (uint8_t)*s++);
	outw(IOPORT(0x604), 0x2000);
	arch_halt_forever();
}

extern char task_first_return[];

void arch_user_frame_init(struct trapframe *tf, uint32_t entry, uint32_t user_esp,
			  uint32_t eflags)
{
	*tf = (struct trapframe){ 0 };
	tf->ds = tf->es = tf->fs = tf->gs = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->ss = SEL_UDATA;
	tf->eip = entry;
	tf->esp = user_esp;
	tf->eflags = eflags;
	tf->trapno = T_SYSCALL;         /* leaves through iret, not sysexit */
}

uint32_t arch_task_stack_init(uint32_t kstack_top, uint32_t entry, uint32_t user_esp)
{
	struct trapframe *tf = (struct trapframe *)(kstack_top - sizeof(*tf));

	arch_user_frame_init(tf, entry, user_esp, EFLAGS_IF | EFLAGS_FIXED);   /* IOPL 0 */
	return arch_switch_frame((uint32_t)tf, task_first_return);
}

uint32_t arch_kthread_stack_init(uint32_t kstack_top, void (*fn)(void))
{
	uint32_t *sp = (uint32_t *)kstack_top;
	*--sp = 0;                      /* fn's return address: fn must not return */
	return arch_switch_frame((uint32_t)sp, (const void *)fn);
}
