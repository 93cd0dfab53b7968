/*
 * dmaaudit.h - the kernel's own DMA canaries (kernel/dma/dmaaudit.c,
 * docs/dma.md "Canaries"): pages of kernel memory placed where a DMA that
 * escaped its buffer would land first, and a checksum of the kernel
 * image, so that a test, a supervisor (dma_audit) or the invariant
 * checker can see the engine checks held.
 */
#ifndef KERNEL_DMA_DMAAUDIT_H
#define KERNEL_DMA_DMAAUDIT_H

#include <stdint.h>
#include "abi/dma.h"

/*
 * At boot, paging still off and before the kernel's pool hands out a
 * frame: takes the page just below and just above each region DmaBuffers
 * come from (the root's Untyped and the low one for ISA) where that page
 * is free RAM, fills it, and sums the kernel's code and read-only data.
 */
void dma_audit_boot(uint32_t ut_base, uint32_t ut_pages, uint32_t low_base, uint32_t low_pages);
/* Checks every canary and the image's sum now; changes nothing. */
void dma_audit_check(struct dma_audit *out);

#endif
