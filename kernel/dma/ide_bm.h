/*
 * ide_bm.h - the PIIX IDE bus master, the engine behind DMA_IDE0 and
 * DMA_IDE1 (kernel/dma/ide_bm.c).
 */
#ifndef KERNEL_DMA_IDE_BM_H
#define KERNEL_DMA_IDE_BM_H

/* Finds the PIIX IDE function by PCI configuration, enables bus mastering, adds both channels. */
void ide_bm_boot(void);

#endif
