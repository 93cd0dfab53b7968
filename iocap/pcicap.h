/*
 * pcicap.h - a PCI function's capability list, walked the way a device
 * cannot lead astray (iocap/pcicap.c).  The kernel walks it at every
 * pci_cfg_write to find the MSI and MSI-X structures it keeps
 * (iocap/pciguard.h), and at boot to switch off what the firmware left
 * enabled (kernel/dma/busmaster.c).  Pure C, host-tested.
 */
#ifndef IOCAP_PCICAP_H
#define IOCAP_PCICAP_H

#include <stdint.h>

#include "iocap/pcireg.h"

/*
 * At most this many entries: a capability takes at least 4 bytes of the
 * 192 after the header, so a longer list goes round a loop (Linux stops
 * its walk after as many, PCI_FIND_CAP_TTL).
 */
#define PCICAP_MAX 48u

struct pcicap {
	uint8_t id, offset;
};

/*
 * The capability list of function fn (bus << 8 | dev << 3 | fn) in list
 * order, into out[PCICAP_MAX]: none unless status says there is a list;
 * from the pointer at 0x34, each pointer's low two bits masked, ending at
 * a pointer below 0x40 (0 ends a list), an ID of 0xFF (an absent
 * function) or after PCICAP_MAX entries.  How many.
 */
unsigned pcicap_list(const struct pci_access *pa, uint32_t fn, struct pcicap out[PCICAP_MAX]);

/*
 * The bytes an MSI or MSI-X capability's structure spans (MSI: 10 to 24,
 * from its control word; MSI-X: 12), cut at the end of configuration
 * space; 0 for any other ID.  An MSI is the device writing its message
 * data to its message address: whoever programs either can make it write
 * anywhere in physical memory.
 */
unsigned pcicap_msi_len(const struct pci_access *pa, uint32_t fn, const struct pcicap *c);

/* The control word of the capability at c (at offset + 2). */
uint16_t pcicap_control(const struct pci_access *pa, uint32_t fn, const struct pcicap *c);

#endif
