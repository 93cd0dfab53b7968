/*
 * pit.c - the 8254 timer, channel 0 in rate-generator mode: the kernel's
 * preemption tick.  It stays the kernel's; drivers never get IRQ 0.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"

#define PIT_HZ 1193182u

void arch_timer_init(unsigned hz)
{
	uint32_t div = PIT_HZ / hz;
	outb(IOPORT(0x43), 0x34);          /* channel 0, lo/hi, mode 2 */
	outb(IOPORT(0x40), (uint8_t)div);
	outb(IOPORT(0x40), (uint8_t)(div >> 8));
	arch_irq_unmask(0);
}
