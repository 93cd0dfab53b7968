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
 *
 * An 8259 keeps an edge that comes while its line is masked (IRR) and
 * raises it at the unmask; an IOAPIC pin drops it (82093AA datasheet,
 * 3.2.4; QEMU does the same), and a disk's completion would be lost while
 * its driver still holds the line.  So an edge-triggered line is masked
 * lazily, as Linux does: its pin stays open, an edge that arrives while
 * the line is masked is remembered (and the pin closed, so one is kept,
 * as in IRR), and the unmask raises it again with a fixed IPI of the
 * line's vector to the line's CPU.  A level-triggered line is masked at
 * its pin: it stays asserted and comes again by itself.
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
static uint16_t pin_closed;          /* symmetric mode: bit n, IRQ n's pin has its mask bit set */
static uint16_t pending;             /* symmetric mode: an edge came while IRQ n was masked */
static int symmetric;
static struct isa_source src[ISA_IRQS];

void arch_pic_init(void)
{
	pic_init(masked);
}

static void write_entry(int irq)
{
	const struct isa_source *s = &src[irq];
	ioapic_write(s->pin, ioredir_low((uint8_t)(T_IRQ0 + irq), s->flags, pin_closed >> irq & 1),
		     ioredir_high((uint8_t)s->apic_id));
}

static void close_pin(int irq, int closed)
{
	uint16_t bit = (uint16_t)(1u << irq);
	if (!!(pin_closed & bit) == closed)
		return;
	pin_closed = closed ? pin_closed | bit : pin_closed & (uint16_t)~bit;
	ioapic_set_masked(src[irq].pin, closed);
}

static int edge(int irq)
{
	return !(ioredir_low(0, src[irq].flags, 0) & IOREDIR_LEVEL);
}

void arch_irq_unmask(int irq)
{
	uint16_t bit = (uint16_t)(1u << irq);
	KASSERT(irq >= 0 && irq < ISA_IRQS && arch_irqs_disabled());
	masked &= (uint16_t)~bit;
	if (!symmetric) {
		pic_set_mask(masked);
		return;
	}
	if (!src[irq].usable)
		return;
	close_pin(irq, 0);
	if (pending & bit) {
		pending &= (uint16_t)~bit;
		arch_ipi_send(src[irq].apic_id, T_IRQ0 + irq);
	}
}

void arch_irq_mask(int irq)
{
	KASSERT(irq >= 0 && irq < ISA_IRQS && arch_irqs_disabled());
	masked |= (uint16_t)(1u << irq);
	if (!symmetric)
		pic_set_mask(masked);
	else if (src[irq].usable && !edge(irq))
		close_pin(irq, 1);
}

/*
 * The interrupts the kernel must not take: an 8259's spurious IRQ 7/15
 * (no EOI), or, in symmetric mode, one on a masked line: an edge (masked
 * lazily) is kept for the unmask, its pin closed meanwhile; a level line
 * (taken just before its pin closed) asserts again by itself.  Either way
 * the local APIC is acknowledged.
 */
int arch_irq_spurious(int irq)
{
	uint16_t bit = (uint16_t)(1u << irq);
	if (!symmetric)
		return pic_spurious(irq);
	if (!(masked & bit))
		return 0;
	if (src[irq].usable) {
		if (edge(irq))
			pending |= bit;
		close_pin(irq, 1);
	}
	arch_lapic_eoi();
	return 1;
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
	pin_closed = masked;
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
