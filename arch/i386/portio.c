/*
 * portio.c - port I/O for the kernel's generic code, which may not use
 * inline assembly: the DMA engines the kernel programs itself
 * (kernel/dma/) and the PCI configuration reads that find them.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"

uint32_t arch_io_read(uint16_t port, unsigned width)
{
	if (width == 4)
		return inl(IOPORT(port));
	return width == 2 ? inw(IOPORT(port)) : inb(IOPORT(port));
}

void arch_io_write(uint16_t port, unsigned width, uint32_t value)
{
	if (width == 4)
		outl(IOPORT(port), value);
	else if (width == 2)
		outw(IOPORT(port), (uint16_t)value);
	else
		outb(IOPORT(port), (uint8_t)value);
}
