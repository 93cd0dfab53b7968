/*
 * mapdb.c - the mapping database (kernel/mm/mapdb.h): a fixed array of
 * records with indexes over it, so that every call costs what it
 * touches, not the pool's size: a free list (room, add), chains of the
 * records made through one (space, slot) (find, count, take_source),
 * chains of the records in one target space (overlaps, covering,
 * drop_target), each chain hashed into a bucket and filtered on walking,
 * and a small table of each source space's record count (its quota).
 * Zeroed memory is an empty database: records never used lie past
 * `untouched`, freed ones on the free list.  Records never overlap in one
 * target: mem_map refuses a va already mapped (E_MAPPED), and mapdb_add
 * asserts it.
 */
#include "kernel/mm/mapdb.h"
#include "kernel/lib.h"

#define SRC_BUCKETS  256       /* (space, slot) chains */
#define TGT_BUCKETS  64        /* target-space chains */
#define OWNERS       128       /* source spaces with a count (the kernel has MAX_TASKS) */

struct rec {
	struct mapping m;          /* first: a struct mapping * is its struct rec * */
	struct rec *snext, *sprev; /* the (src, slot) chain; snext also links the free list */
	struct rec *tnext, *tprev; /* the target chain */
};

struct owner {
	const void *src;           /* 0: never used; a stale src with n 0 may be taken over */
	uint32_t n;
};

static struct rec db[MAPDB_RECORDS];
static struct rec *src_head[SRC_BUCKETS], *tgt_head[TGT_BUCKETS], *free_head;
static uint32_t untouched, live;
static struct owner owners[OWNERS];

/*
 * Cheap hashes (a few instructions: they run on every map, unmap and
 * protect); a collision only lengthens a walk that filters anyway.
 */
static uint32_t mix(const void *p)
{
	uint32_t x = (uint32_t)(uintptr_t)p;
	return (x ^ (x >> 12)) >> 4;
}

/* A space's slots fall in consecutive buckets: one add on top of the space's spread. */
static struct rec **src_chain(const void *src, uint32_t slot)
{
	return &src_head[((uint32_t)(uintptr_t)src / 64u + slot) % SRC_BUCKETS];
}

static struct rec **tgt_chain(const void *target)
{
	return &tgt_head[mix(target) % TGT_BUCKETS];
}

void mapdb_init(void)
{
	memset(db, 0, sizeof(db));
	memset(owners, 0, sizeof(owners));
	memset(src_head, 0, sizeof(src_head));
	memset(tgt_head, 0, sizeof(tgt_head));
	free_head = 0;
	untouched = live = 0;
}

/*
 * src's count, probed linearly from its hash.  A stale entry (count 0)
 * only ever makes a probe go on, so a new source may take it over; with
 * make set, a missing src gets one (0 when none is left: no room).
 */
static struct owner *owner_of(const void *src, int make)
{
	uint32_t h = mix(src) % OWNERS;
	struct owner *spare = 0;
	for (uint32_t k = 0; k < OWNERS; k++) {
		struct owner *o = &owners[(h + k) % OWNERS];
		if (o->src == src)
			return o;
		if (!spare && o->n == 0)
			spare = o;
		if (!o->src)
			break;
	}
	if (make && spare)
		*spare = (struct owner){ src, 0 };
	return make ? spare : 0;
}

int mapdb_room(const void *src)
{
	if (live == MAPDB_RECORDS)
		return 0;
	struct owner *o = owner_of(src, 0);
	return o ? o->n < MAPDB_QUOTA : owner_of(src, 1) != 0;
}

struct mapping *mapdb_add(const struct mapping *m)
{
	KASSERT(m->src && m->target && m->npages > 0);
	KASSERT(!mapdb_overlaps(m->target, m->va, m->npages));
	struct owner *o = owner_of(m->src, 1);
	if (live == MAPDB_RECORDS || !o || o->n >= MAPDB_QUOTA)
		panic("mapdb_add: full (decode checks mapdb_room)");
	struct rec *r = free_head;
	if (r)
		free_head = r->snext;
	else
		r = &db[untouched++];
	live++;
	o->n++;
	struct rec **sh = src_chain(m->src, m->slot), **th = tgt_chain(m->target);
	*r = (struct rec){ .m = *m, .snext = *sh, .tnext = *th };
	if (*sh)
		(*sh)->sprev = r;
	if (*th)
		(*th)->tprev = r;
	*sh = *th = r;
	return &r->m;
}

struct mapping *mapdb_find(const void *src, uint32_t slot, const void *target, uint32_t va)
{
	for (struct rec *r = *src_chain(src, slot); r; r = r->snext)
		if (r->m.va == va && r->m.src == src && r->m.slot == slot && r->m.target == target)
			return &r->m;
	return 0;
}

/* Both ranges are page counts from page-aligned starts, so the ends may be compared in pages. */
static int ranges_meet(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
	uint32_t ap = a / 4096u, bp = b / 4096u;
	return ap < bp + bn && bp < ap + an;
}

/* The first record of target meeting [va, va + npages pages), or 0. */
static struct mapping *first_meeting(const void *target, uint32_t va, uint32_t npages)
{
	for (struct rec *r = *tgt_chain(target); r; r = r->tnext)
		if (r->m.target == target && ranges_meet(r->m.va, r->m.npages, va, npages))
			return &r->m;
	return 0;
}

struct mapping *mapdb_covering(const void *target, uint32_t va)
{
	return first_meeting(target, va, 1);
}

int mapdb_overlaps(const void *target, uint32_t va, uint32_t npages)
{
	return first_meeting(target, va, npages) != 0;
}

uint32_t mapdb_count_source(const void *src, uint32_t slot)
{
	uint32_t n = 0;
	for (struct rec *r = *src_chain(src, slot); r; r = r->snext)
		n += r->m.src == src && r->m.slot == slot;
	return n;
}

void mapdb_remove(struct mapping *m)
{
	KASSERT((struct rec *)m >= db && (struct rec *)m < db + MAPDB_RECORDS && m->src);
	struct rec *r = (struct rec *)m;
	if (r->sprev)
		r->sprev->snext = r->snext;
	else
		*src_chain(m->src, m->slot) = r->snext;
	if (r->snext)
		r->snext->sprev = r->sprev;
	if (r->tprev)
		r->tprev->tnext = r->tnext;
	else
		*tgt_chain(m->target) = r->tnext;
	if (r->tnext)
		r->tnext->tprev = r->tprev;
	struct owner *o = owner_of(m->src, 0);
	KASSERT(o && o->n > 0);
	o->n--;
	*r = (struct rec){ .snext = free_head };
	free_head = r;
	live--;
}

void mapdb_take_source(const void *src, uint32_t slot, void (*undo)(const struct mapping *m))
{
	struct rec *next;
	for (struct rec *r = *src_chain(src, slot); r; r = next) {
		next = r->snext;
		if (r->m.src == src && r->m.slot == slot) {
			undo(&r->m);
			mapdb_remove(&r->m);
		}
	}
}

void mapdb_drop_target(const void *target)
{
	struct rec *next;
	for (struct rec *r = *tgt_chain(target); r; r = next) {
		next = r->tnext;
		if (r->m.target == target)
			mapdb_remove(&r->m);
	}
}

const struct mapping *mapdb_at(uint32_t i)
{
	return i < MAPDB_RECORDS ? &db[i].m : 0;
}
