/*
 * smp.c - bringing up the processors: the boot CPU reads the firmware's
 * tables (the window fwtables.c reads physical memory through, and the
 * boot log line the tests look for, "smp: N CPUs (MP table), IOAPIC at
 * ..."), turns on its local APIC, and starts each other CPU in turn,
 * which sets itself up (ap_main) and joins the scheduler.
 */
#include "kernel/smp/smp.h"
#include "kernel/smp/cpu.h"
#include "arch/i386/arch.h"
#include "kernel/lib.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/fpu.h"
#include "kernel/proc/sched.h"
#include "kernel/smp/lock.h"

#define BDA_EBDA_SEG  0x40E   /* BIOS data area: the EBDA's segment */
#define BDA_BASE_KIB  0x413   /* BIOS data area: base memory in KiB */

_Static_assert(FW_MAX_CPUS == MAX_CPUS, "the tables keep as many CPUs as the kernel has structs for");

struct fw_config smp_fw;

/*
 * Identity: paging is still off, so any physical address reads as itself;
 * the ACPI tables sit in reserved RAM past the free memory's top, where a
 * later window would not reach.  Only a range that wraps is refused.
 * noinline: GCC takes a constant address below 4 KiB (the BIOS data area)
 * for a null-pointer offset and refuses it.
 */
static __attribute__((noinline)) const uint8_t *phys_window(void *ctx, uint32_t pa, uint32_t len)
{
	(void)ctx;
	if (pa + len < pa)
		return 0;
	return (const uint8_t *)pa;
}

void smp_tables_init(void)
{
	const struct fw_mem m = { phys_window, 0 };
	const uint8_t *bda_ebda = phys_window(0, BDA_EBDA_SEG, 2);
	const uint8_t *bda_base = phys_window(0, BDA_BASE_KIB, 2);
	uint32_t ebda = ((uint32_t)bda_ebda[0] | (uint32_t)bda_ebda[1] << 8) << 4;
	uint32_t base_kib = (uint32_t)bda_base[0] | (uint32_t)bda_base[1] << 8;
	static const char *const source[] = { "none", "MP table", "MADT" };

	if (fw_tables_parse(&m, ebda, base_kib, &smp_fw)) {
		kprintf("smp: neither an MP table nor a MADT: 1 CPU\n");
		return;
	}
	kprintf("smp: %u CPUs (%s), IOAPIC at 0x%08x, LAPIC at 0x%08x\n", smp_fw.ncpus,
		source[smp_fw.source], smp_fw.ioapic_addr, smp_fw.lapic_addr);
	if (smp_fw.ncpus_found > smp_fw.ncpus)
		kprintf("smp: %u more CPUs listed than the kernel keeps (FW_MAX_CPUS %u)\n",
			smp_fw.ncpus_found - smp_fw.ncpus, FW_MAX_CPUS);
}

/* Each AP's stack until its first switch (sched_start); its idle thread has its own. */
static uint8_t ap_boot_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));

/*
 * An AP's first C: paging on with the kernel's directory, its own GDT,
 * TSS, IDT, FPU and APIC, its idle thread, its tick; it reports in (the
 * boot CPU waits for online), then waits for the big lock like any
 * kernel entry and schedules.
 */
static void __attribute__((noreturn)) ap_main(void *arg)
{
	struct cpu *c = arg;
	arch_paging_enable(vm_kernel_pgdir());
	cpu_init(c, c->id);
	fpu_init_cpu(c);
	arch_idt_load();
	arch_lapic_init_cpu();
	sched_init_cpu();
	arch_lapic_timer_start();
	__atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
	kernel_lock();
	sched_start();
}

void smp_start(unsigned hz)
{
	struct cpu *boot = &cpus[0];
	KASSERT(kernel_lock_held());
	boot->online = 1;
	if (smp_fw.ncpus == 0 || arch_lapic_init(smp_fw.lapic_addr)) {
		kprintf("smp: no local APIC in use: 1 CPU\n");
		return;
	}
	boot->apic_id = arch_lapic_boot_id();
	arch_lapic_timer_calibrate(hz);
	smp_irq_symmetric();
	for (uint32_t i = 0; i < smp_fw.ncpus && ncpus_online < MAX_CPUS; i++) {
		uint32_t apic_id = smp_fw.lapic_id[i];
		if (apic_id == boot->apic_id)
			continue;
		struct cpu *c = &cpus[ncpus_online];
		c->id = ncpus_online;
		c->apic_id = apic_id;
		uint32_t top = (uint32_t)(ap_boot_stacks[c->id] + sizeof(ap_boot_stacks[0]));
		if (arch_ap_start(apic_id, top, ap_main, c, &c->online)) {
			kprintf("smp: the CPU with LAPIC id %u did not start: it stays off\n", apic_id);
			break;
		}
		ncpus_online++;
		kprintf("smp: cpu%u up, LAPIC id %u\n", c->id, apic_id);
	}
	kprintf("smp: %u CPUs schedule tasks\n", ncpus_online);
}
