/*
 * isa8237.h - the ISA DMA engine: the kernel's only driver of the two
 * 8237s (kernel/dma/isa8237.c).  Callers check a transfer with
 * isa_check (kernel/dma/isarange.h) first and hold the big lock.
 */
#ifndef KERNEL_DMA_ISA8237_H
#define KERNEL_DMA_ISA8237_H

#include "kernel/dma/isarange.h"

/* Masks every channel but the cascade; returns the channels that exist as a mask (bit n: channel n). */
unsigned isa8237_init(void);
/* Programs and starts a transfer isa_check accepted. */
void isa8237_start(const struct isa_xfer *x);
/* Masks chan, the transfer's end; returns its DMA_ISA_ST_x bits since it started. */
unsigned isa8237_stop(unsigned chan);
/* chan's DMA_ISA_ST_x bits now, without stopping it. */
unsigned isa8237_status(unsigned chan);

#endif
