/*
 * irqchip.h - the two interrupt controllers behind the arch_irq_* hooks
 * (arch/i386/irqchip.c chooses): the 8259 pair (pic.c), and the IOAPIC
 * (ioapic.c) once the machine runs in symmetric I/O mode.  Inside
 * arch/i386 only.
 */
#ifndef ARCH_I386_IRQCHIP_H
#define ARCH_I386_IRQCHIP_H

#include <stdint.h>

/* pic.c: mask bit n masks IRQ n. */
void pic_init(uint16_t mask);
void pic_set_mask(uint16_t mask);
int  pic_spurious(int irq);
void pic_eoi(int irq);

/* ioapic.c: pins count from 0 (the tables' GSI less the IOAPIC's base). */
int  ioapic_init(uint32_t phys);
uint32_t ioapic_pins(void);
void ioapic_write(uint32_t pin, uint32_t lo, uint32_t hi);
void ioapic_set_masked(uint32_t pin, int masked);

#endif
