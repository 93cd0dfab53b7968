/*
 * pciguard.h - which PCI configuration accesses a task may make through
 * the kernel (pci_cfg_read, pci_cfg_write; abi/syscalls.h).  Without an
 * IOMMU, three things in configuration space would let a driver aim a
 * device at any physical memory: COMMAND's bus-master enable (the device
 * may then start DMA from its own registers, which no kernel check saw),
 * the BARs (a BAR moved onto ports or memory the driver holds hands it
 * the device's DMA registers, or moves the device onto the kernel's), and
 * the expansion ROM BAR.  So the kernel alone writes those; everything
 * else in the 256 bytes stays the driver's.  Pure C, host-tested.
 */
#ifndef IOCAP_PCIGUARD_H
#define IOCAP_PCIGUARD_H

#include <stdint.h>

#define PCIGUARD_SPACE    256u     /* configuration mechanism #1 reaches offsets 0..0xFF */
#define PCIGUARD_COMMAND  0x04u
#define PCIGUARD_BME      0x04u    /* COMMAND bit 2: bus-master enable */

/*
 * The shape of an access at addr = function << 8 | offset: width 1, 2 or
 * 4 and offset a multiple of it (-E_INVAL), addr below 1 << 24 (-E_RANGE).
 * 0 if it is well formed.
 */
int pciguard_access(uint32_t addr, uint32_t width);

/*
 * A write of value (its low width bytes) at addr: pciguard_access's checks,
 * then -E_PERM if any byte written lies in a BAR (0x10-0x27), the
 * expansion ROM BAR (0x30-0x33) or a bridge's ROM BAR (0x38-0x3B), or if
 * the byte at offset 0x04 is written with bus-master enable set.
 */
int pciguard_write(uint32_t addr, uint32_t width, uint32_t value);

/*
 * The dword configuration mechanism #1 takes at 0xCF8 for addr: enable,
 * function, and the offset's dword (its low two bits pick a byte of the
 * data port 0xCFC-0xCFF instead).
 */
static inline uint32_t pciguard_mech1(uint32_t addr)
{
	return 0x80000000u | (addr & 0xFFFFFCu);
}

/* The function (bus << 8 | dev << 3 | fn) and offset of a well-formed addr. */
static inline uint32_t pciguard_fn(uint32_t addr)
{
	return addr >> 8;
}

static inline uint32_t pciguard_offset(uint32_t addr)
{
	return addr & 0xFFu;
}

#endif
