/*
 * pit.c - the 8254 timer, channel 0 in rate-generator mode: the kernel's
 * preemption tick.  It stays the kernel's; drivers never get IRQ 0.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"

#define PIT_HZ 1193182u

static uint32_t pit_div;

void arch_timer_init(unsigned hz)
{
	uint32_t div = PIT_HZ / hz;
	pit_div = div;
	outb(IOPORT(0x43), 0x34);          /* channel 0, lo/hi, mode 2 */
	outb(IOPORT(0x40), (uint8_t)div);
	outb(IOPORT(0x40), (uint8_t)(div >> 8));
	arch_irq_unmask(0);
}

/* Channel 0's count now (it counts down from pit_div to 1, then reloads). */
static uint32_t pit_count(void)
{
	outb(IOPORT(0x43), 0x00);          /* latch channel 0 */
	uint32_t lo = inb(IOPORT(0x40));
	return lo | (uint32_t)inb(IOPORT(0x40)) << 8;
}

/*
 * Waits us microseconds by watching channel 0 count (arch_timer_init
 * first), with interrupts off: for the APs' start-up and the APIC timer's
 * calibration, before any tick is taken.  A reading of one period or more
 * apart is lost, so the loop only reads.
 */
void arch_delay_us(uint32_t us)
{
	uint64_t want = (uint64_t)us * PIT_HZ / 1000000u, gone = 0;
	uint32_t last = pit_count();
	while (gone < want) {
		uint32_t now = pit_count();
		gone += now <= last ? last - now : last + pit_div - now;
		last = now;
		cpu_relax();            /* QEMU -icount: the CPU being started gets its turn */
	}
}
