/*
 * memobj.c - the Untyped and Frame pools and their arithmetic
 * (kernel/mm/memobj.h).  Nothing here fails: the callers (kernel/object/
 * untyped.c, kernel/object/frame.c) check ut_fits and memobj_available
 * while decoding, and the asserts say so.
 *
 * Which pages are free: one bit per RAM page below KERNEL_DIRECT_END, set
 * while a frame or a page table holds it.  A child Untyped's range is not
 * marked (its own objects' bits are set inside it); its parent skips the
 * whole range while the child lives, found through the pool's parent
 * pointers (a scan of the pool, only for an Untyped with children).  A carve is therefore a first-fit scan of the Untyped's bits a
 * word at a time, stepping over its children, and a death clears bits:
 * no per-Untyped list to keep, and nothing waits for siblings to die.
 */
#include "kernel/mm/memobj.h"
#include "kernel/mm/layout.h"
#include "kernel/lib.h"

#define MAP_WORDS (KERNEL_DIRECT_END / MEM_PAGE / 32)

struct untyped untypeds[MEM_UNTYPEDS];
struct memframe memframes[MEM_FRAMES];
static uint32_t carved_map[MAP_WORDS];   /* bit p: page p holds a frame or a page table */
static uint32_t live[MEMOBJ_KINDS];     /* pool entries in use, kept so that no check scans a pool */
void (*memobj_gone_hook)(int owner, enum memobj_kind kind);

/* A pool entry was freed: count it, and tell the kernel whose it was (its maker's quota). */
static void gone(int owner, enum memobj_kind kind)
{
	KASSERT(live[kind] > 0);
	live[kind]--;
	if (memobj_gone_hook)
		memobj_gone_hook(owner, kind);
}

void memobj_init(void)
{
	memset(untypeds, 0, sizeof(untypeds));
	memset(memframes, 0, sizeof(memframes));
	memset(carved_map, 0, sizeof(carved_map));
	live[MEMOBJ_UNTYPED] = live[MEMOBJ_FRAME] = 0;
}

static inline uint32_t umin(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The first page in [p, end) whose bit is `set`, or end: whole words skipped at once. */
static uint32_t map_next(uint32_t p, uint32_t end, int set)
{
	while (p < end) {
		uint32_t w = (set ? carved_map[p / 32] : ~carved_map[p / 32]) >> (p % 32);
		if (w)
			return umin(p + (uint32_t)__builtin_ctz(w), end);
		p = (p | 31) + 1;
	}
	return end;
}

/* Sets or clears the bits of pages [p, p + n), a word at a time; each was the other way. */
static void map_fill(uint32_t p, uint32_t n, int set)
{
	for (uint32_t end = p + n; p < end;) {
		uint32_t bits = umin(32 - p % 32, end - p);
		uint32_t mask = (bits == 32 ? ~0u : (1u << bits) - 1) << (p % 32);
		uint32_t *w = &carved_map[p / 32];
		KASSERT((*w & mask) == (set ? 0 : mask));
		*w = set ? *w | mask : *w & ~mask;
		p += bits;
	}
}

/*
 * Where the live children of u lie relative to page p: the end of the one
 * holding p (0 if none does), and in *next the lowest start above p.
 */
static uint32_t child_at(const struct untyped *u, uint32_t p, uint32_t *next)
{
	for (int i = 0; i < MEM_UNTYPEDS; i++) {
		const struct untyped *c = &untypeds[i];
		if (!c->npages || c->parent != u)
			continue;
		uint32_t start = c->base / MEM_PAGE;
		if (p >= start && p < start + c->npages)
			return start + c->npages;
		if (start > p && start < *next)
			*next = start;
	}
	return 0;
}

/*
 * The lowest run of n free pages of u (page numbers), or 0 (page 0 is
 * never RAM an Untyped covers, ut_make_root).  Each round skips set bits
 * by words, then a child's whole range, then measures one free run: the
 * rounds are bounded by the runs and children met, not by the pages.
 * With block (a power of two, in pages; 0: none) the run must also lie
 * inside one block-aligned block: an ISA DMA buffer may not cross a
 * 64 KiB line, which the 8237's address counter cannot carry over.
 */
static uint32_t first_fit(const struct untyped *u, uint32_t n, uint32_t block)
{
	uint32_t p = u->base / MEM_PAGE, end = p + u->npages;
	if (n == 0 || n > ut_free_pages(u) || (block && n > block))
		return 0;
	while ((p = map_next(p, end, 0)) < end) {
		uint32_t next = end, skip = u->kids ? child_at(u, p, &next) : 0;
		if (skip) {
			p = skip;
			continue;
		}
		if (block && p / block != (p + n - 1) / block) {
			p = (p / block + 1) * block;
			continue;
		}
		uint32_t stop = map_next(p, umin(next, p + n), 1);
		if (stop - p == n)
			return p;
		p = stop;
	}
	return 0;
}

int ut_fits(const struct untyped *u, uint32_t n)
{
	return first_fit(u, n, 0) != 0;
}

int ut_fits_within(const struct untyped *u, uint32_t n, uint32_t block, uint32_t below)
{
	uint32_t p = first_fit(u, n, block);
	/* The lowest run: if it ends above the limit, no other run ends below it. */
	return p != 0 && p + n <= below / MEM_PAGE;
}

int memobj_available(int nut, int nframes)
{
	return nut <= (int)(MEM_UNTYPEDS - live[MEMOBJ_UNTYPED]) && nframes <= (int)(MEM_FRAMES - live[MEMOBJ_FRAME]);
}

int memobj_may_create(enum memobj_kind kind, uint32_t mine, int is_root)
{
	uint32_t size = kind == MEMOBJ_FRAME ? MEM_FRAMES : MEM_UNTYPEDS;
	uint32_t reserve = kind == MEMOBJ_FRAME ? MEM_ROOT_FRAMES : MEM_ROOT_UNTYPEDS;
	uint32_t free = size - live[kind];
	if (is_root)
		return free > 0;
	return mine < MEM_TASK_QUOTA && free > reserve;
}

static struct untyped *ut_new(uint32_t base, uint32_t npages, struct untyped *parent)
{
	KASSERT(npages > 0);
	for (int i = 0; i < MEM_UNTYPEDS; i++)
		if (untypeds[i].npages == 0) {
			untypeds[i] = (struct untyped){ .base = base, .npages = npages, .parent = parent };
			live[MEMOBJ_UNTYPED]++;
			return &untypeds[i];
		}
	panic("ut_new: the untyped pool is full (decode checks memobj_available)");
}

struct untyped *ut_make_root(uint32_t base, uint32_t npages)
{
	/* The map covers the direct-mapped RAM, and first_fit's 0 means none. */
	KASSERT(base >= MEM_PAGE && base % MEM_PAGE == 0 && npages <= (KERNEL_DIRECT_END - base) / MEM_PAGE);
	return ut_new(base, npages, 0);
}

/* n pages of u, the lowest free run, as one live object (unmarked in the map). */
static uint32_t take(struct untyped *u, uint32_t n, uint32_t block)
{
	KASSERT(u->npages);
	uint32_t p = first_fit(u, n, block);
	KASSERT(p);
	u->used += n;
	u->live++;
	return p * MEM_PAGE;
}

static uint32_t carve_in(struct untyped *u, uint32_t n, uint32_t block)
{
	uint32_t pa = take(u, n, block);
	map_fill(pa / MEM_PAGE, n, 1);
	return pa;
}

uint32_t ut_carve(struct untyped *u, uint32_t n)
{
	return carve_in(u, n, 0);
}

/*
 * Frees u once nothing keeps it (no cap, nothing carved alive) and gives
 * its pages back to its parent, which may in turn be freed: a loop, not
 * recursion, however deep the chain of budgets.
 */
static void ut_release_if_unused(struct untyped *u)
{
	while (u && u->refs == 0 && u->live == 0) {
		struct untyped *parent = u->parent;
		uint32_t n = u->npages;
		int owner = u->owner;
		KASSERT(u->used == 0);
		*u = (struct untyped){ 0 };
		gone(owner, MEMOBJ_UNTYPED);
		if (!parent)
			return;
		KASSERT(parent->kids > 0 && parent->live >= parent->kids && parent->used >= n);
		parent->live--;
		parent->kids--;
		parent->used -= n;
		u = parent;
	}
}

void ut_uncarve(struct untyped *u, uint32_t pa, uint32_t n)
{
	KASSERT(u->npages && u->live > 0 && u->used >= n);
	KASSERT(pa >= u->base && (pa - u->base) / MEM_PAGE + n <= u->npages);
	map_fill(pa / MEM_PAGE, n, 0);
	u->used -= n;
	u->live--;
	ut_release_if_unused(u);
}

struct untyped *ut_carve_untyped(struct untyped *u, uint32_t n)
{
	uint32_t pa = take(u, n, 0);
	u->kids++;
	return ut_new(pa, n, u);
}

struct memframe *ut_carve_frame(struct untyped *u, uint32_t n)
{
	return ut_carve_frame_within(u, n, 0);
}

struct memframe *ut_carve_frame_within(struct untyped *u, uint32_t n, uint32_t block)
{
	for (int i = 0; i < MEM_FRAMES; i++)
		if (memframes[i].ut == 0) {
			memframes[i] = (struct memframe){ .ut = u, .base = carve_in(u, n, block), .npages = n };
			live[MEMOBJ_FRAME]++;
			return &memframes[i];
		}
	panic("ut_carve_frame: the frame pool is full (decode checks memobj_available)");
}

void ut_ref(struct untyped *u, int delta)
{
	KASSERT(u->npages && (delta > 0 || u->refs > 0));
	u->refs += (uint32_t)delta;
	ut_release_if_unused(u);
}

void mf_ref(struct memframe *f, int delta)
{
	KASSERT(f->ut && (delta > 0 || f->refs > 0));
	f->refs += (uint32_t)delta;
	if (f->refs == 0) {
		/* Its last cap's leaving stopped any transfer on it first (kernel/dma/dmabuf.c). */
		KASSERT(f->pins == 0);
		struct memframe dead = *f;
		*f = (struct memframe){ 0 };
		gone(dead.owner, MEMOBJ_FRAME);
		ut_uncarve(dead.ut, dead.base, dead.npages);
	}
}

struct untyped *ut_owning(uint32_t pa)
{
	struct untyped *best = 0;
	for (int i = 0; i < MEM_UNTYPEDS; i++) {
		struct untyped *u = &untypeds[i];
		if (u->npages && pa >= u->base && (pa - u->base) / MEM_PAGE < u->npages &&
		    (!best || u->npages < best->npages))
			best = u;
	}
	return best;
}
