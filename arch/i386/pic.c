/*
 * pic.c - the two 8259A PICs, remapped to vectors 32-47 so IRQs cannot be
 * confused with CPU exceptions.  They deliver every IRQ until the machine
 * switches to the IOAPIC (irqchip.c), and stay initialised, all masked,
 * after it.
 */
#include "arch/i386/irqchip.h"
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"

#define PIC1_CMD  IOPORT(0x20)
#define PIC1_DATA IOPORT(0x21)
#define PIC2_CMD  IOPORT(0xA0)
#define PIC2_DATA IOPORT(0xA1)

void pic_set_mask(uint16_t mask)
{
	outb(PIC1_DATA, (uint8_t)mask);
	outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(uint16_t mask)
{
	outb(PIC1_DATA, 0xFF);
	outb(PIC2_DATA, 0xFF);
	outb(PIC1_CMD, 0x11);          /* ICW1: edge, cascade, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, T_IRQ0);       /* ICW2: vector base */
	outb(PIC2_DATA, T_IRQ0 + 8);
	outb(PIC1_DATA, 0x04);         /* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);         /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_CMD, 0x0A);          /* OCW3: reads of CMD return the ISR */
	outb(PIC2_CMD, 0x0A);
	pic_set_mask(mask);
}

/*
 * A spurious IRQ 7/15 is raised without setting its ISR bit and must not be
 * acknowledged on that PIC (for 15 the master still saw a real cascade IRQ).
 */
int pic_spurious(int irq)
{
	if (irq == 7) {
		outb(PIC1_CMD, 0x0B);
		return !(inb(PIC1_CMD) & 0x80);
	}
	if (irq == 15) {
		outb(PIC2_CMD, 0x0B);
		if (!(inb(PIC2_CMD) & 0x80)) {
			outb(PIC1_CMD, 0x20);
			return 1;
		}
	}
	return 0;
}

void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, 0x20);
	outb(PIC1_CMD, 0x20);
}
