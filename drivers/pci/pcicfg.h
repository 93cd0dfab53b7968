/*
 * pcicfg.h - the pure part of the PCI driver: who may read which device's
 * configuration space
 * (user/lib/proto.h: PCI_CFG_READ, PCI_DEVICE_CAP).  Unit-tested on the
 * host (tests/unit/test_pcicfg.c).
 */
#ifndef DRIVERS_PCI_PCICFG_H
#define DRIVERS_PCI_PCICFG_H

#include <stdint.h>

#define PCI_CFG_SPACE 256u     /* bytes of configuration space per function (no PCIe) */

/*
 * The status of PCI_CFG_READ(index, offset) from a caller with badge, with
 * count functions known: 0, E_PERM (the badge names another device),
 * E_RANGE (no such index) or E_INVAL (offset not a dword inside the space).
 */
unsigned pci_check_cfg_read(unsigned badge, unsigned index, unsigned count, unsigned offset);
/* The status of PCI_DEVICE_CAP(index): E_PERM unless badge is PCI_BADGE_ALL, E_RANGE. */
unsigned pci_check_device_cap(unsigned badge, unsigned index, unsigned count);
/* The badge of the cap naming one device. */
static inline unsigned pci_device_badge(unsigned index)
{
	return index + 1;
}

#endif
