/*
 * heapcore.c - the allocator's blocks and free list (heapcore.h says the
 * design).  A block is a header of HEAP_ALIGN bytes, then its payload:
 * size (header included, a multiple of HEAP_ALIGN) and a tag.  A free
 * block's tag is the next free block; a live block's tag is USED ^ its
 * address, so a pointer that is not a live block is refused, not trusted
 * (and a block found on the free list is a double free).
 */
#include "user/lib/heapcore.h"
#include "lib/string.h"

#define USED      ((uintptr_t)0x4EA9B10Cu)
#define MIN_BLOCK (2 * HEAP_ALIGN)

struct heap_block {
	size_t size;
	uintptr_t tag;
};

_Static_assert(sizeof(struct heap_block) == HEAP_ALIGN, "a header is one alignment unit");

static struct heap_block *next_free(const struct heap_block *b)
{
	return (struct heap_block *)b->tag;
}

static void *payload(struct heap_block *b)
{
	return b + 1;
}

static uintptr_t after(const struct heap_block *b)
{
	return (uintptr_t)b + b->size;
}

static void mark_used(struct heap_block *b)
{
	b->tag = USED ^ (uintptr_t)b;
}

/* The block size for n payload bytes, or 0 if that overflows. */
static size_t block_size(size_t n)
{
	if (n > SIZE_MAX - MIN_BLOCK)
		return 0;
	size_t s = (n + sizeof(struct heap_block) + HEAP_ALIGN - 1) & ~(HEAP_ALIGN - 1);
	return s < MIN_BLOCK ? MIN_BLOCK : s;
}

void heap_init(struct heap *h, uintptr_t base, uintptr_t end, size_t (*grow)(struct heap *, size_t),
	       void *ctx)
{
	base = (base + HEAP_ALIGN - 1) & ~(HEAP_ALIGN - 1);
	*h = (struct heap){ base, base, end, 0, grow, ctx };
}

/*
 * Puts the free block b on the list in address order and merges it with
 * the free blocks just before and after it.  -1 if b is already there.
 */
static int insert_free(struct heap *h, struct heap_block *b)
{
	struct heap_block *prev = 0, *cur = h->free;
	while (cur && cur < b) {
		prev = cur;
		cur = next_free(cur);
	}
	if (cur == b || (prev && after(prev) > (uintptr_t)b))
		return -1;
	b->tag = (uintptr_t)cur;
	if (cur && after(b) == (uintptr_t)cur) {
		b->size += cur->size;
		b->tag = cur->tag;
	}
	if (prev && after(prev) == (uintptr_t)b) {
		prev->size += b->size;
		prev->tag = b->tag;
	} else if (prev) {
		prev->tag = (uintptr_t)b;
	} else {
		h->free = b;
	}
	return 0;
}

/* Splits the tail of b beyond size into a free block, if the tail can be one. */
static void trim(struct heap *h, struct heap_block *b, size_t size)
{
	if (b->size - size < MIN_BLOCK)
		return;
	struct heap_block *tail = (struct heap_block *)((uintptr_t)b + size);
	tail->size = b->size - size;
	b->size = size;
	insert_free(h, tail);
}

/* Asks the callback for room for a block of size at the top; 0 if none came. */
static int grow(struct heap *h, size_t size)
{
	struct heap_block *last = h->free;
	while (last && next_free(last))
		last = next_free(last);
	/* A free block that ends at top already gives part of it. */
	size_t have = last && after(last) == h->top ? last->size : 0;
	size_t want = size - have;
	if (!h->grow || want > h->end - h->top)
		return 0;
	size_t got = h->grow(h, want);
	if (got < want || got > h->end - h->top || got % HEAP_ALIGN)
		return 0;
	struct heap_block *b = (struct heap_block *)h->top;
	b->size = got;
	h->top += got;
	insert_free(h, b);
	return 1;
}

void *heap_alloc(struct heap *h, size_t n)
{
	size_t size = block_size(n);
	if (!size)
		return 0;
	for (int tries = 0; tries < 2; tries++) {
		struct heap_block *prev = 0;
		for (struct heap_block *b = h->free; b; prev = b, b = next_free(b)) {
			if (b->size < size)
				continue;
			if (prev)
				prev->tag = b->tag;
			else
				h->free = next_free(b);
			trim(h, b, size);
			mark_used(b);
			return payload(b);
		}
		if (tries || !grow(h, size))
			return 0;
	}
	return 0;
}

/* The live block whose payload is p, or 0 if p is not one. */
static struct heap_block *live_block(const struct heap *h, const void *p)
{
	uintptr_t a = (uintptr_t)p;
	if (a % HEAP_ALIGN || a < h->base + sizeof(struct heap_block) || a >= h->top)
		return 0;
	struct heap_block *b = (struct heap_block *)a - 1;
	if (b->tag != (USED ^ (uintptr_t)b) || b->size < MIN_BLOCK || b->size > h->top - (uintptr_t)b)
		return 0;
	return b;
}

int heap_free(struct heap *h, void *p)
{
	if (!p)
		return 0;
	struct heap_block *b = live_block(h, p);
	if (!b)
		return -1;
	return insert_free(h, b);
}

void *heap_calloc(struct heap *h, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return 0;
	void *p = heap_alloc(h, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* Takes the free block right after b into b, if there is one: 1 if it did. */
static int absorb_next(struct heap *h, struct heap_block *b)
{
	struct heap_block *prev = 0, *cur = h->free;
	while (cur && (uintptr_t)cur < after(b)) {
		prev = cur;
		cur = next_free(cur);
	}
	if (!cur || (uintptr_t)cur != after(b))
		return 0;
	if (prev)
		prev->tag = cur->tag;
	else
		h->free = next_free(cur);
	b->size += cur->size;
	return 1;
}

void *heap_realloc(struct heap *h, void *p, size_t n)
{
	if (!p)
		return heap_alloc(h, n);
	struct heap_block *b = live_block(h, p);
	size_t size = block_size(n);
	if (!b || !size)
		return 0;
	if (b->size < size)
		absorb_next(h, b);
	if (b->size >= size) {
		trim(h, b, size);
		return p;
	}
	void *q = heap_alloc(h, n);
	if (!q)
		return 0;
	memcpy(q, p, b->size - sizeof(struct heap_block));
	heap_free(h, p);
	return q;
}

size_t heap_usable(const struct heap *h, const void *p)
{
	const struct heap_block *b = live_block(h, p);
	return b ? b->size - sizeof(struct heap_block) : 0;
}

int heap_check(const struct heap *h, struct heap_stats *s)
{
	const struct heap_block *f = h->free;
	uintptr_t a = h->base;
	int last_free = 0;
	*s = (struct heap_stats){ 0, 0, 0, 0 };
	while (a < h->top) {
		const struct heap_block *b = (const struct heap_block *)a;
		if (b->size < MIN_BLOCK || b->size % HEAP_ALIGN || b->size > h->top - a)
			return -1;
		if (b == f) {
			/* Two free blocks side by side should have merged. */
			if (last_free)
				return -1;
			s->free_blocks++;
			s->free_bytes += b->size;
			f = next_free(b);
			last_free = 1;
		} else {
			if (b->tag != (USED ^ a))
				return -1;
			s->used_blocks++;
			s->used_bytes += b->size;
			last_free = 0;
		}
		a += b->size;
	}
	/* Every free block was met on the walk, in order, and the walk ended at top. */
	return a == h->top && !f ? 0 : -1;
}
