/*
 * test_fmt.c - lib/fmt.c, fmt_snprintf.  EXPECT_FMT checks both the
 * text and the return value (the full length) in a roomy buffer; the
 * truncation tests use small buffers with guard bytes after them.
 * %l is 64 bits on this host and 32 on i386: the l tests take the host
 * libc's output as the expected text where the width shows.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"
#include "lib/string.h"
#include "tests/unit/unit.h"

#define EXPECT_FMT(expect, ...)                                                  \
	do {                                                                     \
		char buf_[128];                                                  \
		memset(buf_, 'Z', sizeof(buf_));                                 \
		int r_ = fmt_snprintf(buf_, sizeof(buf_), __VA_ARGS__);          \
		ck_assert_str_eq(buf_, expect);                                  \
		ck_assert_int_eq(r_, (int)strlen(expect));                       \
	} while (0)

#define GUARD 'G'

START_TEST(test_plain_text)
{
	EXPECT_FMT("hello, world", "hello, world");
	EXPECT_FMT("", "%s", "");
}
END_TEST

START_TEST(test_percent)
{
	EXPECT_FMT("100%", "100%%");
	EXPECT_FMT("%%", "%%%%");
}
END_TEST

START_TEST(test_d)
{
	EXPECT_FMT("0", "%d", 0);
	EXPECT_FMT("42", "%d", 42);
	EXPECT_FMT("-42", "%d", -42);
	EXPECT_FMT("2147483647", "%d", INT_MAX);
}
END_TEST

START_TEST(test_d_int_min)
{
	EXPECT_FMT("-2147483648", "%d", INT_MIN);
}
END_TEST

START_TEST(test_i)
{
	EXPECT_FMT("-7 7", "%i %i", -7, 7);
}
END_TEST

START_TEST(test_u)
{
	EXPECT_FMT("0", "%u", 0u);
	EXPECT_FMT("4294967295", "%u", UINT_MAX);
	/* The bits of -1 as unsigned, not a sign. */
	EXPECT_FMT("4294967295", "%u", (unsigned)-1);
}
END_TEST

START_TEST(test_x_lower)
{
	EXPECT_FMT("deadbeef", "%x", 0xDEADBEEFu);
	EXPECT_FMT("0", "%x", 0u);
	EXPECT_FMT("ffffffff", "%x", UINT_MAX);
}
END_TEST

START_TEST(test_x_upper)
{
	EXPECT_FMT("DEADBEEF", "%X", 0xDEADBEEFu);
	EXPECT_FMT("A0", "%X", 0xA0u);
}
END_TEST

START_TEST(test_p_is_0x_and_at_least_8_hex_digits)
{
	EXPECT_FMT("0x00001234", "%p", (void *)0x1234);
	EXPECT_FMT("0x00000000", "%p", (void *)0);
	EXPECT_FMT("0xc0ffee00", "%p", (void *)0xC0FFEE00u);
}
END_TEST

START_TEST(test_s)
{
	EXPECT_FMT("abc", "%s", "abc");
	EXPECT_FMT("a-b", "%s-%s", "a", "b");
}
END_TEST

START_TEST(test_s_null)
{
	const char *volatile null = NULL;
	EXPECT_FMT("(null)", "%s", null);
	EXPECT_FMT("[  (null)]", "[%8s]", null);
}
END_TEST

START_TEST(test_c)
{
	EXPECT_FMT("A", "%c", 'A');
	EXPECT_FMT("xyz", "%c%c%c", 'x', 'y', 'z');
	EXPECT_FMT("[  q]", "[%3c]", 'q');
}
END_TEST

START_TEST(test_width_pads_left_with_spaces)
{
	EXPECT_FMT("[   42]", "[%5d]", 42);
	EXPECT_FMT("[  -42]", "[%5d]", -42);
	EXPECT_FMT("[   ab]", "[%5s]", "ab");
	EXPECT_FMT("[  ff]", "[%4x]", 0xFFu);
}
END_TEST

START_TEST(test_width_smaller_than_value_does_not_cut)
{
	EXPECT_FMT("12345", "%2d", 12345);
	EXPECT_FMT("abcdef", "%3s", "abcdef");
}
END_TEST

START_TEST(test_zero_flag)
{
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("0000beef", "%08x", 0xBEEFu);
	EXPECT_FMT("00000000", "%08X", 0u);
	EXPECT_FMT("123456", "%04d", 123456);
}
END_TEST

START_TEST(test_zero_flag_negative_sign_first)
{
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("-1234", "%03d", -1234);
	EXPECT_FMT("-2147483648", "%011d", INT_MIN);
	EXPECT_FMT("-02147483648", "%012d", INT_MIN);
}
END_TEST

START_TEST(test_minus_flag_pads_right)
{
	EXPECT_FMT("[42   ]", "[%-5d]", 42);
	EXPECT_FMT("[-42   ]", "[%-6d]", -42);
	EXPECT_FMT("[ab  ]", "[%-4s]", "ab");
	EXPECT_FMT("[c ]", "[%-2c]", 'c');
}
END_TEST

/* The combination is legal C; gcc merely remarks that '0' has no effect. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
START_TEST(test_minus_flag_overrides_zero)
{
	EXPECT_FMT("[42   ]", "[%-05d]", 42);
	EXPECT_FMT("[42   ]", "[%0-5d]", 42);
	EXPECT_FMT("[-42  ]", "[%-05d]", -42);
}
END_TEST
#pragma GCC diagnostic pop

START_TEST(test_l_modifier)
{
	EXPECT_FMT("-5", "%ld", -5L);
	EXPECT_FMT("-5", "%li", -5L);
	EXPECT_FMT("123456789", "%lu", 123456789UL);
	EXPECT_FMT("abc", "%lx", 0xABCUL);
	EXPECT_FMT("ABC", "%lX", 0xABCUL);
	char want[64];
	snprintf(want, sizeof(want), "%ld %lu %lx %d", LONG_MIN, ULONG_MAX, ULONG_MAX, 7);
	EXPECT_FMT(want, "%ld %lu %lx %d", LONG_MIN, ULONG_MAX, ULONG_MAX, 7);
}
END_TEST

START_TEST(test_ll_modifier)
{
	EXPECT_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FMT("9223372036854775807", "%lld", LLONG_MAX);
	EXPECT_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FMT("123456789abcdef0", "%llx", 0x123456789ABCDEF0ULL);
	EXPECT_FMT("1099511627776 7", "%lld %d", 1LL << 40, 7);
	EXPECT_FMT("0000000000ff", "%012llx", 0xFFULL);
}
END_TEST

START_TEST(test_mixed_conversions)
{
	EXPECT_FMT("task init tid=1 eip=0x40000010 [R]", "task %s tid=%d eip=0x%08x [%c]",
		   "init", 1, 0x40000010u, 'R');
}
END_TEST

START_TEST(test_truncation_returns_full_length)
{
	char buf[8];
	memset(buf, GUARD, sizeof(buf));
	ck_assert_int_eq(fmt_snprintf(buf, 4, "%s", "abcdef"), 6);
	ck_assert_str_eq(buf, "abc");
	for (int i = 4; i < 8; i++)
		ck_assert_int_eq(buf[i], GUARD);
}
END_TEST

START_TEST(test_truncation_inside_padding_and_number)
{
	char buf[8];
	memset(buf, GUARD, sizeof(buf));
	ck_assert_int_eq(fmt_snprintf(buf, 3, "%d", 12345), 5);
	ck_assert_str_eq(buf, "12");
	ck_assert_int_eq(buf[3], GUARD);
	memset(buf, GUARD, sizeof(buf));
	ck_assert_int_eq(fmt_snprintf(buf, 5, "%8x", 0xABu), 8);
	ck_assert_str_eq(buf, "    ");
	ck_assert_int_eq(buf[5], GUARD);
}
END_TEST

START_TEST(test_exact_fit)
{
	char buf[8];
	memset(buf, GUARD, sizeof(buf));
	ck_assert_int_eq(fmt_snprintf(buf, 6, "%d-%s", 12, "ab"), 5);
	ck_assert_str_eq(buf, "12-ab");
	ck_assert_int_eq(buf[6], GUARD);
	/* One byte less drops the last character for the terminator. */
	ck_assert_int_eq(fmt_snprintf(buf, 5, "%d-%s", 12, "ab"), 5);
	ck_assert_str_eq(buf, "12-a");
}
END_TEST

START_TEST(test_size_one_gives_empty_string)
{
	char buf[2] = { GUARD, GUARD };
	ck_assert_int_eq(fmt_snprintf(buf, 1, "xyz%d", 1), 4);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], GUARD);
}
END_TEST

START_TEST(test_size_zero_leaves_buffer_untouched)
{
	char buf[4];
	memset(buf, GUARD, sizeof(buf));
	ck_assert_int_eq(fmt_snprintf(buf, 0, "abc%d", 42), 5);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(buf[i], GUARD);
	/* With no room, no buffer is needed at all. */
	ck_assert_int_eq(fmt_snprintf(NULL, 0, "%s", "abc"), 3);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *tc = tcase_create("fmt_snprintf");
	tcase_add_test(tc, test_plain_text);
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_d);
	tcase_add_test(tc, test_d_int_min);
	tcase_add_test(tc, test_i);
	tcase_add_test(tc, test_u);
	tcase_add_test(tc, test_x_lower);
	tcase_add_test(tc, test_x_upper);
	tcase_add_test(tc, test_p_is_0x_and_at_least_8_hex_digits);
	tcase_add_test(tc, test_s);
	tcase_add_test(tc, test_s_null);
	tcase_add_test(tc, test_c);
	tcase_add_test(tc, test_width_pads_left_with_spaces);
	tcase_add_test(tc, test_width_smaller_than_value_does_not_cut);
	tcase_add_test(tc, test_zero_flag);
	tcase_add_test(tc, test_zero_flag_negative_sign_first);
	tcase_add_test(tc, test_minus_flag_pads_right);
	tcase_add_test(tc, test_minus_flag_overrides_zero);
	tcase_add_test(tc, test_l_modifier);
	tcase_add_test(tc, test_ll_modifier);
	tcase_add_test(tc, test_mixed_conversions);
	tcase_add_test(tc, test_truncation_returns_full_length);
	tcase_add_test(tc, test_truncation_inside_padding_and_number);
	tcase_add_test(tc, test_exact_fit);
	tcase_add_test(tc, test_size_one_gives_empty_string);
	tcase_add_test(tc, test_size_zero_leaves_buffer_untouched);
	suite_add_tcase(s, tc);
	return s;
}
