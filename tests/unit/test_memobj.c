/*
 * test_memobj.c - kernel/mm/memobj.c, the Untyped and Frame objects: the
 * watermark, the live count, memory returning when live drops to 0,
 * child budgets that can never exceed what they cover, and objects that
 * stay while a cap names them or something carved from them lives.
 */
#include <stdint.h>

#include "kernel/mm/memobj.h"
#include "tests/unit/unit.h"

#define BASE 0x01000000u

static void setup(void)
{
	memobj_init();
}

/* A root budget of npages that a cap names, as the root task's is. */
static struct untyped *named_root(uint32_t npages)
{
	struct untyped *u = ut_make_root(BASE, npages);
	ut_ref(u, +1);
	return u;
}

START_TEST(test_carve_moves_watermark_and_counts_live)
{
	struct untyped *u = named_root(10);
	ck_assert(ut_fits(u, 10));
	ck_assert(!ut_fits(u, 11));
	ck_assert(!ut_fits(u, 0));
	ck_assert_uint_eq(ut_carve(u, 3), BASE);
	ck_assert_uint_eq(ut_carve(u, 2), BASE + 3 * MEM_PAGE);
	ck_assert_uint_eq(u->watermark, 5);
	ck_assert_uint_eq(u->live, 2);
	ck_assert_uint_eq(ut_outstanding(u), 5);
	ck_assert(ut_fits(u, 5));
	ck_assert(!ut_fits(u, 6));
}
END_TEST

START_TEST(test_fits_never_overflows)
{
	struct untyped *u = ut_make_root(BASE, 4);
	ut_carve(u, 3);
	ck_assert(!ut_fits(u, 0xFFFFFFFFu));
	ck_assert(!ut_fits(u, 0x80000000u));
	ck_assert(ut_fits(u, 1));
	ck_assert(!ut_fits(u, 2));
}
END_TEST

START_TEST(test_memory_returns_only_when_live_is_zero)
{
	struct untyped *u = named_root(8);
	struct memframe *a = ut_carve_frame(u, 4);
	struct memframe *b = ut_carve_frame(u, 4);
	mf_ref(a, +1);
	mf_ref(b, +1);
	ck_assert(!ut_fits(u, 1));
	mf_ref(a, -1);                   /* a's pages are below b's: not reusable yet */
	ck_assert_uint_eq(u->live, 1);
	ck_assert_uint_eq(ut_outstanding(u), 8);
	ck_assert(!ut_fits(u, 1));
	mf_ref(b, -1);
	ck_assert_uint_eq(u->live, 0);
	ck_assert_uint_eq(ut_outstanding(u), 0);
	ck_assert(ut_fits(u, 8));
	ck_assert_ptr_null(a->ut);      /* both pool entries free again */
	ck_assert_ptr_null(b->ut);
}
END_TEST

START_TEST(test_frame_lives_while_any_cap_names_it)
{
	struct untyped *u = named_root(4);
	struct memframe *f = ut_carve_frame(u, 1);
	mf_ref(f, +1);
	mf_ref(f, +1);                   /* cap_copy */
	mf_ref(f, -1);
	ck_assert_uint_eq(u->live, 1);
	mf_ref(f, -1);
	ck_assert_uint_eq(u->live, 0);
}
END_TEST

START_TEST(test_child_budget_is_disjoint_and_bounded)
{
	struct untyped *root = named_root(100);
	struct untyped *child = ut_carve_untyped(root, 10);
	ut_ref(child, +1);
	ck_assert_uint_eq(child->base, BASE);
	ck_assert_uint_eq(child->npages, 10);
	ck_assert_ptr_eq(child->parent, root);
	ck_assert_uint_eq(root->live, 1);
	ck_assert_uint_eq(ut_outstanding(root), 10);
	/* The child can carve its 10 pages and not one more, whatever the root has left. */
	ck_assert(ut_fits(child, 10));
	ck_assert(!ut_fits(child, 11));
	struct memframe *f = ut_carve_frame(child, 10);
	mf_ref(f, +1);
	ck_assert(!ut_fits(child, 1));
	ck_assert(ut_fits(root, 90));
	/* The root's next carve starts past the child's pages. */
	ck_assert_uint_eq(ut_carve(root, 1), BASE + 10 * MEM_PAGE);
	ut_put(root);
	ck_assert_uint_eq(root->live, 1);
	mf_ref(f, -1);
	ck_assert(ut_fits(child, 10));
}
END_TEST

START_TEST(test_child_returns_to_parent_when_unnamed_and_empty)
{
	struct untyped *root = named_root(16);
	struct untyped *child = ut_carve_untyped(root, 8);
	ut_ref(child, +1);
	struct memframe *f = ut_carve_frame(child, 2);
	mf_ref(f, +1);
	ut_ref(child, -1);               /* its cap went, but a frame carved from it lives */
	ck_assert_uint_eq(child->npages, 8);
	ck_assert_uint_eq(root->live, 1);
	mf_ref(f, -1);                   /* now nothing keeps it: back to the root */
	ck_assert_uint_eq(child->npages, 0);
	ck_assert_uint_eq(root->live, 0);
	ck_assert_uint_eq(ut_outstanding(root), 0);
}
END_TEST

START_TEST(test_deep_chain_unwinds)
{
	struct untyped *root = named_root(64), *u = root;
	struct untyped *chain[20];
	for (int i = 0; i < 20; i++) {
		chain[i] = ut_carve_untyped(u, 64 - 2 * (uint32_t)i - 2);
		ut_ref(chain[i], +1);
		u = chain[i];
	}
	struct memframe *f = ut_carve_frame(u, 1);
	mf_ref(f, +1);
	for (int i = 0; i < 20; i++)
		ut_ref(chain[i], -1);
	ck_assert_uint_eq(root->live, 1);
	mf_ref(f, -1);
	ck_assert_uint_eq(root->live, 0);
	for (int i = 0; i < 20; i++)
		ck_assert_uint_eq(chain[i]->npages, 0);
}
END_TEST

START_TEST(test_pools_report_what_is_left)
{
	struct untyped *u = named_root(MEM_FRAMES + 1);
	ck_assert(memobj_available(MEM_UNTYPEDS - 1, MEM_FRAMES));
	ck_assert(!memobj_available(MEM_UNTYPEDS, 0));
	for (int i = 0; i < MEM_FRAMES; i++)
		mf_ref(ut_carve_frame(u, 1), +1);
	ck_assert(!memobj_available(0, 1));
	ck_assert(memobj_available(1, 0));
	ck_assert_uint_eq(u->live, MEM_FRAMES);
}
END_TEST

/* The gone hook's calls: each object's owner, by kind. */
static int gone_count[MEMOBJ_KINDS], gone_owner;
static void count_gone(int owner, enum memobj_kind kind)
{
	gone_count[kind]++;
	gone_owner = owner;
}

/*
 * No task empties a pool for the others: a task within its quota may
 * create until only the root's reserve is left, the root until the pool
 * is empty; a task at its quota may not; each object's going is told
 * with its owner, and gives its entry back.
 */
START_TEST(test_quota_and_root_reserve)
{
	struct untyped *u = named_root(MEM_FRAMES + 8);
	struct memframe *f[MEM_FRAMES];
	memobj_gone_hook = count_gone;
	gone_count[MEMOBJ_FRAME] = gone_count[MEMOBJ_UNTYPED] = 0;
	ck_assert(memobj_may_create(MEMOBJ_FRAME, MEM_TASK_QUOTA - 1, 0));
	ck_assert(!memobj_may_create(MEMOBJ_FRAME, MEM_TASK_QUOTA, 0));
	ck_assert(!memobj_may_create(MEMOBJ_UNTYPED, MEM_TASK_QUOTA, 0));
	int n = 0;
	while (memobj_may_create(MEMOBJ_FRAME, 0, 0)) {
		f[n] = ut_carve_frame(u, 1);
		f[n]->owner = 7;
		mf_ref(f[n++], +1);
	}
	ck_assert_int_eq(n, MEM_FRAMES - MEM_ROOT_FRAMES);
	ck_assert(memobj_may_create(MEMOBJ_UNTYPED, 0, 0));      /* a pool of its own */
	while (memobj_may_create(MEMOBJ_FRAME, MEM_TASK_QUOTA, 1)) {
		f[n] = ut_carve_frame(u, 1);
		mf_ref(f[n++], +1);
	}
	ck_assert_int_eq(n, MEM_FRAMES);
	ck_assert(!memobj_available(0, 1));
	mf_ref(f[0], -1);
	ck_assert_int_eq(gone_count[MEMOBJ_FRAME], 1);
	ck_assert_int_eq(gone_owner, 7);
	ck_assert(memobj_may_create(MEMOBJ_FRAME, 0, 1));
	ck_assert(!memobj_may_create(MEMOBJ_FRAME, 0, 0));
	struct untyped *c = ut_carve_untyped(u, 1);
	c->owner = 9;
	ut_ref(c, +1);
	ut_ref(c, -1);
	ck_assert_int_eq(gone_count[MEMOBJ_UNTYPED], 1);
	ck_assert_int_eq(gone_owner, 9);
	memobj_gone_hook = 0;
}
END_TEST

START_TEST(test_owning_is_the_deepest_live_budget)
{
	struct untyped *root = named_root(64);
	uint32_t pt = ut_carve(root, 1);                 /* a page table carved from the root */
	struct untyped *child = ut_carve_untyped(root, 16);
	ut_ref(child, +1);
	uint32_t pt2 = ut_carve(child, 1);               /* ... and one from the child */
	ck_assert_ptr_eq(ut_owning(pt), root);
	ck_assert_ptr_eq(ut_owning(pt2), child);
	ck_assert_ptr_eq(ut_owning(child->base + 15 * MEM_PAGE), child);
	ck_assert_ptr_eq(ut_owning(child->base + 16 * MEM_PAGE), root);
	ck_assert_ptr_null(ut_owning(BASE - MEM_PAGE));   /* the kernel's pool: no Untyped */
	ck_assert_ptr_null(ut_owning(BASE + 64 * MEM_PAGE));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("memobj");
	TCase *tc = tcase_create("memobj");
	tcase_add_checked_fixture(tc, setup, 0);
	tcase_add_test(tc, test_carve_moves_watermark_and_counts_live);
	tcase_add_test(tc, test_fits_never_overflows);
	tcase_add_test(tc, test_memory_returns_only_when_live_is_zero);
	tcase_add_test(tc, test_frame_lives_while_any_cap_names_it);
	tcase_add_test(tc, test_child_budget_is_disjoint_and_bounded);
	tcase_add_test(tc, test_child_returns_to_parent_when_unnamed_and_empty);
	tcase_add_test(tc, test_deep_chain_unwinds);
	tcase_add_test(tc, test_pools_report_what_is_left);
	tcase_add_test(tc, test_owning_is_the_deepest_live_budget);
	tcase_add_test(tc, test_quota_and_root_reserve);
	suite_add_tcase(s, tc);
	return s;
}
