/*
 * dmabuf.h - DmaBuffer caps as dma_start sees them (kernel/dma/dmabuf.c):
 * a segment decoded into physical terms, and the pins that keep a buffer
 * from being freed while a transfer uses it.
 */
#ifndef KERNEL_DMA_DMABUF_H
#define KERNEL_DMA_DMABUF_H

#include <stdint.h>
#include "abi/dma.h"
#include "kernel/dma/dmaspan.h"

struct cap;
struct memframe;

/*
 * Segment seg of a transfer going dir (DMA_TO_DEVICE, DMA_FROM_DEVICE):
 * its buffer cap, its bytes inside the range that cap covers, the right
 * dir needs.  0 with *span and *buf, or the refusal (-E_x, logged).
 */
long dmabuf_decode_seg(const struct dma_seg *seg, unsigned dir, struct dma_span *span, struct memframe **buf);

void dmabuf_pin(struct memframe *f);
void dmabuf_unpin(struct memframe *f);
/* Whether a transfer uses the buffer c names and c is the last cap naming it. */
int dmabuf_last_pinned_cap(const struct cap *c);
/* Whether a transfer uses the buffer c names. */
int dmabuf_pinned(const struct cap *c);

#endif
