/*
 * isa8237.h - the ISA DMA engine (kernel/dma/isa8237.c): the kernel's only
 * driver of the two 8237s, one DMA engine per channel.
 */
#ifndef KERNEL_DMA_ISA8237_H
#define KERNEL_DMA_ISA8237_H

/* Masks every channel but the cascade and adds channels 0-3 and 5-7 to the DMA table (dma_boot). */
void isa8237_boot(void);

#endif
