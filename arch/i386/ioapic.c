/*
 * ioapic.c - the I/O APIC (82093AA), through its two registers: IOREGSEL
 * selects, IOWIN reads and writes.  It sits in the kernel's uncached
 * device page (kernel/mm/layout.h) at the address the firmware's tables
 * give.  What goes into each redirection entry is irqchip.c's choice,
 * encoded by ioredir.c; this file only moves the words.
 */
#include "arch/i386/irqchip.h"
#include "arch/i386/ioredir.h"
#include "kernel/lib.h"
#include "kernel/mm/layout.h"

#define IOREGSEL     0x00     /* byte offsets */
#define IOWIN        0x10
#define IOAPIC_VER   0x01     /* registers */
#define IOAPIC_REDIR 0x10     /* pin n: 0x10 + 2n (low word), 0x11 + 2n (high) */
#define LAPIC_PAGE   0xFEE00000u

static volatile uint32_t *regs;
static uint32_t npins;

static uint32_t rd(uint32_t reg)
{
	regs[IOREGSEL / 4] = reg;
	return regs[IOWIN / 4];
}

static void wr(uint32_t reg, uint32_t v)
{
	regs[IOREGSEL / 4] = reg;
	regs[IOWIN / 4] = v;
}

/*
 * 0 with every pin masked, or -1: phys outside the device page below the
 * local APIC, or nothing answering there (an absent IOAPIC reads all ones).
 */
int ioapic_init(uint32_t phys)
{
	if (phys < KERNEL_DEVICE_BASE || phys >= LAPIC_PAGE || (phys & 0x3F))
		return -1;
	regs = (volatile uint32_t *)phys;
	uint32_t ver = rd(IOAPIC_VER);
	npins = ioredir_pins(ver);
	if (ver == 0xFFFFFFFFu || npins > 240) {
		regs = 0;
		npins = 0;
		return -1;
	}
	for (uint32_t pin = 0; pin < npins; pin++)
		ioapic_set_masked(pin, 1);
	return 0;
}

uint32_t ioapic_pins(void)
{
	return npins;
}

/*
 * A whole entry: masked first, so the pin never fires half-written (the
 * destination new, the vector old), then the destination, then the rest.
 */
void ioapic_write(uint32_t pin, uint32_t lo, uint32_t hi)
{
	KASSERT(pin < npins);
	wr(IOAPIC_REDIR + 2 * pin, rd(IOAPIC_REDIR + 2 * pin) | IOREDIR_MASKED);
	wr(IOAPIC_REDIR + 2 * pin + 1, hi);
	wr(IOAPIC_REDIR + 2 * pin, lo);
}

void ioapic_set_masked(uint32_t pin, int masked)
{
	KASSERT(pin < npins);
	uint32_t lo = rd(IOAPIC_REDIR + 2 * pin);
	wr(IOAPIC_REDIR + 2 * pin, masked ? lo | IOREDIR_MASKED : lo & ~IOREDIR_MASKED);
}
