/*
 * ide_bm.h - the PIIX IDE bus master, the engine behind DMA_IDE0 and
 * DMA_IDE1 (kernel/dma/ide_bm.c).
 */
#ifndef KERNEL_DMA_IDE_BM_H
#define KERNEL_DMA_IDE_BM_H

#include "iocap/pcireg.h"

/* Finds the PIIX IDE function through cfg, enables bus mastering, adds both channels. */
void ide_bm_boot(const struct pci_access *cfg);

#endif
