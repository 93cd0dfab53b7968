/*
 * dmaspan.h - one piece of a DMA transfer in physical terms, as the
 * kernel hands it to an engine's checks and programming once the caps
 * are decoded (kernel/dma/dmachan.c).  Its own header because the pure
 * checks of every engine (prd.c, the ISA range check) take it and must
 * build on the host without the kernel.
 */
#ifndef KERNEL_DMA_DMASPAN_H
#define KERNEL_DMA_DMASPAN_H

#include <stdint.h>

struct dma_span {
	uint32_t pa;       /* physical start: inside the buffer the segment named */
	uint32_t len;      /* bytes: pa + len ends inside that buffer */
	uint32_t rights;   /* the buffer cap's MEM_R | MEM_W: what the device may do there */
};

#endif
