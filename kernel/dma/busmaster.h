/*
 * busmaster.h - the PCI functions' bus-master, MSI and MSI-X enables,
 * which only the kernel sets (kernel/dma/busmaster.c).
 */
#ifndef KERNEL_DMA_BUSMASTER_H
#define KERNEL_DMA_BUSMASTER_H

#include "iocap/pcireg.h"

/*
 * Clears bus-master enable, MSI enable and MSI-X enable on every PCI
 * function the firmware left them on (bus 0 and every bus a bridge leads
 * to); how many bits it cleared.
 */
unsigned busmaster_all_off(const struct pci_access *cfg);

#endif
