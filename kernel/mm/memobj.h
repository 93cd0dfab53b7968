/*
 * memobj.h - the objects memory capabilities name: Untyped RAM (a budget
 * of pages) and Frames (pages carved from one), in fixed pools.  Pure
 * arithmetic and bookkeeping, no page tables and no caps, so that it
 * builds and is tested on the host (tests/unit/test_memobj.c).
 *
 * The model is seL4's untyped with Iris's quota, and pages that come back
 * one object at a time: an Untyped carves each object first-fit from its
 * free pages, and the moment the object dies its pages are free again,
 * whatever else it carved still lives, so `used` (pages out, cap_info's
 * badge) always balances.  A smaller Untyped is one live object of its
 * parent and a disjoint budget: whoever holds it can never carve more than
 * it covers, and its parent never carves inside it.  An object stays in
 * its pool while caps name it (refs) or something carved from it lives;
 * when both are gone it returns to its parent (docs/memory.md).
 */
#ifndef KERNEL_MM_MEMOBJ_H
#define KERNEL_MM_MEMOBJ_H

#include <stdint.h>

#define MEM_PAGE       4096u
#define MEM_UNTYPEDS   128    /* pool sizes: a full pool refuses retype with E_NOMEM */
#define MEM_FRAMES     512
/*
 * The pools are shared, and no task may empty one for the others
 * (docs/lifecycle.md): a task has at most MEM_TASK_QUOTA live Untypeds and
 * as many live Frames that it made, wherever their caps went (a cspace's
 * slots: a task keeping its own caps never meets it), and the last
 * MEM_ROOT_* free entries of each pool are the root task's.
 */
#define MEM_TASK_QUOTA     32
#define MEM_ROOT_UNTYPEDS  16
#define MEM_ROOT_FRAMES    64

enum memobj_kind { MEMOBJ_UNTYPED, MEMOBJ_FRAME, MEMOBJ_KINDS };

struct untyped {
	uint32_t base;           /* physical address of page 0 */
	uint32_t npages;         /* 0: a free pool entry */
	uint32_t used;           /* pages carved from it and alive: frames, tables, child budgets */
	uint32_t live;           /* objects carved from it and still alive (0 exactly when used is) */
	uint32_t kids;           /* of which smaller Untypeds: a carve skips their ranges */
	uint32_t refs;           /* caps naming it */
	struct untyped *parent;  /* the untyped it was carved from (one of its live), or 0 */
	int owner;               /* tid of the task that made it (its quota); 0: the boot's */
};

struct memframe {
	struct untyped *ut;      /* where its pages came from; 0: a free pool entry */
	uint32_t base, npages;
	uint32_t refs;           /* caps naming it (a mapping never outlives its cap) */
	int owner;               /* tid of the task that made it (its quota) */
	uint32_t pins;           /* DmaBuffer: segments of transfers in flight on it (kernel/dma/) */
};

extern struct untyped untypeds[MEM_UNTYPEDS];
extern struct memframe memframes[MEM_FRAMES];

/* Pages carved from u and not yet returned (cap_info's badge). */
static inline uint32_t ut_outstanding(const struct untyped *u)
{
	return u->used;
}

/* Pages u can still carve, one at a time (enough single-page tables?). */
static inline uint32_t ut_free_pages(const struct untyped *u)
{
	return u->npages - u->used;
}

/* Whether n contiguous free pages (n > 0) are left in u.  Overflow-safe. */
int ut_fits(const struct untyped *u, uint32_t n);

/*
 * Whether n contiguous free pages lie in u inside one block-aligned block
 * of block pages (a power of two; 0: any) and below the physical address
 * below (an ISA DMA buffer: 16 pages, 16 MiB).
 */
int ut_fits_within(const struct untyped *u, uint32_t n, uint32_t block, uint32_t below);

/* Forgets every object (boot, and each host test). */
void memobj_init(void);
/* Whether the pools have `untypeds` and `frames` free entries. */
int memobj_available(int untypeds, int frames);
/*
 * Whether a task that made `mine` live objects of kind may make one more:
 * the root task while the pool has an entry, any other within its quota
 * and outside the root's reserve.
 */
int memobj_may_create(enum memobj_kind kind, uint32_t mine, int is_root);
/* Told of every object that goes, with its owner (the kernel keeps each task's count). */
extern void (*memobj_gone_hook)(int owner, enum memobj_kind kind);
/* A root budget over [base, base + npages pages): the root task's first cap. */
struct untyped *ut_make_root(uint32_t base, uint32_t npages);
/* Carves n pages (ut_fits), the lowest free run, as one live object; its physical base. */
uint32_t ut_carve(struct untyped *u, uint32_t n);
/* The object ut_carve(u, n) gave at pa died: its pages are u's to carve again. */
void ut_uncarve(struct untyped *u, uint32_t pa, uint32_t n);
/* A child budget of n pages carved from u (ut_fits, memobj_available(1, 0)). */
struct untyped *ut_carve_untyped(struct untyped *u, uint32_t n);
/* A frame of n pages carved from u (ut_fits, memobj_available(0, 1)); not zeroed here. */
struct memframe *ut_carve_frame(struct untyped *u, uint32_t n);
/* The same inside one block of block pages (ut_fits_within). */
struct memframe *ut_carve_frame_within(struct untyped *u, uint32_t n, uint32_t block);
/* cap_ref_hook's count of caps naming each: the last one gone frees it. */
void ut_ref(struct untyped *u, int delta);
void mf_ref(struct memframe *f, int delta);
/*
 * The live Untyped a page carved directly from it came from: the smallest
 * one whose range holds pa (budgets nest, and a parent never carves inside
 * a live child), or 0 for a page of the kernel's own pool,
 * which no Untyped covers.  How a page table mem_map carved finds its way
 * back (kernel/mm/vm.c) without a per-space record.
 */
struct untyped *ut_owning(uint32_t pa);

#endif
