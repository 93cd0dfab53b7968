/*
 * test_iocap_iotss.c - the per-CPU TSS bitmap switch the kernel runs at every
 * task switch: after any sequence of switches, rebuilds (revokes) and slot
 * reuse, the TSS equals the running holder's bitmap byte for byte; tasks
 * without ports leave it untouched; a current copy is not rewritten and a
 * stale one (older version, same owner) always is.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "iocap/iotss.h"

#define NTASKS 6

struct ftask {
	uint8_t bm[IOBITMAP_BYTES] __attribute__((aligned(4)));
	struct iobm_view v;
};

static uint8_t tss[IOBITMAP_BYTES] __attribute__((aligned(4)));
static uint8_t shared[IOBITMAP_BYTES] __attribute__((aligned(4)));
static struct iotss s;
static struct ftask tasks[NTASKS];
static uint32_t version_seq;

static void setup(void)
{
	memset(tss, 0xFF, sizeof(tss));
	memset(shared, 0xA5, sizeof(shared));   /* written before its first use */
	iotss_init(&s, tss, shared);
	version_seq = 0;
	memset(tasks, 0, sizeof(tasks));
}

/* Rebuilds t from n caps, as the kernel does after any capability change. */
static void grant(struct ftask *t, const struct ioports *caps, int n)
{
	struct iobitmap_extent ext;
	iobitmap_build(t->bm, caps, n, &ext);
	iotss_view_init(&t->v, ++version_seq, t->bm, ext);
}

static struct ioports cap(uint32_t base, uint32_t count)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(base, count, IOR_ALL, &c), 0);
	return c;
}

static void grant1(struct ftask *t, uint32_t base, uint32_t count)
{
	struct ioports c = cap(base, count);
	grant(t, &c, 1);
}

static void assert_tss_is(const uint8_t *want)
{
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++)
		if (tss[i] != want[i])
			ck_abort_msg("tss byte %u is 0x%02x, want 0x%02x", i, tss[i], want[i]);
}

START_TEST(no_ports_writes_nothing)
{
	grant(&tasks[0], 0, 0);
	ck_assert(!iotss_switch(&s, &tasks[0].v, false));
	ck_assert(!iotss_switch(&s, &tasks[0].v, true));
	ck_assert_uint_eq(s.loads, 0);
	uint8_t ff[IOBITMAP_BYTES];
	memset(ff, 0xFF, sizeof(ff));
	assert_tss_is(ff);
}
END_TEST

START_TEST(holder_then_none_then_holder_loads_once)
{
	grant1(&tasks[0], 0x2F8, 8);
	grant(&tasks[1], 0, 0);
	ck_assert(iotss_switch(&s, &tasks[0].v, false));
	assert_tss_is(tasks[0].bm);
	ck_assert(!iotss_switch(&s, &tasks[1].v, false));
	ck_assert(iotss_switch(&s, &tasks[0].v, false));
	ck_assert_uint_eq(s.loads, 1);
	assert_tss_is(tasks[0].bm);
}
END_TEST

START_TEST(revoke_is_never_served_from_a_stale_copy)
{
	grant1(&tasks[0], 0x60, 5);
	ck_assert(iotss_switch(&s, &tasks[0].v, false));
	/* Same owner, narrower grant (a revoke): the old copy must not survive. */
	grant1(&tasks[0], 0x60, 1);
	ck_assert(iotss_switch(&s, &tasks[0].v, false));
	ck_assert_uint_eq(s.loads, 2);
	assert_tss_is(tasks[0].bm);
	ck_assert(!iobitmap_allows(tss, 0x64, 1));
	/* Everything revoked: no ports at all, and the TSS is not consulted. */
	grant(&tasks[0], 0, 0);
	ck_assert(!iotss_switch(&s, &tasks[0].v, false));
}
END_TEST

START_TEST(wide_to_narrow_leaks_nothing)
{
	grant1(&tasks[0], 0, IOPORTS_SPACE);
	grant1(&tasks[1], 0xFFFF, 1);
	ck_assert(iotss_switch(&s, &tasks[0].v, false));
	ck_assert(iotss_switch(&s, &tasks[1].v, false));
	assert_tss_is(tasks[1].bm);
	ck_assert(!iobitmap_allows(tss, 0, 1));
	ck_assert(iobitmap_allows(tss, 0xFFFF, 1));
}
END_TEST

START_TEST(eager_then_lazy_restores_everything)
{
	grant1(&tasks[0], 0, IOPORTS_SPACE);
	grant1(&tasks[1], 0x1F0, 8);
	ck_assert(iotss_switch(&s, &tasks[0].v, true));
	assert_tss_is(tasks[0].bm);
	ck_assert(iotss_switch(&s, &tasks[1].v, false));
	assert_tss_is(tasks[1].bm);
	/* Eager never trusts the version record: each switch is a full copy. */
	ck_assert(iotss_switch(&s, &tasks[1].v, true));
	ck_assert(iotss_switch(&s, &tasks[1].v, true));
	ck_assert_uint_eq(s.loads, 4);
	assert_tss_is(tasks[1].bm);
}
END_TEST

/*
 * The kernel's #GP path asks whether the TSS lags the task (its
 * version, kernel/object/taskio.c:task_io_stale) and, if so, reloads and
 * retries.  An eager copy that recorded no version looked stale
 * for ever: a task that touched a port it did not hold under
 * iobitmap=eager retried the instruction without end.
 */
START_TEST(eager_copy_records_its_holder)
{
	grant1(&tasks[1], 0x1F0, 8);
	ck_assert(iotss_switch(&s, &tasks[1].v, true));
	ck_assert_uint_eq(s.version, tasks[1].v.version);
}
END_TEST

/*
 * The one-word short path: grants that fit a 32-bit word of the bitmap and
 * grants that straddle two, at every port offset near the start of the
 * space, alternating with one-word holders near and far and a wide one.
 */
START_TEST(word_sized_grants_at_every_offset)
{
	static const uint32_t counts[] = { 1, 7, 8, 9, 24, 31, 32, 33, 40, 64, 65 };
	static const int order[] = { 0, 1, 0, 3, 0, 2 };
	grant1(&tasks[1], 0x2F8, 8);
	grant1(&tasks[2], 0x100, 0x300);
	grant1(&tasks[3], 0x8, 4);
	for (uint32_t base = 0; base < 0x140; base++)
		for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
			grant1(&tasks[0], base, counts[i]);
			for (unsigned k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
				struct ftask *t = &tasks[order[k]];
				ck_assert(iotss_switch(&s, &t->v, false));
				assert_tss_is(t->bm);
			}
		}
}
END_TEST

/* t holds the whole space, a bitmap of generation gen that every such holder shares. */
static void grant_whole(struct ftask *t, uint32_t gen)
{
	grant1(t, 0, IOPORTS_SPACE);
	t->v.shared_gen = gen;
}

static void assert_shared_is(const uint8_t *want)
{
	ck_assert_msg(memcmp(shared, want, IOBITMAP_BYTES) == 0, "the shared area");
}

/*
 * Whole-space holders run on the shared area: written once per
 * generation, never the TSS's own bitmap, which keeps its holder's copy.
 */
START_TEST(whole_space_holders_share_one_area)
{
	uint8_t ff[IOBITMAP_BYTES];
	memset(ff, 0xFF, sizeof(ff));
	grant_whole(&tasks[0], 1);
	grant_whole(&tasks[2], 1);
	grant1(&tasks[1], 0x2F8, 8);
	ck_assert_int_eq(iotss_switch(&s, &tasks[0].v, false), IOTSS_SHARED);
	assert_shared_is(tasks[0].bm);
	assert_tss_is(ff);
	ck_assert_uint_eq(s.loads, 1);
	ck_assert_int_eq(iotss_switch(&s, &tasks[1].v, false), IOTSS_OWN);
	assert_tss_is(tasks[1].bm);
	ck_assert_int_eq(iotss_switch(&s, &tasks[2].v, false), IOTSS_SHARED);
	ck_assert_int_eq(iotss_switch(&s, &tasks[0].v, false), IOTSS_SHARED);
	ck_assert_int_eq(iotss_switch(&s, &tasks[1].v, false), IOTSS_OWN);
	ck_assert_uint_eq(s.loads, 2);      /* the shared area once, tasks[1]'s bitmap once */
	assert_tss_is(tasks[1].bm);
	/* A new generation (the kernel owns a port more): written again, once. */
	grant_whole(&tasks[0], 2);
	tasks[0].bm[0] = 0x01;
	ck_assert_int_eq(iotss_switch(&s, &tasks[0].v, false), IOTSS_SHARED);
	assert_shared_is(tasks[0].bm);
	ck_assert_uint_eq(s.loads, 3);
	/* The view says shared, eager or not (the kernel shares nothing under iobitmap=eager). */
	ck_assert_int_eq(iotss_switch(&s, &tasks[0].v, true), IOTSS_SHARED);
	ck_assert_uint_eq(s.loads, 3);
}
END_TEST

/* A random cap set: up to 4 ranges, biased to byte edges and the top of the space; 1 in 8 the whole space, shared. */
static void random_grant(struct ftask *t)
{
	struct ioports caps[4];
	if (rand() % 8 == 0) {
		grant_whole(t, 1);
		return;
	}
	int n = rand() % 5;
	for (int i = 0; i < n; i++) {
		uint32_t base;
		switch (rand() % 4) {
		case 0: base = 0xFFF8 + (uint32_t)(rand() % 8); break;
		case 1: base = ((uint32_t)rand() % 0x2000) * 8 - (uint32_t)(rand() % 2); break;
		default: base = (uint32_t)rand() % IOPORTS_SPACE; break;
		}
		base %= IOPORTS_SPACE;
		uint32_t room = IOPORTS_SPACE - base;
		uint32_t count = 1 + (uint32_t)rand() % (rand() % 8 ? 40 : room);
		if (count > room)
			count = room;
		caps[i] = cap(base, count);
	}
	grant(t, caps, n);
}

/* The property the hardware relies on, over thousands of mixed events. */
START_TEST(random_switches_match_the_running_holder)
{
	srand(0x10b17 + (unsigned)_i);
	for (int i = 0; i < NTASKS; i++)
		random_grant(&tasks[i]);
	for (int step = 0; step < 3000; step++) {
		struct ftask *t = &tasks[rand() % NTASKS];
		if (rand() % 5 == 0)
			random_grant(t);            /* derive, revoke, delete or respawn */
		bool eager = rand() % 17 == 0;
		uint32_t loads = s.loads;
		uint32_t version = s.version;
		enum iotss_mode mode = iotss_switch(&s, &t->v, eager);
		ck_assert_int_eq(mode != IOTSS_OFF, !iobitmap_extent_empty(&t->v.ext));
		ck_assert_int_eq(mode == IOTSS_SHARED, t->v.shared_gen != 0);
		if (mode == IOTSS_OFF)
			continue;
		if (mode == IOTSS_SHARED) {
			assert_shared_is(t->bm);
			continue;
		}
		assert_tss_is(t->bm);
		if (!eager && version == t->v.version)
			ck_assert_uint_eq(s.loads, loads);   /* current copy: one store only */
	}
}
END_TEST

Suite *iocap_iotss_suite(void)
{
	Suite *s = suite_create("iocap_iotss");
	TCase *tc = tcase_create("switch");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, no_ports_writes_nothing);
	tcase_add_test(tc, holder_then_none_then_holder_loads_once);
	tcase_add_test(tc, revoke_is_never_served_from_a_stale_copy);
	tcase_add_test(tc, wide_to_narrow_leaks_nothing);
	tcase_add_test(tc, eager_then_lazy_restores_everything);
	tcase_add_test(tc, eager_copy_records_its_holder);
	tcase_add_test(tc, word_sized_grants_at_every_offset);
	tcase_add_test(tc, whole_space_holders_share_one_area);
	tcase_add_loop_test(tc, random_switches_match_the_running_holder, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
