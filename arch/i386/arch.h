/*
 * arch.h - the named hooks through which generic kernel code reaches the
 * i386 architecture.  kernel/ includes this and nothing lower, except for
 * the trap frame and per-CPU layout.
 */
#ifndef ARCH_I386_ARCH_H
#define ARCH_I386_ARCH_H

#include <stdint.h>
#include "arch/i386/trapframe.h"

struct cpu;

void arch_console_init(void);
void arch_console_putc(char c);
void arch_console_putc_serial(char c);
void arch_console_putc_debug(char c);   /* port 0xE9 only */
void arch_console_putc_com1(char c);    /* COM1 only, \n as \r\n, if a UART is there */
#define ARCH_CONSOLE_PORT 0x3F8u        /* COM1: the kernel's until a driver holds it */

void arch_idt_init(void);
void arch_idt_load(void);
void arch_idt_route(int vector, uint32_t handler);
/*
 * The interrupt controllers (arch/i386/irqchip.c): the 8259s deliver every
 * IRQ to the boot CPU until arch_irq_symmetric; the hooks below drive
 * whichever is in use.
 */
void arch_pic_init(void);
void arch_irq_unmask(int irq);
void arch_irq_mask(int irq);
void arch_irq_eoi(int irq);
/* 1: the interrupt on irq is not the kernel's to take now (spurious, or kept for the unmask). */
int  arch_irq_spurious(int irq);
/* The IOAPIC at phys, every pin masked: 0, or -1 if none answers there. */
int  arch_ioapic_init(uint32_t phys);
/* ISA IRQ irq arrives at the IOAPIC's pin with MP/ACPI flags: 0, or -1 (no such pin, or taken). */
int  arch_irq_source(int irq, uint32_t pin, uint16_t flags);
/*
 * Symmetric I/O mode: the 8259s masked, each IRQ with a source through the
 * IOAPIC to the CPU with apic_id, acknowledged at the local APIC; imcr:
 * the firmware left the 8259s wired to the CPU (PIC mode), the IMCR
 * switches them off.
 */
void arch_irq_symmetric(uint32_t apic_id, int imcr);
/* Whether irq can be sent to a CPU of the kernel's choice (symmetric mode, with a source). */
int  arch_irq_steerable(int irq);
void arch_irq_route(int irq, uint32_t apic_id);
void arch_timer_init(unsigned hz);

/* Busy-waits us microseconds on the PIT (arch_timer_init first; interrupts off). */
void arch_delay_us(uint32_t us);

/*
 * The local APIC (arch/i386/lapic.c) and starting the other CPUs
 * (arch/i386/apstart.c).  arch_lapic_init: 0, or -1 when this CPU has no
 * APIC at phys (the kernel then runs on one CPU, on the PIT alone).
 */
int  arch_lapic_init(uint32_t phys);
int  arch_lapic_present(void);
void arch_lapic_init_cpu(void);
uint32_t arch_lapic_boot_id(void);
uint32_t arch_lapic_id(void);
void arch_lapic_eoi(void);
/* The boot CPU's LINT0 open (1) or closed (0) to the 8259s' INTR (ExtINT). */
void arch_lapic_extint(int on);
void arch_ipi_send(uint32_t apic_id, int vector);
void arch_ipi_nmi(uint32_t apic_id);
void arch_ipi_init(uint32_t apic_id);
void arch_ipi_startup(uint32_t apic_id, uint32_t page);
void arch_lapic_timer_calibrate(unsigned hz);
void arch_lapic_timer_start(void);
/* INIT-SIPI-SIPI: the AP runs entry(arg) on stack_top and sets *up; 0, or -1 if it never did. */
int  arch_ap_start(uint32_t apic_id, uint32_t stack_top, void (*entry)(void *), void *arg,
		   volatile int *up);
void arch_cpu_relax(void);

int  arch_cpu_check(const char **missing);
void arch_paging_enable(uint32_t pgdir_pa);
uint32_t arch_fault_addr(void);
void arch_halt_forever(void) __attribute__((noreturn));
void arch_idle_wait(void);
/* The kernel runs with interrupts off (KASSERTs where code relies on it). */
int  arch_irqs_disabled(void);
void arch_shutdown(int code) __attribute__((noreturn));
uint64_t arch_cycles(void);
uint32_t arch_frame_pointer(void);

/*
 * Port I/O on the devices the kernel drives itself (kernel/dma/: the IDE
 * bus master, PCI configuration), width 1, 2 or 4 bytes.
 */
uint32_t arch_io_read(uint16_t port, unsigned width);
void arch_io_write(uint16_t port, unsigned width, uint32_t value);

/* A fresh ring-3 frame: flat user segments, entry point, stack, eflags. */
void arch_user_frame_init(struct trapframe *tf, uint32_t entry, uint32_t user_esp,
			  uint32_t eflags);
/* Builds the initial kernel stack of a task that will enter ring 3. */
uint32_t arch_task_stack_init(uint32_t kstack_top, uint32_t entry, uint32_t user_esp);
/*
 * A saved context as arch_switch (entry.S) leaves it and pops it: the
 * callee-saved registers it pushes, lowest first, and its return address.
 */
struct switch_frame {
	uint32_t edi, esi, ebx, ebp;
	uint32_t eip;
};

/* A context just below `below` that arch_switch resumes at eip (ebp 0 ends backtraces). */
static inline uint32_t arch_switch_frame(uint32_t below, const void *eip)
{
	struct switch_frame *f = (struct switch_frame *)below - 1;
	*f = (struct switch_frame){ .eip = (uint32_t)eip };
	return (uint32_t)f;
}

/*
 * A saved context (for arch_switch) that leaves to ring 3 through the trap
 * frame already at the top of the stack, via task_resume_run(): for a task
 * that blocked in the IPC fast path without a kernel call chain.
 */
static inline uint32_t arch_resume_context(uint32_t kstack_top)
{
	extern char task_resume_return[];
	struct switch_frame *f = (struct switch_frame *)(kstack_top - sizeof(struct trapframe)) - 1;
	/*
	 * Only the two words that matter, on every fast-path switch: the
	 * registers edi, esi and ebx would get are never read (trapret
	 * reloads every register from the trap frame), and ebp 0 ends
	 * backtraces as in arch_switch_frame.
	 */
	f->ebp = 0;
	f->eip = (uint32_t)task_resume_return;
	return (uint32_t)f;
}
/* Leaves to ring 3 through tf, on tf's own kernel stack; the current stack is abandoned. */
void arch_resume_user(struct trapframe *tf) __attribute__((noreturn));
/* The same from a system call's entry, holding the big lock at depth 1 (the IPC fast path). */
void arch_leave_syscall(struct trapframe *tf) __attribute__((noreturn, regparm(1)));
/* Builds the initial kernel stack of a ring-0 thread running fn(). */
uint32_t arch_kthread_stack_init(uint32_t kstack_top, void (*fn)(void));
void arch_switch(uint32_t *save_ksp, uint32_t new_ksp);

extern char sysenter_entry[], sysenter_entry_end[];

/*
 * PCI configuration mechanism #1 (ports 0xCF8-0xCFF, the kernel's): the
 * register of width 1, 2 or 4 at addr = function << 8 | offset, offset a
 * multiple of width.  The caller checked addr and width (iocap/pciguard.h).
 */
uint32_t arch_pci_cfg_read(uint32_t addr, unsigned width);
void arch_pci_cfg_write(uint32_t addr, unsigned width, uint32_t value);

/*
 * Benchmarks only (kernel/debug/bench.c), on this CPU: which gate (BENCH_GATE_x)
 * returns at once; the ring-0 `in` loop (count > 0 iterations, with or
 * without the `in` on BENCH_PORT), its TSC delta; one `in` of width 1 or 2.
 */
void arch_bench_gate(unsigned which);
uint32_t arch_bench_in_loop(uint32_t count, int with_in);
uint32_t arch_port_in(uint16_t port, unsigned width);
/* The TSC's low word, for the bench calls that time themselves (bench_ipi). */
uint32_t arch_bench_tsc(void);

#endif
