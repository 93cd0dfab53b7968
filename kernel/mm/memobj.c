/*
 * memobj.c - the Untyped and Frame pools and their arithmetic
 * (kernel/mm/memobj.h).  Nothing here fails: the callers (kernel/object/
 * untyped.c, kernel/object/frame.c) check ut_fits and memobj_available
 * while decoding, and the asserts say so.
 */
#include "kernel/mm/memobj.h"
#include "kernel/lib.h"

struct untyped untypeds[MEM_UNTYPEDS];
struct memframe memframes[MEM_FRAMES];

void memobj_init(void)
{
	memset(untypeds, 0, sizeof(untypeds));
	memset(memframes, 0, sizeof(memframes));
}

int memobj_available(int nut, int nframes)
{
	for (int i = 0; i < MEM_UNTYPEDS && nut > 0; i++)
		nut -= untypeds[i].npages == 0;
	for (int i = 0; i < MEM_FRAMES && nframes > 0; i++)
		nframes -= memframes[i].ut == 0;
	return nut <= 0 && nframes <= 0;
}

static struct untyped *ut_new(uint32_t base, uint32_t npages, struct untyped *parent)
{
	KASSERT(npages > 0);
	for (int i = 0; i < MEM_UNTYPEDS; i++)
		if (untypeds[i].npages == 0) {
			untypeds[i] = (struct untyped){ .base = base, .npages = npages, .parent = parent };
			return &untypeds[i];
		}
	panic("ut_new: the untyped pool is full (decode checks memobj_available)");
}

struct untyped *ut_make_root(uint32_t base, uint32_t npages)
{
	return ut_new(base, npages, 0);
}

uint32_t ut_carve(struct untyped *u, uint32_t n)
{
	KASSERT(u->npages && ut_fits(u, n));
	uint32_t pa = u->base + u->watermark * MEM_PAGE;
	u->watermark += n;
	u->live++;
	return pa;
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
		*u = (struct untyped){ 0 };
		if (!parent)
			return;
		KASSERT(parent->live > 0);
		if (--parent->live == 0)
			parent->watermark = 0;
		u = parent;
	}
}

void ut_put(struct untyped *u)
{
	KASSERT(u->npages && u->live > 0);
	if (--u->live == 0)
		u->watermark = 0;
	ut_release_if_unused(u);
}

struct untyped *ut_carve_untyped(struct untyped *u, uint32_t n)
{
	uint32_t pa = ut_carve(u, n);
	return ut_new(pa, n, u);
}

struct memframe *ut_carve_frame(struct untyped *u, uint32_t n)
{
	for (int i = 0; i < MEM_FRAMES; i++)
		if (memframes[i].ut == 0) {
			memframes[i] = (struct memframe){ .ut = u, .base = ut_carve(u, n), .npages = n };
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
		struct untyped *u = f->ut;
		*f = (struct memframe){ 0 };
		ut_put(u);
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
