/*
 * panic.c - the last words of the kernel: a readable report (message,
 * registers of the faulting frame, CR2, a symbolic backtrace along the
 * saved frame pointers) and a halt.  Only ring-0 faults and broken kernel
 * invariants get here; ring-3 faults are contained in trap.c.
 */
#include "arch/i386/arch.h"
#include "arch/i386/trapframe.h"
#include "kernel/debug/ksyms.h"
#include "kernel/lib.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/smp/ipi.h"
#include "kernel/debug/sysring.h"

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	const struct ksym *best = 0;
	for (uint32_t i = 0; i < ksym_count; i++) {
		if (ksym_table[i].addr > addr)
			break;
		best = &ksym_table[i];
	}
	if (!best)
		return 0;
	*offset = addr - best->addr;
	return ksym_names + best->name;
}

static void print_addr(uint32_t a)
{
	uint32_t off;
	const char *name = ksym_lookup(a, &off);
	if (name)
		kprintf("  0x%08x %s+0x%x\n", a, name, off);
	else
		kprintf("  0x%08x ?\n", a);
}

/* Frame pointers are only followed while they stay inside kernel memory. */
static void backtrace(uint32_t ebp)
{
	kprintf("backtrace:\n");
	for (int depth = 0; depth < 16 && ebp >= 0x1000 && ebp < 0x40000000u && !(ebp & 3); depth++) {
		const uint32_t *fp = (const uint32_t *)ebp;
		if (!fp[1])
			break;
		print_addr(fp[1]);
		ebp = fp[0];
	}
}

static void dump_frame(const struct trapframe *tf)
{
	kprintf("vector %u error 0x%08x cr2 0x%08x\n", tf->trapno, tf->err, arch_fault_addr());
	kprintf("eax 0x%08x ebx 0x%08x ecx 0x%08x edx 0x%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
	/* pushal saved esp after the segment, trapno/err and eip/cs/eflags pushes. */
	kprintf("esi 0x%08x edi 0x%08x ebp 0x%08x esp 0x%08x\n", tf->esi, tf->edi, tf->ebp,
		tf->oesp + 36);
	kprintf("eip 0x%08x cs 0x%04x eflags 0x%08x\n", tf->eip, tf->cs, tf->eflags);
	kprintf("at:\n");
	print_addr(tf->eip);
}

static void panic_tail(uint32_t ebp) __attribute__((noreturn));
static void panic_tail(uint32_t ebp)
{
	backtrace(ebp);
	sysring_print();
	kprintf("KERNEL PANIC: system halted\n");
	arch_shutdown(0x7f);
}

/*
 * One CPU reports; the others stop where they are (ring 3, idle, or
 * spinning on the big lock its holder will never release), so the
 * report is not interleaved and nothing runs on a broken kernel.  A
 * second CPU that panics meanwhile just stops.
 */
static void stop_the_world(void)
{
	static volatile int panicking;
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
		arch_halt_forever();
	smp_stop_others();
}

void panic(const char *fmt, ...)
{
	va_list ap;
	char buf[160];
	stop_the_world();
	va_start(ap, fmt);
	log_panic_message(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	kprintf("\n*** PANIC: %s\n", buf);
	panic_tail(arch_frame_pointer());
}

void panic_trap(const struct trapframe *tf, const char *what)
{
	stop_the_world();
	log_panic_mode();
	kprintf("\n*** PANIC: %s in kernel mode\n", what);
	dump_frame(tf);
	panic_tail(tf->ebp);
}

static volatile uint32_t selftest_addr;

void __attribute__((noinline)) panic_selftest(void)
{
	kprintf("panic self-test: reading address 0x%08x in ring 0\n", selftest_addr);
	(void)*(volatile uint32_t *)selftest_addr;
	panic("panic self-test: the read did not fault");
}
