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
static uint32_t live[MEMOBJ_KINDS];     /* pool entries in use, kept so that no check scans a pool */
void (*memobj_gone_hook)(int owner, enum memobj_kind kind);

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
	live[MEMOBJ_UNTYPED] = live[MEMOBJ_FRAME] = 0;
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

int memobj_available(int nut, int nframes)
{
	return nut <= (int)(MEM_UNTYPEDS - live[MEMOBJ_UNTYPED]) && nframes <= (int)(MEM_FRAMES - live[MEMOBJ_FRAME]);
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
		int owner = u->owner;
		*u = (struct untyped){ 0 };
		gone(owner, MEMOBJ_UNTYPED);
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
		struct untyped *u = f->ut;
		int owner = f->owner;
		*f = (struct memframe){ 0 };
		gone(owner, MEMOBJ_FRAME);
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
