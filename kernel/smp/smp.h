/*
 * smp.h - what the kernel learned about the machine's processors at boot
 * (the firmware's MP table or MADT, kernel/smp/fwtables.h), kept for the
 * local APIC, the IOAPIC and AP bring-up that use it.
 */
#ifndef KERNEL_SMP_SMP_H
#define KERNEL_SMP_SMP_H

#include "kernel/smp/fwtables.h"

extern struct fw_config smp_fw;

/*
 * Reads the firmware's tables and logs what they say.  Runs before paging
 * is on (vm_init leaves page 0, where the BIOS data area is, unmapped, and
 * maps no reserved RAM past the free memory, where the MADT is), so
 * physical memory is read as it is.
 */
void smp_tables_init(void);

/*
 * The boot CPU's local APIC, its timer's calibration against the PIT
 * (arch_timer_init first), then every other CPU the tables name, one at a
 * time; each schedules tasks once the boot CPU releases the big lock,
 * which it holds here.
 */
void smp_start(unsigned hz);

/*
 * Symmetric I/O mode when the tables name an IOAPIC (kernel/smp/irqmode.c):
 * every ISA IRQ through it to the boot CPU, the 8259s masked; otherwise
 * they keep delivering.  On the boot CPU, its local APIC on, interrupts off.
 */
void smp_irq_symmetric(void);
/* The boot word `noioapic`: the 8259s keep delivering (their path tested on an SMP machine). */
extern int smp_no_ioapic;

#endif
