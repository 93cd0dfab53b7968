/*
 * prd.h - the IDE bus master's Physical Region Descriptor table, built
 * and checked (kernel/dma/prd.c).  Pure, so that the rules that keep the
 * engine inside the driver's buffers are unit-tested on the host
 * (tests/unit/test_prd.c).
 */
#ifndef KERNEL_DMA_PRD_H
#define KERNEL_DMA_PRD_H

#include <stdint.h>
#include "kernel/dma/dmaspan.h"

/*
 * One descriptor as the engine fetches it: a physical address (even) and
 * a byte count in the low 16 bits (even; 0 means 64 KiB), bit 31 of the
 * second word marking the last.  A region may not cross a 64 KiB line.
 */
struct prd {
	uint32_t addr;
	uint32_t count;
};
#define PRD_EOT    0x80000000u
#define PRD_MAX    32                        /* descriptors per table */
#define PRD_ALIGN  (PRD_MAX * sizeof(struct prd))   /* so a table never crosses 64 KiB */

/*
 * The table for spans s[0..n) in order, into t (0: only count them):
 * each span split at every 64 KiB line, EOT on the last.  The number of
 * descriptors, or -E_INVAL (no span, a zero or odd length, an odd
 * address) or -E_RANGE (a span that wraps 2^32, more than max descriptors).
 */
int prd_build(struct prd *t, unsigned max, const struct dma_span *s, unsigned n);
/* 1 if t[0..n) keeps every rule above (the kernel asserts it on what it built). */
int prd_valid(const struct prd *t, unsigned n);

#endif
