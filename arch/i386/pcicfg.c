/*
 * pcicfg.c - PCI configuration mechanism #1 from ring 0: the address goes
 * to 0xCF8, the data is at 0xCFC-0xCFF.  These ports are the kernel's
 * (kernel/object/kports.h) and every caller holds the big kernel lock, so
 * no other CPU can write another address between a caller's address and
 * its data access.
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"
#include "iocap/pciguard.h"

#define CFG_ADDRESS 0xCF8
#define CFG_DATA    0xCFC

/* addr = function << 8 | offset (abi/syscalls.h PCICFG_ADDR); the dword holding offset. */
static void select(uint32_t addr)
{
	outl(IOPORT(CFG_ADDRESS), pciguard_mech1(addr));
}

uint32_t arch_pci_cfg_read(uint32_t addr, unsigned width)
{
	ioport_t data = IOPORT(CFG_DATA + (addr & 3));
	select(addr);
	return width == 4 ? inl(data) : width == 2 ? inw(data) : inb(data);
}

void arch_pci_cfg_write(uint32_t addr, unsigned width, uint32_t value)
{
	ioport_t data = IOPORT(CFG_DATA + (addr & 3));
	select(addr);
	switch (width) {
	case 4: outl(data, value); break;
	case 2: outw(data, (uint16_t)value); break;
	default: outb(data, (uint8_t)value); break;
	}
}
