/*
 * frame.h - physical frame allocator: one bit per 4 KiB frame, built from
 * the Multiboot memory map.  Pure C (unit-tested on the host); the kernel
 * owns one pool, kframes, covering the identity-mapped physical memory.
 */
#ifndef KERNEL_FRAME_H
#define KERNEL_FRAME_H

#include <stdint.h>

#define FRAME_SIZE 4096u

struct frame_pool {
	uint32_t *bitmap;    /* bit set = frame in use or not RAM */
	uint32_t nframes;    /* frames 0 .. nframes-1 are tracked */
	uint32_t nfree;
	uint32_t hint;       /* where the next search starts */
};

/* Everything starts unusable; regions are then added and reserved. */
void frame_pool_init(struct frame_pool *p, uint32_t *bitmap, uint32_t nframes);
/* Marks free every frame lying wholly inside [base, base+len). */
void frame_add_region(struct frame_pool *p, uint64_t base, uint64_t len);
/* Marks used every frame touching [base, base+len). */
void frame_reserve(struct frame_pool *p, uint64_t base, uint64_t len);
/* 0 and *pa set on success, -1 when no frame is left. */
int frame_alloc(struct frame_pool *p, uint32_t *pa);
/* -1 if pa is unaligned, out of range or already free (the pool is unchanged). */
int frame_free(struct frame_pool *p, uint32_t pa);
int frame_is_free(const struct frame_pool *p, uint32_t pa);

#endif
