/*
 * heap.c - malloc and friends over heapcore.c, growing by memory caps:
 * each growth retypes one Frame from the program's Untyped and maps it at
 * the heap's top, with the page table (if the 4 MiB there has none yet)
 * paid from the same Untyped (MAP_PT).  A cap slot per frame, and there
 * are few (user/lib/slots.h), so each frame is twice the size of the last
 * (HEAP_CHUNK_MIN first), or what the request needs if that is more; when
 * the Untyped cannot give the doubled size, exactly what is needed.  The
 * heap never shrinks: a program's heap is as big as its peak.
 */
#include "user/lib/heapcore.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"
#include "user/lib/umem.h"

static struct heap heap;
static int ready;
static unsigned untyped = SLOT_UNTYPED, first_slot = SLOT_HEAP(0), nslots = SLOT_HEAP_COUNT;
static unsigned next_slot;        /* slots tried so far */
static size_t chunk = HEAP_CHUNK_MIN;

void heap_setup(unsigned ut, unsigned first, unsigned n)
{
	untyped = ut;
	first_slot = first;
	nslots = n;
}

/* One frame of `bytes` (whole pages) mapped at the top, in the next empty slot: 0 or -E_x. */
static long add_frame(struct heap *h, size_t bytes)
{
	long r = -E_FULL;
	while (next_slot < nslots) {
		unsigned slot = first_slot + next_slot;
		r = sys_mem_retype(untyped, slot, MEM_FRAME, (unsigned)(bytes / PAGE_SIZE));
		if (r == -E_FULL) {      /* someone else's cap: try the next slot */
			next_slot++;
			continue;
		}
		if (r)
			return r;
		r = sys_mem_map(slot, 0, (void *)h->top, MEM_R | MEM_W | MAP_PT(untyped));
		if (r) {
			sys_cap_delete(slot);
			return r;
		}
		next_slot++;
		return 0;
	}
	return r;
}

static size_t grow(struct heap *h, size_t want)
{
	size_t need = (want + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	size_t bytes = chunk > need ? chunk : need;
	if (bytes > h->end - h->top)
		bytes = need;
	long r = add_frame(h, bytes);
	if (r == -E_NOMEM && bytes > need) {
		bytes = need;
		r = add_frame(h, bytes);
	}
	if (r)
		return 0;
	chunk = bytes * 2;
	return bytes;
}

static struct heap *the_heap(void)
{
	if (!ready) {
		heap_init(&heap, HEAP_BASE, HEAP_END, grow, 0);
		ready = 1;
	}
	return &heap;
}

void *malloc(size_t n)
{
	return heap_alloc(the_heap(), n);
}

/* A pointer that is not malloc's is a bug worth stopping for, like a double free. */
void free(void *p)
{
	if (heap_free(the_heap(), p)) {
		printf("free(%p): not a live block: exiting\n", p);
		exit(127);
	}
}

void *calloc(size_t n, size_t size)
{
	return heap_calloc(the_heap(), n, size);
}

void *realloc(void *p, size_t n)
{
	return heap_realloc(the_heap(), p, n);
}
