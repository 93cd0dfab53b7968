/*
 * canary.c - the canary pattern and its check (canary.h).  Kept apart
 * from kernel/dma/dmaaudit.c, which touches physical memory, so the host
 * tests can feed it any page.
 */
#include "kernel/dma/canary.h"
#include "lib/mix32.h"

uint32_t canary_word(uint32_t pa, uint32_t i)
{
	return mix32((pa + 4u * i) ^ 0x5ca1ab1eu);
}

void canary_fill(uint32_t *page, uint32_t pa)
{
	for (uint32_t i = 0; i < CANARY_WORDS; i++)
		page[i] = canary_word(pa, i);
}

uint32_t canary_check(const uint32_t *page, uint32_t pa, uint32_t *first_bad)
{
	uint32_t bad = 0;
	for (uint32_t i = 0; i < CANARY_WORDS; i++) {
		if (page[i] == canary_word(pa, i))
			continue;
		if (!bad)
			*first_bad = pa + 4u * i;
		bad++;
	}
	return bad;
}

uint32_t canary_sum(const uint32_t *w, uint32_t n, uint32_t h)
{
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ w[i]) * 16777619u;
	return h;
}
