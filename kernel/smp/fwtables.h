/*
 * fwtables.h - what the firmware says about the processors: the Intel MP
 * table (its floating pointer in the EBDA, the last KiB of base memory or
 * the BIOS ROM), with ACPI's MADT as the fallback.  The parser is pure: it
 * reads physical memory only through the window the caller passes, and
 * trusts nothing it finds there (every checksum, length and count is
 * checked), since a firmware table is input like any other.  The kernel
 * (kernel/smp/smp.c) and the host tests (tests/unit/test_fwtables.c) both
 * drive it.
 */
#ifndef KERNEL_SMP_FWTABLES_H
#define KERNEL_SMP_FWTABLES_H

#include <stdint.h>

#define FW_MAX_CPUS 8      /* the CPUs kept; more are counted in ncpus_found only */
#define FW_ISA_IRQS 16

/*
 * Physical memory as the parser sees it: map returns len readable bytes
 * at pa, or 0 when the range is not there (past the identity map, or
 * wrapping).  The tables are only read.
 */
struct fw_mem {
	const uint8_t *(*map)(void *ctx, uint32_t pa, uint32_t len);
	void *ctx;
};

enum fw_source { FW_NONE, FW_MPTABLE, FW_MADT };

/* Where an ISA IRQ arrives at the IOAPIC, and how (MP/ACPI flag bits: polarity 0-1, trigger 2-3). */
struct fw_isa_route {
	uint32_t gsi;
	uint16_t flags;
};

struct fw_config {
	enum fw_source source;
	uint32_t ncpus;                   /* enabled CPUs kept in lapic_id[] */
	uint32_t ncpus_found;             /* enabled CPUs the table lists, kept or not */
	uint8_t lapic_id[FW_MAX_CPUS];
	int bsp_index;                    /* lapic_id[] index of the boot CPU, -1 if unsaid */
	uint32_t lapic_addr;
	uint32_t ioapic_addr;             /* the first IOAPIC; 0 if none */
	uint8_t ioapic_id;
	uint32_t ioapic_gsi_base;
	struct fw_isa_route isa[FW_ISA_IRQS]; /* identity, flags 0, unless overridden */
	int imcr;                         /* MP: the firmware left the 8259s wired to the CPU (IMCRP, PIC mode) */
};

/*
 * Fills c from the MP table, else the MADT.  ebda_pa is the EBDA's
 * address from the BIOS data area (0 if unknown), base_kib the base
 * memory size it records.  Returns 0, or -1 when neither table is found
 * whole (c then says FW_NONE and one CPU is assumed by the caller).
 */
int fw_tables_parse(const struct fw_mem *m, uint32_t ebda_pa, uint32_t base_kib,
		    struct fw_config *c);

/* The pieces, for the tests: each returns 0 and fills c, or -1. */
int fw_mp_parse(const struct fw_mem *m, uint32_t ebda_pa, uint32_t base_kib, struct fw_config *c);
int fw_madt_parse(const struct fw_mem *m, uint32_t ebda_pa, struct fw_config *c);

#endif
