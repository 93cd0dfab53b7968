/*
 * test_cmdline.c - kernel/boot/cmdline.c: whole words only, key=N values, and
 * the edges of the string (leading and repeated spaces, a word at the end).
 */
#include "kernel/boot/cmdline.h"
#include "tests/unit/unit.h"

START_TEST(test_has_whole_words_only)
{
	ck_assert_int_eq(cmdline_has("test kbd", "test"), 1);
	ck_assert_int_eq(cmdline_has("test kbd", "kbd"), 1);
	ck_assert_int_eq(cmdline_has("testing", "test"), 0);
	ck_assert_int_eq(cmdline_has("iobitmap=eager", "iobitmap"), 0);
	ck_assert_int_eq(cmdline_has("bench iobitmap=eager", "iobitmap=eager"), 1);
	ck_assert_int_eq(cmdline_has("", "fuzz"), 0);
}
END_TEST

START_TEST(test_has_skips_spaces)
{
	ck_assert_int_eq(cmdline_has("  a   fuzz  ", "fuzz"), 1);
	ck_assert_int_eq(cmdline_has("a  b", "b"), 1);
}
END_TEST

START_TEST(test_number)
{
	ck_assert_int_eq(cmdline_number("fuzz seed=7 invariants=64", "invariants"), 64);
	ck_assert_int_eq(cmdline_number("fuzz seed=7", "seed"), 7);
	ck_assert_int_eq(cmdline_number("fuzz", "invariants"), -1);
	ck_assert_int_eq(cmdline_number("invariants", "invariants"), -1);
	ck_assert_int_eq(cmdline_number("xinvariants=5", "invariants"), -1);
	ck_assert_int_eq(cmdline_number("invariants=", "invariants"), 0);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc = tcase_create("cmdline");
	tcase_add_test(tc, test_has_whole_words_only);
	tcase_add_test(tc, test_has_skips_spaces);
	tcase_add_test(tc, test_number);
	suite_add_tcase(s, tc);
	return s;
}
