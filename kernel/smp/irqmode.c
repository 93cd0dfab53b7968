/*
 * irqmode.c - the switch from the 8259s to the IOAPIC (docs/smp.md,
 * "Interrupt routing"), from what the firmware's tables say: the
 * IOAPIC's address and pin base, and for each ISA IRQ its pin and
 * polarity/trigger.  Every line goes to the boot CPU, the PIT's tick
 * included (it drives global time); irq_route (kernel/object/irq.c) may
 * send a driver's line elsewhere afterwards.
 */
#include "kernel/smp/smp.h"
#include "kernel/smp/cpu.h"
#include "arch/i386/arch.h"
#include "kernel/lib.h"

#define IRQ_CASCADE 2    /* the 8259s' own wire: no device's, never routed */

int smp_no_ioapic;

void smp_irq_symmetric(void)
{
	if (smp_no_ioapic || !smp_fw.ioapic_addr || arch_ioapic_init(smp_fw.ioapic_addr)) {
		kprintf("ioapic: none in use: IRQs reach cpu0 through the 8259s\n");
		return;
	}
	uint32_t lost = 0;
	for (int irq = 0; irq < FW_ISA_IRQS; irq++) {
		const struct fw_isa_route *r = &smp_fw.isa[irq];
		if (irq == IRQ_CASCADE)
			continue;
		if (r->gsi < smp_fw.ioapic_gsi_base ||
		    arch_irq_source(irq, r->gsi - smp_fw.ioapic_gsi_base, r->flags))
			lost |= 1u << irq;
	}
	if (lost & 1u) {
		kprintf("ioapic: no pin for the timer's IRQ 0: IRQs stay on the 8259s\n");
		return;
	}
	arch_irq_symmetric(cpus[0].apic_id, smp_fw.imcr);
	kprintf("ioapic: symmetric I/O mode, ISA IRQs to cpu0 (IRQ 0 on pin %u)%s\n",
		smp_fw.isa[0].gsi - smp_fw.ioapic_gsi_base, smp_fw.imcr ? ", IMCR switched" : "");
	for (int irq = 0; irq < FW_ISA_IRQS; irq++)
		if (lost >> irq & 1u)
			kprintf("ioapic: IRQ %d has no pin of its own: it stays masked\n", irq);
}
