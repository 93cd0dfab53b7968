/*
 * frame.c - bitmap frame allocator.  A bitmap rather than a free list so
 * that the memory map can be applied region by region in any order and so
 * that double frees are detected instead of corrupting a list.
 */
#include "kernel/mm/frame.h"

static int bit_test(const struct frame_pool *p, uint32_t f)
{
	return (p->bitmap[f / 32] >> (f % 32)) & 1;
}

static void bit_set(struct frame_pool *p, uint32_t f)
{
	if (!bit_test(p, f)) {
		p->bitmap[f / 32] |= 1u << (f % 32);
		p->nfree--;
	}
}

static void bit_clear(struct frame_pool *p, uint32_t f)
{
	if (bit_test(p, f)) {
		p->bitmap[f / 32] &= ~(1u << (f % 32));
		p->nfree++;
	}
}

void frame_pool_init(struct frame_pool *p, uint32_t *bitmap, uint32_t nframes)
{
	p->bitmap = bitmap;
	p->nframes = nframes;
	p->nfree = 0;
	p->hint = 0;
	for (uint32_t i = 0; i < (nframes + 31) / 32; i++)
		bitmap[i] = 0xFFFFFFFFu;
}

void frame_add_region(struct frame_pool *p, uint64_t base, uint64_t len)
{
	/* Also refuse a base so high that rounding it up to a frame wraps. */
	if (len == 0 || base + len < base || base > UINT64_MAX - (FRAME_SIZE - 1))
		return;
	uint64_t first = (base + FRAME_SIZE - 1) / FRAME_SIZE;
	uint64_t end = (base + len) / FRAME_SIZE;        /* exclusive */
	if (end > p->nframes)
		end = p->nframes;
	for (uint64_t f = first; f < end; f++)
		bit_clear(p, (uint32_t)f);
}

void frame_reserve(struct frame_pool *p, uint64_t base, uint64_t len)
{
	if (len == 0)
		return;
	uint64_t last = base + len - 1;
	if (last < base)
		last = UINT64_MAX;
	uint64_t first = base / FRAME_SIZE;
	uint64_t end = last / FRAME_SIZE + 1;
	if (end > p->nframes)
		end = p->nframes;
	for (uint64_t f = first; f < end; f++)
		bit_set(p, (uint32_t)f);
}

int frame_alloc(struct frame_pool *p, uint32_t *pa)
{
	if (p->nfree == 0)
		return -1;
	for (uint32_t n = 0; n < p->nframes; n++) {
		uint32_t f = p->hint + n;
		if (f >= p->nframes)
			f -= p->nframes;
		if (!bit_test(p, f)) {
			bit_set(p, f);
			p->hint = f + 1 < p->nframes ? f + 1 : 0;
			*pa = f * FRAME_SIZE;
			return 0;
		}
	}
	return -1;
}

int frame_free(struct frame_pool *p, uint32_t pa)
{
	uint32_t f = pa / FRAME_SIZE;
	if (pa % FRAME_SIZE || f >= p->nframes || !bit_test(p, f))
		return -1;
	bit_clear(p, f);
	return 0;
}

int frame_is_free(const struct frame_pool *p, uint32_t pa)
{
	uint32_t f = pa / FRAME_SIZE;
	return f < p->nframes && !bit_test(p, f);
}
