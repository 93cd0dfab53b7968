/*
 * mapdb.c - the mapping database (kernel/mm/mapdb.h) as a fixed array
 * searched in full.  A plain array, not a tree per cap: it is small
 * (MAPDB_RECORDS), every search is obviously right, and the searches run
 * on map, unmap, protect and when a memory cap leaves its slot, never on
 * a hot path.  Records never overlap in one target: mem_map refuses a va
 * already mapped (E_MAPPED), which mapdb_overlaps helps decide.
 */
#include "kernel/mm/mapdb.h"
#include "kernel/lib.h"

static struct mapping db[MAPDB_RECORDS];

void mapdb_init(void)
{
	memset(db, 0, sizeof(db));
}

int mapdb_room(const void *src)
{
	uint32_t mine = 0, free = 0;
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++) {
		mine += db[i].src == src;
		free += db[i].src == 0;
	}
	return free > 0 && mine < MAPDB_QUOTA;
}

struct mapping *mapdb_add(const struct mapping *m)
{
	KASSERT(m->src && m->target && m->npages > 0);
	KASSERT(!mapdb_overlaps(m->target, m->va, m->npages));
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (!db[i].src) {
			db[i] = *m;
			return &db[i];
		}
	panic("mapdb_add: full (decode checks mapdb_room)");
}

struct mapping *mapdb_find(const void *src, uint32_t slot, const void *target, uint32_t va)
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (db[i].src == src && db[i].slot == slot && db[i].target == target && db[i].va == va)
			return &db[i];
	return 0;
}

/* Both ranges are page counts from page-aligned starts, so the ends may be compared in pages. */
static int ranges_meet(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
	uint32_t ap = a / 4096u, bp = b / 4096u;
	return ap < bp + bn && bp < ap + an;
}

int mapdb_overlaps(const void *target, uint32_t va, uint32_t npages)
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (db[i].src && db[i].target == target && ranges_meet(db[i].va, db[i].npages, va, npages))
			return 1;
	return 0;
}

struct mapping *mapdb_covering(const void *target, uint32_t va)
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (db[i].src && db[i].target == target && ranges_meet(db[i].va, db[i].npages, va, 1))
			return &db[i];
	return 0;
}

uint32_t mapdb_count_source(const void *src, uint32_t slot)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		n += db[i].src == src && db[i].slot == slot;
	return n;
}

void mapdb_remove(struct mapping *m)
{
	KASSERT(m >= db && m < db + MAPDB_RECORDS && m->src);
	*m = (struct mapping){ 0 };
}

void mapdb_take_source(const void *src, uint32_t slot, void (*undo)(const struct mapping *m))
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (db[i].src == src && db[i].slot == slot) {
			undo(&db[i]);
			mapdb_remove(&db[i]);
		}
}

void mapdb_drop_target(const void *target)
{
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		if (db[i].src && db[i].target == target)
			mapdb_remove(&db[i]);
}

const struct mapping *mapdb_at(uint32_t i)
{
	return i < MAPDB_RECORDS ? &db[i] : 0;
}
