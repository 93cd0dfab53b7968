/*
 * mapdb.h - the mapping database: one record per mem_map, naming the cap
 * it was made through (source space and slot), the space it went into,
 * where, how many pages of which physical memory and with which rights.
 * A mapping is a child of its cap: when the cap leaves its slot every
 * record made through it goes, in every space (mapdb_take_source), and a
 * space that dies drops the records that point into it
 * (mapdb_drop_target).  Pure bookkeeping over opaque pointers - the page
 * tables are kernel/mm/vm.c's - so the host test drives it against a
 * model (tests/unit/test_mapdb.c).
 */
#ifndef KERNEL_MM_MAPDB_H
#define KERNEL_MM_MAPDB_H

#include <stdint.h>

#define MAPDB_RECORDS 1024   /* records in all */
#define MAPDB_QUOTA   128    /* records made through the caps of one space */

struct mapping {
	const void *src;     /* the space holding the cap (a struct cspace); 0: a free record */
	uint32_t slot;       /* ... and its slot */
	void *target;        /* the space mapped into (a struct aspace) */
	uint32_t va, pa, npages;
	uint32_t rights;     /* MEM_R | MEM_W */
	uint32_t vmflags;    /* what vm.c needs to rebuild the entries (uncached) */
};

void mapdb_init(void);
/* Whether one more record through src's caps fits (pool and quota). */
int mapdb_room(const void *src);
/* Adds a record (mapdb_room checked); never fails. */
struct mapping *mapdb_add(const struct mapping *m);
/* The record made through (src, slot) into target at va, or 0. */
struct mapping *mapdb_find(const void *src, uint32_t slot, const void *target, uint32_t va);
/* Whether any record of target covers a page of [va, va + npages pages). */
int mapdb_overlaps(const void *target, uint32_t va, uint32_t npages);
/* The record of target covering va, or 0. */
struct mapping *mapdb_covering(const void *target, uint32_t va);
/* Records made through (src, slot). */
uint32_t mapdb_count_source(const void *src, uint32_t slot);
/* Frees a record. */
void mapdb_remove(struct mapping *m);
/*
 * Removes every record made through (src, slot), calling undo on each
 * first (vm.c clears its entries there): the cap left its slot.
 */
void mapdb_take_source(const void *src, uint32_t slot, void (*undo)(const struct mapping *m));
/* Forgets every record into target: the space is being destroyed. */
void mapdb_drop_target(const void *target);
/* For the invariant checker and tests: the i-th record slot (free ones have src 0). */
const struct mapping *mapdb_at(uint32_t i);

#endif
