/*
 * heapcore.h - the allocator under malloc (user/lib/heap.c), kept apart
 * from where its memory comes from, so it builds on the host and is tested
 * there against a model (tests/unit/test_heapcore.c).
 *
 * The heap is one run of addresses [base, top) that only grows upward, by
 * a callback that makes more memory exist at top (in ring 3: retype a
 * frame and map it there).  Inside it: blocks, each a header and its
 * payload; free blocks sit on one list in address order, and a block that
 * is freed merges with a free neighbour on either side, so after every
 * allocation is freed the heap is one free block again.  First fit: the
 * obvious loop, O(free blocks) per call, which is all a small program's
 * heap needs.  Memory never goes back to the callback.
 */
#ifndef USER_LIB_HEAPCORE_H
#define USER_LIB_HEAPCORE_H

#include <stddef.h>
#include <stdint.h>

/* Every payload is aligned to HEAP_ALIGN (8 on i386), as malloc promises. */
#define HEAP_ALIGN (2 * sizeof(size_t))

struct heap_block;

struct heap {
	uintptr_t base, top;       /* [base, top) exists */
	uintptr_t end;             /* the heap may never pass this */
	struct heap_block *free;   /* free blocks, in address order */
	/*
	 * Makes at least `want` more bytes exist at h->top; returns how many
	 * it made (a multiple of HEAP_ALIGN), or 0 if it cannot.
	 */
	size_t (*grow)(struct heap *h, size_t want);
	void *ctx;                 /* the callback's own */
};

/* An empty heap at base (aligned to HEAP_ALIGN) that may grow to end. */
void heap_init(struct heap *h, uintptr_t base, uintptr_t end, size_t (*grow)(struct heap *, size_t),
	       void *ctx);
/* n bytes, aligned; 0 if the heap cannot grow enough.  n = 0 gives a block too. */
void *heap_alloc(struct heap *h, size_t n);
/* p from heap_alloc, or 0 (nothing happens); -1 if p is not a live block of h (nothing changes). */
int heap_free(struct heap *h, void *p);
/* n zeroed elements of size bytes; 0 if n * size overflows. */
void *heap_calloc(struct heap *h, size_t n, size_t size);
/*
 * p's first min(old, n) bytes in a block of n: in place when the block
 * (with a free block after it) is big enough.  0 if no room: p stays valid
 * and unchanged.  p = 0 is heap_alloc(n).
 */
void *heap_realloc(struct heap *h, void *p, size_t n);
/* The bytes p may use (at least what was asked). */
size_t heap_usable(const struct heap *h, const void *p);

struct heap_stats {
	size_t used_blocks, used_bytes;   /* live blocks, their sizes with headers */
	size_t free_blocks, free_bytes;
};
/* Walks every block: 0 if the heap is consistent (s filled), -1 if not. */
int heap_check(const struct heap *h, struct heap_stats *s);

#endif
