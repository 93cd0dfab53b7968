/*
 * irqchip.c - which controller the arch_irq_* hooks drive.  At boot the
 * 8259 pair delivers every IRQ to the boot CPU (its LINT0, ExtINT); once
 * the kernel has found an IOAPIC and the local APICs are on, it switches
 * the machine to symmetric I/O mode (MP specification 3.6.2.3): the 8259s
 * masked whole, each ISA IRQ through the IOAPIC pin the tables name, with
 * its own vector (T_IRQ0 + irq, as before) and a destination CPU of its
 * own, acknowledged at the local APIC.  Without an IOAPIC nothing
 * changes.  The mask state is kept here, so a line keeps it across the
 * switch.
 */
#include "arch/i386/arch.h"
#include "arch/i386/irqchip.h"
#include "arch/i386/ioredir.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"
#include "kernel/lib.h"

#define ISA_IRQS 16
#define IMCR_SELECT IOPORT(0x22)
#define IMCR_DATA   IOPORT(0x23)

/* Where an ISA IRQ enters the IOAPIC, and the CPU it goes to. */
struct isa_source {
	int usable;
	uint32_t pin;
	uint16_t flags;      /* MP/ACPI polarity and trigger (ioredir.h) */
	uint32_t apic_id;
};

static uint16_t masked = 0xFFFB;     /* bit n: IRQ n masked; at first all but the cascade */
static int symmetric;
static struct isa_source src[ISA_IRQS];

void arch_pic_init(void)
{
	pic_init(masked);
}

static void write_entry(int irq)
{
	const struct isa_source *s = &src[irq];
	ioapic_write(s->pin, ioredir_low((uint8_t)(T_IRQ0 + irq), s->flags, masked >> irq & 1),
		     ioredir_high((uint8_t)s->apic_id));
}

static void set_masked(int irq, int on)
{
	KASSERT(irq >= 0 && irq < ISA_IRQS && arch_irqs_disabled());
	if (on)
		masked |= (uint16_t)(1u << irq);
	else
		masked &= (uint16_t)~(1u << irq);
	if (!symmetric)
		pic_set_mask(masked);
	else if (src[irq].usable)
		ioapic_set_masked(src[irq].pin, on);
}

void arch_irq_unmask(int irq)
{
	set_masked(irq, 0);
}

void arch_irq_mask(int irq)
{
	set_masked(irq, 1);
}

/* Only the 8259s raise spurious IRQ 7/15; the local APIC's spurious vector is T_LAPIC_SPURIOUS. */
int arch_irq_spurious(int irq)
{
	return symmetric ? 0 : pic_spurious(irq);
}

void arch_irq_eoi(int irq)
{
	if (symmetric)
		arch_lapic_eoi();
	else
		pic_eoi(irq);
}

int arch_ioapic_init(uint32_t phys)
{
	KASSERT(!symmetric);
	return ioapic_init(phys);
}

int arch_irq_source(int irq, uint32_t pin, uint16_t flags)
{
	KASSERT(irq >= 0 && irq < ISA_IRQS && !symmetric);
	if (pin >= ioapic_pins())
		return -1;
	for (int other = 0; other < ISA_IRQS; other++)
		if (other != irq && src[other].usable && src[other].pin == pin)
			return -1;
	src[irq] = (struct isa_source){ .usable = 1, .pin = pin, .flags = flags };
	return 0;
}

/*
 * The 8259s masked first (and, on a machine the firmware left in PIC
 * mode, cut off from the CPU at the IMCR), then LINT0 closed to them, then
 * the IOAPIC's entries opened as the lines were: no IRQ is taken twice,
 * and none that was unmasked stays shut.
 */
void arch_irq_symmetric(uint32_t apic_id, int imcr)
{
	KASSERT(!symmetric && ioapic_pins() && arch_irqs_disabled());
	pic_set_mask(0xFFFF);
	if (imcr) {
		outb(IMCR_SELECT, 0x70);
		outb(IMCR_DATA, 0x01);     /* INTR and NMI through the APIC */
	}
	arch_lapic_extint(0);
	symmetric = 1;
	for (int irq = 0; irq < ISA_IRQS; irq++) {
		if (!src[irq].usable)
			continue;
		src[irq].apic_id = apic_id;
		write_entry(irq);
	}
}

int arch_irq_steerable(int irq)
{
	return irq >= 0 && irq < ISA_IRQS && symmetric && src[irq].usable;
}

void arch_irq_route(int irq, uint32_t apic_id)
{
	KASSERT(arch_irq_steerable(irq) && arch_irqs_disabled());
	src[irq].apic_id = apic_id;
	write_entry(irq);
}
