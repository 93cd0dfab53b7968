/*
 * umem.h - where a program's memory goes beyond its image and stack
 * (docs/memory.md, "A program's own memory"): the address ranges the user
 * runtime hands out, the heap's growth policy, and the mapping area that
 * shared buffers and device memory are mapped into.  A convention of the
 * runtime; the kernel maps wherever a cap's holder asks.
 *
 *   0x40000000  the image (text, data, bss: a few hundred KiB at most)
 *   0x80000000  the heap, growing up to HEAP_END (user/lib/heap.c)
 *   0xA0000000  the mapping area: MAP_AREA_PAGES pages, one page table
 *   0xBFFF6000  the UTCB, then the stack's guard page and the stack
 */
#ifndef USER_LIB_UMEM_H
#define USER_LIB_UMEM_H

#include <stddef.h>

#define PAGE_SIZE       4096u
#define HEAP_BASE       0x80000000u
#define HEAP_END        0xA0000000u
/* The heap's first frame; each one after is twice the last (or what a request needs). */
#define HEAP_CHUNK_MIN  (16 * PAGE_SIZE)
#define MAP_AREA_BASE   0xA0000000u
#define MAP_AREA_PAGES  1024u

/*
 * The mapping area's pages: first fit, a bit per page.  va of npages free
 * pages marked taken, or 0 if none.
 */
void *map_area_take(unsigned npages);
void map_area_give_back(void *va, unsigned npages);

/*
 * The heap's memory comes from the Untyped in `untyped`, its frames go to
 * slots first..first+n-1 (empty ones; a full slot is skipped).  malloc
 * uses SLOT_UNTYPED and SLOT_HEAP(0..SLOT_HEAP_COUNT-1) unless this is
 * called before its first call.
 */
void heap_setup(unsigned untyped, unsigned first, unsigned n);
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);

#endif
