/*
 * canary.c - the canary pattern and its check (canary.h).  Kept apart
 * from kernel/dma/dmaaudit.c, which touches physical memory, so the host
 * tests can feed it any page.
 */
#include "kernel/dma/canary.h"

/* MurmurHash3's finaliser: a bijection on 32 bits that spreads every input bit. */
static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	x *= 0xc2b2ae35u;
	x ^= x >> 16;
	return x;
}

uint32_t canary_word(uint32_t pa, uint32_t i)
{
	return mix((pa + 4u * i) ^ 0x5ca1ab1eu);
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
