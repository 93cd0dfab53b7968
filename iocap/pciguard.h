/*
 * pciguard.h - which PCI configuration accesses a task may make through
 * the kernel (pci_cfg_read, pci_cfg_write; abi/syscalls.h).  Without an
 * IOMMU, these things in configuration space would let a driver aim a
 * device at physical memory, or stop the kernel's own DMA: COMMAND's
 * bus-master enable (set, the device may start DMA from its own registers,
 * which no kernel check saw; cleared, the kernel's engine stops), the BARs
 * and the expansion ROM BAR (a BAR moved onto ports or memory the driver
 * holds hands it the device's DMA registers, or moves the device onto the
 * kernel's), a bridge's bus numbers and windows (which addresses reach
 * which bus), and the MSI and MSI-X capabilities (an MSI is a DMA write of
 * the message data to the message address).  So the kernel alone writes
 * those; everything else in the 256 bytes stays the driver's.  Pure C,
 * host-tested.
 */
#ifndef IOCAP_PCIGUARD_H
#define IOCAP_PCIGUARD_H

#include <stdint.h>

#include "iocap/pcireg.h"

#define PCIGUARD_SPACE    256u     /* configuration mechanism #1 reaches offsets 0..0xFF */

/*
 * What the write rule needs of the function as it is just before the
 * write, read by the kernel (pciguard_now_read): the rule depends on it,
 * so the caller reads it under the same lock as the write.
 */
struct pciguard_now {
	uint16_t command;                     /* COMMAND */
	uint8_t msi[PCIGUARD_SPACE / 8];      /* a bit per byte of an MSI or MSI-X capability */
};

/*
 * The shape of an access at addr = function << 8 | offset: width 1, 2 or
 * 4 and offset a multiple of it (-E_INVAL), addr below 1 << 24 (-E_RANGE).
 * 0 if it is well formed.
 */
int pciguard_access(uint32_t addr, uint32_t width);

/*
 * Function fn as pciguard_write needs it: COMMAND, and every byte of each
 * MSI and MSI-X capability its list names (iocap/pcicap.h).
 */
void pciguard_now_read(const struct pci_access *pa, uint32_t fn, struct pciguard_now *now);

/*
 * A write of value (its low width bytes) at addr to a function that is as
 * now says: pciguard_access's checks, then -E_PERM if any byte written
 * lies in a BAR or a bridge's bus numbers and windows (0x10-0x2F), the
 * expansion ROM BAR or a bridge's upper window halves (0x30-0x33), a
 * bridge's ROM BAR (0x38-0x3B) or an MSI or MSI-X capability, or if the
 * byte at offset 0x04 is written with bus-master enable other than it is.
 */
int pciguard_write(uint32_t addr, uint32_t width, uint32_t value, const struct pciguard_now *now);

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
