/*
 * isadma.c - the byte port accesses the ISA DMA engine
 * (kernel/dma/isa8237.c) makes to the 8237 and its page registers: generic
 * code reaches ports only through arch_* hooks, and these are the only
 * ports it drives itself.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"

void arch_isa_dma_out(uint16_t port, uint8_t val)
{
	outb(IOPORT(port), val);
}

uint8_t arch_isa_dma_in(uint16_t port)
{
	return inb(IOPORT(port));
}
