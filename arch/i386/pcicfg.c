/*
 * pcicfg.c - PCI configuration mechanism #1 from ring 0: the address goes
 * to 0xCF8, the data is at 0xCFC-0xCFF.  These ports are the kernel's
 * (kernel/object/kports.h) and every caller holds the big kernel lock, so
 * no other CPU can write another address between a caller's address and
 * its data access.
 */
#include "arch/i386/arch.h"
#include "iocap/pciguard.h"

#define CFG_ADDRESS 0xCF8
#define CFG_DATA    0xCFC

/* addr = function << 8 | offset (abi/syscalls.h PCICFG_ADDR); its low two bits pick the data byte. */
uint32_t arch_pci_cfg_read(uint32_t addr, unsigned width)
{
	arch_io_write(CFG_ADDRESS, 4, pciguard_mech1(addr));
	return arch_io_read((uint16_t)(CFG_DATA + (addr & 3)), width);
}

void arch_pci_cfg_write(uint32_t addr, unsigned width, uint32_t value)
{
	arch_io_write(CFG_ADDRESS, 4, pciguard_mech1(addr));
	arch_io_write((uint16_t)(CFG_DATA + (addr & 3)), width, value);
}
