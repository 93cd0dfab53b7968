/*
 * test_shellargs.c - user/shell/args.c: the shell's words and numbers.
 * Issue 11: `caps abc`, `caps -1`, `kill abc` and `count abc` did
 * something instead of being refused.
 */
#include <string.h>

#include "tests/unit/unit.h"
#include "user/shell/args.h"

static int num(const char *w, unsigned max, unsigned *v)
{
	*v = 0xDEADu;
	return args_number(w, max, v);
}

START_TEST(test_number_accepts_whole_numbers)
{
	unsigned v;
	ck_assert_int_eq(num("0", 10, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(num("42", 100, &v), 0);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(num("0x2f8", 0xFFFF, &v), 0);
	ck_assert_uint_eq(v, 0x2F8);
	ck_assert_int_eq(num("0XfF", 0xFFFF, &v), 0);
	ck_assert_uint_eq(v, 255);
	ck_assert_int_eq(num("4294967295", 0xFFFFFFFFu, &v), 0);
	ck_assert_uint_eq(v, 0xFFFFFFFFu);
	ck_assert_int_eq(num("100", 100, &v), 0);
}
END_TEST

START_TEST(test_number_refuses_the_rest)
{
	static const char *const bad[] = { "", "abc", "-1", "+1", "3x", "1 ", " 1", "0x", "0x-1",
					   "0xg", "12a", "1.5", "4294967296", "99999999999",
					   "0x100000000" };
	unsigned v;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(num(bad[i], 0xFFFFFFFFu, &v) == -1, "'%s' accepted", bad[i]);
		ck_assert_uint_eq(v, 0xDEADu);
	}
	ck_assert_int_eq(num("101", 100, &v), -1);
	ck_assert_int_eq(num("0x10000", 0xFFFF, &v), -1);
}
END_TEST

START_TEST(test_split_words)
{
	char line[] = "  caps\t 12 \n";
	char *argv[4];
	ck_assert_int_eq(args_split(line, argv, 4), 2);
	ck_assert_str_eq(argv[0], "caps");
	ck_assert_str_eq(argv[1], "12");
	char empty[] = " \t\n";
	ck_assert_int_eq(args_split(empty, argv, 4), 0);
}
END_TEST

START_TEST(test_split_too_many_words)
{
	char line[] = "a b c d e";
	char *argv[4];
	ck_assert_int_eq(args_split(line, argv, 4), -1);
	ck_assert_str_eq(argv[3], "d");
	char four[] = "a b c d ";
	ck_assert_int_eq(args_split(four, argv, 4), 4);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("shellargs");
	TCase *tc = tcase_create("shellargs");
	tcase_add_test(tc, test_number_accepts_whole_numbers);
	tcase_add_test(tc, test_number_refuses_the_rest);
	tcase_add_test(tc, test_split_words);
	tcase_add_test(tc, test_split_too_many_words);
	suite_add_tcase(s, tc);
	return s;
}
