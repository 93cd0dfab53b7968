/*
 * test_frame.c - kernel/mm/frame.c, the bitmap frame allocator.  The pool
 * tracks NFRAMES frames, deliberately not a multiple of 32, and its bitmap
 * is a heap block of exactly the words frame_pool_init may use, so any
 * write past it is an AddressSanitizer error.  count_free() recomputes the
 * number of free frames from frame_is_free() to check nfree independently.
 */
#include <stdint.h>
#include <stdlib.h>

#include "kernel/mm/frame.h"
#include "tests/unit/unit.h"

#define NFRAMES 40u
#define NWORDS ((NFRAMES + 31) / 32)
#define PA(f) ((uint32_t)(f) * FRAME_SIZE)
#define NO_PA 0xDEADBEEFu

static struct frame_pool pool;
static uint32_t *bitmap;

static void setup(void)
{
	bitmap = malloc(NWORDS * sizeof(*bitmap));
	ck_assert_ptr_nonnull(bitmap);
	frame_pool_init(&pool, bitmap, NFRAMES);
}

static void teardown(void)
{
	free(bitmap);
}

static uint32_t count_free(void)
{
	uint32_t n = 0;
	for (uint32_t f = 0; f < NFRAMES; f++)
		n += frame_is_free(&pool, PA(f)) ? 1 : 0;
	return n;
}

static void free_all(void)
{
	frame_add_region(&pool, 0, (uint64_t)NFRAMES * FRAME_SIZE);
	ck_assert_uint_eq(pool.nfree, NFRAMES);
}

/* Frames [first, end) are free and every other frame is used. */
static void assert_free_exactly(uint32_t first, uint32_t end)
{
	for (uint32_t f = 0; f < NFRAMES; f++)
		ck_assert_msg(frame_is_free(&pool, PA(f)) == (f >= first && f < end),
			      "frame %u: free=%d, expected free only in [%u, %u)",
			      f, frame_is_free(&pool, PA(f)), first, end);
	ck_assert_uint_eq(pool.nfree, end > first ? end - first : 0);
}

START_TEST(test_init_leaves_every_frame_used)
{
	uint32_t pa = NO_PA;
	ck_assert_uint_eq(pool.nfree, 0);
	ck_assert_uint_eq(count_free(), 0);
	ck_assert_int_eq(frame_alloc(&pool, &pa), -1);
	ck_assert_uint_eq(pa, NO_PA);
}
END_TEST

START_TEST(test_init_writes_only_its_bitmap_words)
{
	/* 32 frames need one word, 33 need two: the word after stays intact. */
	uint32_t words[3] = { 0, 0x12345678u, 0x9ABCDEF0u };
	struct frame_pool p;
	frame_pool_init(&p, words, 32);
	ck_assert_uint_eq(words[0], 0xFFFFFFFFu);
	ck_assert_uint_eq(words[1], 0x12345678u);
	frame_pool_init(&p, words, 33);
	ck_assert_uint_eq(words[1], 0xFFFFFFFFu);
	ck_assert_uint_eq(words[2], 0x9ABCDEF0u);
}
END_TEST

START_TEST(test_add_region_frees_aligned_range)
{
	frame_add_region(&pool, PA(2), 3 * FRAME_SIZE);
	assert_free_exactly(2, 5);
}
END_TEST

START_TEST(test_add_region_frees_only_whole_frames)
{
	/* [0x1001, 0x4001): frames 1 and 4 are only partly inside. */
	frame_add_region(&pool, PA(1) + 1, 3 * FRAME_SIZE);
	assert_free_exactly(2, 4);
}
END_TEST

START_TEST(test_add_region_inside_one_frame_frees_nothing)
{
	frame_add_region(&pool, PA(3) + 0x800, FRAME_SIZE);
	frame_add_region(&pool, PA(5), FRAME_SIZE - 1);
	frame_add_region(&pool, PA(7) + 1, FRAME_SIZE - 1);
	assert_free_exactly(0, 0);
}
END_TEST

START_TEST(test_add_region_clamped_to_nframes)
{
	frame_add_region(&pool, PA(NFRAMES), 16 * FRAME_SIZE);
	assert_free_exactly(0, 0);
	frame_add_region(&pool, PA(NFRAMES - 2), 10 * FRAME_SIZE);
	assert_free_exactly(NFRAMES - 2, NFRAMES);
	frame_add_region(&pool, 0, 1ull << 40);
	assert_free_exactly(0, NFRAMES);
}
END_TEST

START_TEST(test_add_region_ignores_zero_length)
{
	frame_add_region(&pool, PA(4), 0);
	frame_add_region(&pool, 0, 0);
	assert_free_exactly(0, 0);
}
END_TEST

START_TEST(test_add_region_ignores_wrapping_region)
{
	/*
	 * base+len wraps to 0x1800: taken at face value the region would end
	 * past frame 0 and the rounded-up start would wrap to frame 0 too.
	 */
	frame_add_region(&pool, UINT64_MAX - 0x7FF, 0x2000);
	frame_add_region(&pool, PA(1), UINT64_MAX);
	assert_free_exactly(0, 0);
}
END_TEST

START_TEST(test_add_region_near_top_of_64bit_space_frees_nothing)
{
	/*
	 * [2^64 - 0xFFF, 2^64 - 0xFEF) does not wrap, holds no whole frame and
	 * lies far beyond frame NFRAMES.  Rounding the base up to a frame
	 * boundary overflows to frame 0, which frees frames 0..NFRAMES-1.
	 */
	frame_add_region(&pool, UINT64_MAX - 0xFFE, 0x10);
	assert_free_exactly(0, 0);
}
END_TEST

START_TEST(test_add_region_twice_counts_once)
{
	frame_add_region(&pool, PA(2), 4 * FRAME_SIZE);
	frame_add_region(&pool, PA(4), 4 * FRAME_SIZE);
	assert_free_exactly(2, 8);
	ck_assert_uint_eq(count_free(), 6);
}
END_TEST

START_TEST(test_reserve_marks_partially_touched_frames)
{
	free_all();
	/* Two bytes straddling the boundary between frames 1 and 2. */
	frame_reserve(&pool, PA(2) - 1, 2);
	/* One byte in the middle of frame 9. */
	frame_reserve(&pool, PA(9) + 100, 1);
	for (uint32_t f = 0; f < NFRAMES; f++)
		ck_assert_int_eq(frame_is_free(&pool, PA(f)), !(f == 1 || f == 2 || f == 9));
	ck_assert_uint_eq(pool.nfree, NFRAMES - 3);
}
END_TEST

START_TEST(test_reserve_up_to_uint64_max)
{
	free_all();
	/* The range ends exactly at the last 64-bit byte: no overflow. */
	frame_reserve(&pool, PA(30), UINT64_MAX - PA(30) + 1);
	assert_free_exactly(0, 30);
}
END_TEST

START_TEST(test_reserve_wrapping_range_stops_at_uint64_max)
{
	free_all();
	frame_reserve(&pool, PA(30), UINT64_MAX);
	assert_free_exactly(0, 30);
	frame_reserve(&pool, UINT64_MAX, 1);
	frame_reserve(&pool, UINT64_MAX, UINT64_MAX);
	assert_free_exactly(0, 30);
}
END_TEST

START_TEST(test_reserve_ignores_zero_length)
{
	free_all();
	frame_reserve(&pool, PA(3), 0);
	frame_reserve(&pool, PA(3) + 1, 0);
	assert_free_exactly(0, NFRAMES);
}
END_TEST

START_TEST(test_reserve_beyond_nframes_changes_nothing)
{
	free_all();
	frame_reserve(&pool, PA(NFRAMES), 64 * FRAME_SIZE);
	frame_reserve(&pool, 1ull << 40, FRAME_SIZE);
	assert_free_exactly(0, NFRAMES);
	frame_reserve(&pool, PA(NFRAMES - 1), 64 * FRAME_SIZE);
	assert_free_exactly(0, NFRAMES - 1);
}
END_TEST

START_TEST(test_reserve_twice_counts_once)
{
	free_all();
	frame_reserve(&pool, PA(4), 3 * FRAME_SIZE);
	frame_reserve(&pool, PA(5), 3 * FRAME_SIZE);
	ck_assert_uint_eq(pool.nfree, NFRAMES - 4);
	ck_assert_uint_eq(count_free(), NFRAMES - 4);
}
END_TEST

START_TEST(test_alloc_returns_distinct_frames_until_exhausted)
{
	int seen[NFRAMES] = { 0 };
	free_all();
	for (uint32_t i = 0; i < NFRAMES; i++) {
		uint32_t pa = NO_PA;
		ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
		ck_assert_uint_eq(pa % FRAME_SIZE, 0);
		ck_assert_uint_lt(pa / FRAME_SIZE, NFRAMES);
		ck_assert_msg(!seen[pa / FRAME_SIZE], "frame 0x%x handed out twice", pa);
		seen[pa / FRAME_SIZE] = 1;
		ck_assert(!frame_is_free(&pool, pa));
		ck_assert_uint_eq(pool.nfree, NFRAMES - 1 - i);
	}
	uint32_t pa = NO_PA;
	ck_assert_int_eq(frame_alloc(&pool, &pa), -1);
	ck_assert_uint_eq(pa, NO_PA);
	ck_assert_uint_eq(pool.nfree, 0);
}
END_TEST

START_TEST(test_alloc_returns_only_free_frames)
{
	frame_add_region(&pool, PA(3), 3 * FRAME_SIZE);
	frame_add_region(&pool, PA(33), FRAME_SIZE);
	uint32_t got = 0;
	for (int i = 0; i < 4; i++) {
		uint32_t pa;
		ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
		uint32_t f = pa / FRAME_SIZE;
		ck_assert_msg(f == 3 || f == 4 || f == 5 || f == 33, "frame %u was never free", f);
		got |= 1u << (f == 33 ? 6 : f);
	}
	ck_assert_uint_eq(got, 0x78);
	uint32_t pa;
	ck_assert_int_eq(frame_alloc(&pool, &pa), -1);
}
END_TEST

START_TEST(test_free_returns_frame_to_pool)
{
	uint32_t pa;
	free_all();
	ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
	ck_assert_uint_eq(pool.nfree, NFRAMES - 1);
	ck_assert_int_eq(frame_free(&pool, pa), 0);
	ck_assert_uint_eq(pool.nfree, NFRAMES);
	ck_assert(frame_is_free(&pool, pa));
	ck_assert_uint_eq(count_free(), NFRAMES);
}
END_TEST

START_TEST(test_free_unaligned_rejected)
{
	uint32_t pa;
	free_all();
	ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
	ck_assert_int_eq(frame_free(&pool, pa + 1), -1);
	ck_assert_int_eq(frame_free(&pool, pa + FRAME_SIZE - 1), -1);
	ck_assert_uint_eq(pool.nfree, NFRAMES - 1);
	ck_assert(!frame_is_free(&pool, pa));
}
END_TEST

START_TEST(test_free_out_of_range_rejected)
{
	/*
	 * Frame NFRAMES is a padding bit of the last bitmap word (set by
	 * init); frame NFRAMES + 31 lies past the bitmap altogether.
	 */
	ck_assert_int_eq(frame_free(&pool, PA(NFRAMES)), -1);
	ck_assert_int_eq(frame_free(&pool, PA(NFRAMES + 31)), -1);
	ck_assert_int_eq(frame_free(&pool, 0xFFFFF000u), -1);
	ck_assert_uint_eq(pool.nfree, 0);
	ck_assert_uint_eq(count_free(), 0);
}
END_TEST

START_TEST(test_free_already_free_rejected)
{
	uint32_t pa;
	free_all();
	ck_assert_int_eq(frame_free(&pool, PA(3)), -1);
	ck_assert_uint_eq(pool.nfree, NFRAMES);
	ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
	ck_assert_int_eq(frame_free(&pool, pa), 0);
	ck_assert_int_eq(frame_free(&pool, pa), -1);
	ck_assert_uint_eq(pool.nfree, NFRAMES);
	ck_assert_uint_eq(count_free(), NFRAMES);
}
END_TEST

START_TEST(test_alloc_wraps_around_to_early_free_frame)
{
	uint32_t pa;
	free_all();
	for (uint32_t i = 0; i < NFRAMES - 1; i++)
		ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
	/* The last frame becomes unusable, so the search must wrap to find 2. */
	frame_reserve(&pool, PA(NFRAMES - 1), 1);
	ck_assert_int_eq(frame_free(&pool, PA(2)), 0);
	ck_assert_uint_eq(pool.nfree, 1);
	pa = NO_PA;
	ck_assert_int_eq(frame_alloc(&pool, &pa), 0);
	ck_assert_uint_eq(pa, PA(2));
	ck_assert_int_eq(frame_alloc(&pool, &pa), -1);
}
END_TEST

START_TEST(test_nfree_matches_bitmap_through_operations)
{
	uint32_t pa, a, b;
	frame_add_region(&pool, PA(1) + 7, 20 * FRAME_SIZE);
	ck_assert_uint_eq(pool.nfree, count_free());
	frame_reserve(&pool, PA(5) + 3, FRAME_SIZE);
	ck_assert_uint_eq(pool.nfree, count_free());
	ck_assert_int_eq(frame_alloc(&pool, &a), 0);
	ck_assert_int_eq(frame_alloc(&pool, &b), 0);
	ck_assert_uint_eq(pool.nfree, count_free());
	ck_assert_int_eq(frame_free(&pool, a), 0);
	ck_assert_int_eq(frame_free(&pool, a), -1);
	ck_assert_int_eq(frame_free(&pool, b + 1), -1);
	ck_assert_uint_eq(pool.nfree, count_free());
	frame_add_region(&pool, 0, 0);
	frame_reserve(&pool, 0, 0);
	frame_add_region(&pool, PA(30), 20 * FRAME_SIZE);
	ck_assert_uint_eq(pool.nfree, count_free());
	while (frame_alloc(&pool, &pa) == 0)
		ck_assert_uint_eq(pool.nfree, count_free());
	ck_assert_uint_eq(pool.nfree, 0);
	ck_assert_uint_eq(count_free(), 0);
}
END_TEST

START_TEST(test_is_free_covers_whole_frame_and_nothing_beyond)
{
	free_all();
	ck_assert(frame_is_free(&pool, PA(3)));
	ck_assert(frame_is_free(&pool, PA(3) + 17));
	ck_assert(frame_is_free(&pool, PA(NFRAMES) - 1));
	ck_assert(!frame_is_free(&pool, PA(NFRAMES)));
	ck_assert(!frame_is_free(&pool, 0xFFFFFFFFu));
	frame_reserve(&pool, PA(3), 1);
	ck_assert(!frame_is_free(&pool, PA(3) + 17));
	ck_assert(frame_is_free(&pool, PA(4)));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("frame");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_leaves_every_frame_used);
	tcase_add_test(tc, test_init_writes_only_its_bitmap_words);
	tcase_add_test(tc, test_add_region_frees_aligned_range);
	tcase_add_test(tc, test_add_region_frees_only_whole_frames);
	tcase_add_test(tc, test_add_region_inside_one_frame_frees_nothing);
	tcase_add_test(tc, test_add_region_clamped_to_nframes);
	tcase_add_test(tc, test_add_region_ignores_zero_length);
	tcase_add_test(tc, test_add_region_ignores_wrapping_region);
	tcase_add_test(tc, test_add_region_near_top_of_64bit_space_frees_nothing);
	tcase_add_test(tc, test_add_region_twice_counts_once);
	tcase_add_test(tc, test_reserve_marks_partially_touched_frames);
	tcase_add_test(tc, test_reserve_up_to_uint64_max);
	tcase_add_test(tc, test_reserve_wrapping_range_stops_at_uint64_max);
	tcase_add_test(tc, test_reserve_ignores_zero_length);
	tcase_add_test(tc, test_reserve_beyond_nframes_changes_nothing);
	tcase_add_test(tc, test_reserve_twice_counts_once);
	tcase_add_test(tc, test_alloc_returns_distinct_frames_until_exhausted);
	tcase_add_test(tc, test_alloc_returns_only_free_frames);
	tcase_add_test(tc, test_free_returns_frame_to_pool);
	tcase_add_test(tc, test_free_unaligned_rejected);
	tcase_add_test(tc, test_free_out_of_range_rejected);
	tcase_add_test(tc, test_free_already_free_rejected);
	tcase_add_test(tc, test_alloc_wraps_around_to_early_free_frame);
	tcase_add_test(tc, test_nfree_matches_bitmap_through_operations);
	tcase_add_test(tc, test_is_free_covers_whole_frame_and_nothing_beyond);
	suite_add_tcase(s, tc);
	return s;
}
