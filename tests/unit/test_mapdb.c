/*
 * test_mapdb.c - kernel/mm/mapdb.c, the mapping database, driven by
 * thousands of seeded random operations - map, unmap, protect, a cap
 * leaving its slot (revoke, delete, move: take_source) and a space dying
 * (drop_target) - against a model that is a plain list, checked in full
 * after every step.  Reproducible: a failure names its seed and step.
 */
#include <stdint.h>
#include <string.h>

#include "abi/syscalls.h"
#include "kernel/mm/mapdb.h"
#include "tests/unit/unit.h"

#define NSRC 4
#define NSLOT 6
#define NTGT 4
#define NPAGES_WINDOW 48
#define VA0 0x40000000u

static char srcs[NSRC], tgts[NTGT];   /* opaque identities, as the kernel's spaces are */

struct rec {
	int live, src, slot, tgt;
	uint32_t va, pa, npages, rights;
};
static struct rec model[4096];
static int nmodel;

static uint32_t rng;
static uint32_t rnd(uint32_t n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

static int model_overlaps(int tgt, uint32_t va, uint32_t n)
{
	for (int i = 0; i < nmodel; i++)
		if (model[i].live && model[i].tgt == tgt && model[i].va < va + n * 4096u &&
		    va < model[i].va + model[i].npages * 4096u)
			return 1;
	return 0;
}

static int model_find(int src, int slot, int tgt, uint32_t va)
{
	for (int i = 0; i < nmodel; i++)
		if (model[i].live && model[i].src == src && model[i].slot == slot && model[i].tgt == tgt &&
		    model[i].va == va)
			return i;
	return -1;
}

static int model_live(int src)
{
	int n = 0;
	for (int i = 0; i < nmodel; i++)
		n += model[i].live && (src < 0 || model[i].src == src);
	return n;
}

static uint32_t seed, step;
#define AT "seed %u step %u: "

static void compare(void)
{
	int in_db = 0;
	for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
		in_db += mapdb_at(i)->src != 0;
	ck_assert_msg(in_db == model_live(-1), AT "%d records, model has %d", seed, step, in_db, model_live(-1));
	for (int i = 0; i < nmodel; i++) {
		const struct rec *r = &model[i];
		if (!r->live)
			continue;
		struct mapping *m = mapdb_find(&srcs[r->src], (uint32_t)r->slot, &tgts[r->tgt], r->va);
		ck_assert_msg(m != 0, AT "record %d lost", seed, step, i);
		ck_assert_msg(m->pa == r->pa && m->npages == r->npages && m->rights == r->rights,
			      AT "record %d changed", seed, step, i);
		ck_assert_msg(mapdb_covering(&tgts[r->tgt], r->va + (r->npages - 1) * 4096u) == m,
			      AT "record %d's last page not covered by it", seed, step, i);
	}
	for (int s = 0; s < NSRC; s++)
		for (int k = 0; k < NSLOT; k++) {
			uint32_t n = 0;
			for (int i = 0; i < nmodel; i++)
				n += model[i].live && model[i].src == s && model[i].slot == k;
			ck_assert_msg(mapdb_count_source(&srcs[s], (uint32_t)k) == n, AT "count of source %d/%d",
				      seed, step, s, k);
		}
}

/* take_source's undo sees each record once, still in the database, and only its source's. */
static int undo_src, undo_slot, undone;
static void undo(const struct mapping *m)
{
	ck_assert_ptr_eq(m->src, &srcs[undo_src]);
	ck_assert_uint_eq(m->slot, (uint32_t)undo_slot);
	ck_assert_ptr_eq(mapdb_find(m->src, m->slot, m->target, m->va), m);
	undone++;
}

static void one_op(void)
{
	int src = (int)rnd(NSRC), slot = (int)rnd(NSLOT), tgt = (int)rnd(NTGT);
	uint32_t va = VA0 + rnd(NPAGES_WINDOW) * 4096u, n = 1 + rnd(4);
	uint32_t op = rnd(100);
	if (op < 50) {                                   /* map */
		int overlap = model_overlaps(tgt, va, n);
		ck_assert_msg(mapdb_overlaps(&tgts[tgt], va, n) == overlap, AT "overlap", seed, step);
		int room = model_live(src) < MAPDB_QUOTA && model_live(-1) < MAPDB_RECORDS;
		ck_assert_msg(mapdb_room(&srcs[src]) == room, AT "room", seed, step);
		if (overlap || !room)
			return;
		struct mapping m = { &srcs[src], (uint32_t)slot, &tgts[tgt], va, 0x100000u * (1 + rnd(9)), n,
				     MEM_R | (rnd(2) ? MEM_W : 0), 0 };
		mapdb_add(&m);
		ck_assert_int_lt(nmodel, (int)(sizeof(model) / sizeof(model[0])));
		model[nmodel++] = (struct rec){ 1, src, slot, tgt, va, m.pa, n, m.rights };
	} else if (op < 70) {                            /* unmap */
		int i = model_find(src, slot, tgt, va);
		struct mapping *m = mapdb_find(&srcs[src], (uint32_t)slot, &tgts[tgt], va);
		ck_assert_msg((i >= 0) == (m != 0), AT "find", seed, step);
		if (m) {
			mapdb_remove(m);
			model[i].live = 0;
		}
	} else if (op < 85) {                            /* protect */
		int i = model_find(src, slot, tgt, va);
		struct mapping *m = mapdb_find(&srcs[src], (uint32_t)slot, &tgts[tgt], va);
		ck_assert_msg((i >= 0) == (m != 0), AT "find", seed, step);
		if (m)
			m->rights = model[i].rights = MEM_R | (rnd(2) ? MEM_W : 0);
	} else if (op < 95) {                            /* the cap leaves its slot */
		undo_src = src;
		undo_slot = slot;
		undone = 0;
		mapdb_take_source(&srcs[src], (uint32_t)slot, undo);
		int expect = 0;
		for (int i = 0; i < nmodel; i++)
			if (model[i].live && model[i].src == src && model[i].slot == slot) {
				model[i].live = 0;
				expect++;
			}
		ck_assert_msg(undone == expect, AT "undone %d of %d", seed, step, undone, expect);
	} else {                                         /* the target space dies */
		mapdb_drop_target(&tgts[tgt]);
		for (int i = 0; i < nmodel; i++)
			if (model[i].tgt == tgt)
				model[i].live = 0;
	}
}

/* Squeezes out dead model entries so that thousands of steps fit. */
static void compact(void)
{
	int j = 0;
	for (int i = 0; i < nmodel; i++)
		if (model[i].live)
			model[j++] = model[i];
	nmodel = j;
}

static void noop_undo(const struct mapping *m)
{
	ck_assert_ptr_nonnull(m->src);
}

START_TEST(test_random_operations_match_the_model)
{
	for (seed = 1; seed <= 8; seed++) {
		rng = seed;
		mapdb_init();
		nmodel = 0;
		for (step = 0; step < 1000; step++) {
			one_op();
			compare();
			if (nmodel > 2000)
				compact();
		}
	}
}
END_TEST

START_TEST(test_quota_per_source_space)
{
	mapdb_init();
	for (uint32_t i = 0; i < MAPDB_QUOTA; i++) {
		ck_assert(mapdb_room(&srcs[0]));
		struct mapping m = { &srcs[0], 0, &tgts[0], VA0 + i * 4096u, 0, 1, MEM_R, 0 };
		mapdb_add(&m);
	}
	ck_assert(!mapdb_room(&srcs[0]));
	ck_assert(mapdb_room(&srcs[1]));
	mapdb_drop_target(&tgts[0]);
	ck_assert(mapdb_room(&srcs[0]));
}
END_TEST

START_TEST(test_overlap_is_per_target_and_exact)
{
	mapdb_init();
	struct mapping m = { &srcs[0], 0, &tgts[0], VA0 + 4 * 4096u, 0, 2, MEM_R, 0 };
	mapdb_add(&m);
	ck_assert(!mapdb_overlaps(&tgts[0], VA0 + 2 * 4096u, 2));   /* ends just before */
	ck_assert(mapdb_overlaps(&tgts[0], VA0 + 3 * 4096u, 2));
	ck_assert(mapdb_overlaps(&tgts[0], VA0 + 5 * 4096u, 1));
	ck_assert(!mapdb_overlaps(&tgts[0], VA0 + 6 * 4096u, 1));   /* starts just after */
	ck_assert(!mapdb_overlaps(&tgts[1], VA0 + 4 * 4096u, 2));
	ck_assert(mapdb_overlaps(&tgts[0], VA0, 100));
}
END_TEST

/*
 * The pool runs out at exactly MAPDB_RECORDS records, from many source
 * spaces (more than the quota lets one have), whatever order they were
 * freed in: the free list and the per-space counts follow every removal,
 * and a space whose records all went may be replaced by another.
 */
START_TEST(test_pool_fills_and_refills_exactly)
{
	enum { NSPACE = MAPDB_RECORDS / MAPDB_QUOTA + 1 };
	static char space[NSPACE * 2], target;
	mapdb_init();
	for (int round = 0; round < 3; round++) {
		char *base = &space[round % 2 ? NSPACE : 0];
		uint32_t made = 0;
		for (int s = 0; s < NSPACE; s++)
			for (uint32_t i = 0; i < MAPDB_QUOTA; i++) {
				int room = made < MAPDB_RECORDS;
				ck_assert_int_eq(mapdb_room(&base[s]), room);
				if (!room)
					break;
				struct mapping m = { &base[s], i % 3, &target, VA0 + made * 4096u, 0, 1, MEM_R, 0 };
				mapdb_add(&m);
				made++;
			}
		ck_assert_uint_eq(made, MAPDB_RECORDS);
		ck_assert_uint_eq(mapdb_count_source(&base[0], 1), (MAPDB_QUOTA + 1) / 3);
		ck_assert(mapdb_covering(&target, VA0 + 77 * 4096u) != 0);
		/* Free every other source's records first, then the rest. */
		for (int pass = 0; pass < 2; pass++)
			for (int s = pass; s < NSPACE; s += 2)
				for (uint32_t k = 0; k < 3; k++) {
					mapdb_take_source(&base[s], k, noop_undo);
				}
		for (uint32_t i = 0; i < MAPDB_RECORDS; i++)
			ck_assert_ptr_null(mapdb_at(i)->src);
		ck_assert(!mapdb_overlaps(&target, VA0, MAPDB_RECORDS));
	}
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("mapdb");
	TCase *tc = tcase_create("mapdb");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_random_operations_match_the_model);
	tcase_add_test(tc, test_quota_per_source_space);
	tcase_add_test(tc, test_overlap_is_per_target_and_exact);
	tcase_add_test(tc, test_pool_fills_and_refills_exactly);
	suite_add_tcase(s, tc);
	return s;
}
