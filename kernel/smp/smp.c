/*
 * smp.c - the boot CPU's reading of the firmware's processor tables: the
 * window fwtables.c reads physical memory through, and the boot log line
 * the tests look for ("smp: N CPUs (MP table), IOAPIC at ...").
 */
#include "kernel/smp/smp.h"
#include "kernel/smp/cpu.h"
#include "kernel/lib.h"

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
