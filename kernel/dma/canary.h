/*
 * canary.h - the pattern the kernel's DMA canary pages hold and the check
 * of it (kernel/dma/canary.c).  Pure, so that "a page a device wrote, or
 * a canary page copied somewhere else, does not pass" is unit-tested on
 * the host (tests/unit/test_canary.c); kernel/dma/dmaaudit.c places the
 * pages and runs the check.
 */
#ifndef KERNEL_DMA_CANARY_H
#define KERNEL_DMA_CANARY_H

#include <stdint.h>

#define CANARY_PAGE  4096u
#define CANARY_WORDS (CANARY_PAGE / 4u)

/*
 * Word i of the canary page at physical address pa.  A bijection of the
 * word's own physical address, so no two words of the machine hold the
 * same value: a page copied elsewhere, shifted, or zeroed does not match.
 */
uint32_t canary_word(uint32_t pa, uint32_t i);
void     canary_fill(uint32_t *page, uint32_t pa);
/*
 * The words of page (at physical address pa) that differ from the
 * pattern; if any, *first_bad is the physical address of the first.
 */
uint32_t canary_check(const uint32_t *page, uint32_t pa, uint32_t *first_bad);
/* A checksum of n words, continuing from h (start with CANARY_SUM_SEED): FNV-1a over words. */
#define CANARY_SUM_SEED 2166136261u
uint32_t canary_sum(const uint32_t *w, uint32_t n, uint32_t h);

#endif
