/*
 * test_fuzzrand.c - user/fuzz/fuzzrand.c: the fuzzer's generator is
 * reproducible from its seed (a failing run replays), its streams differ,
 * and its argument shapes reach every boundary class they promise.
 */
#include <stdint.h>

#include "abi/ipc.h"
#include "kernel/mm/vm.h"
#include "tests/unit/unit.h"
#include "user/fuzz/fuzz.h"

#define DRAWS 20000

START_TEST(test_same_seed_same_sequence)
{
	struct rng a, b;
	rng_seed(&a, 42, 3, 7);
	rng_seed(&b, 42, 3, 7);
	for (int i = 0; i < 1000; i++)
		ck_assert_uint_eq(rng_next(&a), rng_next(&b));
}
END_TEST

START_TEST(test_seed_stream_and_incarnation_each_change_the_sequence)
{
	struct rng base, s, t, i;
	rng_seed(&base, 42, 3, 7);
	rng_seed(&s, 43, 3, 7);
	rng_seed(&t, 42, 4, 7);
	rng_seed(&i, 42, 3, 8);
	uint32_t x = rng_next(&base);
	ck_assert_uint_ne(x, rng_next(&s));
	ck_assert_uint_ne(x, rng_next(&t));
	ck_assert_uint_ne(x, rng_next(&i));
}
END_TEST

START_TEST(test_state_never_sticks_at_zero)
{
	/* xorshift's one fixed point is 0: no seed may land there. */
	for (uint32_t seed = 0; seed < 2000; seed++) {
		struct rng r;
		rng_seed(&r, seed, seed & 7, seed >> 3);
		ck_assert_uint_ne(r.s, 0);
		ck_assert_uint_ne(rng_next(&r), 0);
	}
}
END_TEST

START_TEST(test_below_stays_below)
{
	struct rng r;
	rng_seed(&r, 1, 1, 0);
	ck_assert_uint_eq(rng_below(&r, 0), 0);
	for (int i = 0; i < DRAWS; i++)
		ck_assert_uint_lt(rng_below(&r, 37), 37);
}
END_TEST

START_TEST(test_ptr_reaches_every_class)
{
	struct rng r;
	const uint32_t good = UTCB_ADDR, len = 4096;
	int in_good = 0, null = 0, below_user = 0, guard = 0, crosses_top = 0, above = 0;
	rng_seed(&r, 5, 0, 0);
	for (int i = 0; i < DRAWS; i++) {
		uint32_t p = gen_ptr(&r, good, len);
		in_good += p >= good && p < good + len;
		null += p == 0;
		below_user += p < USER_BASE;
		guard += p >= UTCB_ADDR - 4096 && p < UTCB_ADDR;
		crosses_top += p < USER_END && p >= USER_END - 16;
		above += p >= USER_END;
	}
	ck_assert_int_gt(in_good, DRAWS / 5);
	ck_assert_int_gt(null, 0);
	ck_assert_int_gt(below_user, 0);
	ck_assert_int_gt(guard, 0);
	ck_assert_int_gt(crosses_top, 0);
	ck_assert_int_gt(above, 0);
}
END_TEST

START_TEST(test_len_reaches_small_page_and_near_2_to_32)
{
	struct rng r;
	int small = 0, page = 0, huge = 0;
	rng_seed(&r, 6, 0, 0);
	for (int i = 0; i < DRAWS; i++) {
		uint32_t n = gen_len(&r);
		small += n < 64;
		page += n == 4096 || n == 4095;
		huge += n >= 0xFFFFF000u;
	}
	ck_assert_int_gt(small, DRAWS / 4);
	ck_assert_int_gt(page, 0);
	ck_assert_int_gt(huge, DRAWS / 20);
}
END_TEST

START_TEST(test_slot_reaches_valid_invalid_and_move_flagged)
{
	struct rng r;
	int valid = 0, past_end = 0, moved = 0;
	rng_seed(&r, 7, 0, 0);
	for (int i = 0; i < DRAWS; i++) {
		uint32_t s = gen_slot(&r);
		valid += s < 32;
		past_end += s >= 32 && s < 40;
		moved += (s & IPC_CAP_MOVE) && (s & ~IPC_CAP_MOVE) < 32;
	}
	ck_assert_int_gt(valid, DRAWS / 2);
	ck_assert_int_gt(past_end, 0);
	ck_assert_int_gt(moved, 0);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("fuzzrand");
	TCase *tc = tcase_create("generator");
	tcase_add_test(tc, test_same_seed_same_sequence);
	tcase_add_test(tc, test_seed_stream_and_incarnation_each_change_the_sequence);
	tcase_add_test(tc, test_state_never_sticks_at_zero);
	tcase_add_test(tc, test_below_stays_below);
	tcase_add_test(tc, test_ptr_reaches_every_class);
	tcase_add_test(tc, test_len_reaches_small_page_and_near_2_to_32);
	tcase_add_test(tc, test_slot_reaches_valid_invalid_and_move_flagged);
	suite_add_tcase(s, tc);
	return s;
}
