/*
 * test_module.c - kernel/boot/module.c's module_basename: the base name of the
 * first word of a Multiboot module string, truncated to fit.  The output
 * is a heap block of exactly outlen bytes, so a write past it is an
 * AddressSanitizer error.  (modules_init reads Multiboot structures by
 * 32-bit physical address and is exercised by the boot tests instead.)
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/boot/module.h"
#include "tests/unit/unit.h"

/* The base name of path in an outlen-byte buffer; the caller frees it. */
static char *basename_of(const char *path, uint32_t outlen)
{
	char *out = malloc(outlen ? outlen : 1);
	ck_assert_ptr_nonnull(out);
	memset(out, 'G', outlen ? outlen : 1);
	module_basename(path, out, outlen);
	return out;
}

#define EXPECT_BASENAME(path, outlen, expect)                                     \
	do {                                                                      \
		char *out_ = basename_of(path, outlen);                           \
		ck_assert_str_eq(out_, expect);                                   \
		free(out_);                                                       \
	} while (0)

START_TEST(test_path_with_arguments)
{
	EXPECT_BASENAME("/boot/usertests arg", MODULE_NAME, "usertests");
	EXPECT_BASENAME("/boot/init a b c", MODULE_NAME, "init");
}
END_TEST

START_TEST(test_no_slash)
{
	EXPECT_BASENAME("hello", MODULE_NAME, "hello");
	EXPECT_BASENAME("spin 3", MODULE_NAME, "spin");
}
END_TEST

START_TEST(test_deep_path)
{
	EXPECT_BASENAME("/a/b/c/fault", MODULE_NAME, "fault");
	EXPECT_BASENAME("relative/dir/hello", MODULE_NAME, "hello");
}
END_TEST

START_TEST(test_slash_in_arguments_ignored)
{
	EXPECT_BASENAME("/boot/hello /etc/x a/b", MODULE_NAME, "hello");
}
END_TEST

START_TEST(test_empty_names)
{
	EXPECT_BASENAME("", MODULE_NAME, "");
	EXPECT_BASENAME("/boot/", MODULE_NAME, "");
	EXPECT_BASENAME("/boot/ args", MODULE_NAME, "");
}
END_TEST

START_TEST(test_truncated_to_outlen_minus_one)
{
	EXPECT_BASENAME("/boot/abcdefghij", 5, "abcd");
	EXPECT_BASENAME("/boot/abcde", 5, "abcd");
	EXPECT_BASENAME("/boot/abcdefghij x", 5, "abcd");
	EXPECT_BASENAME("/boot/abcdefghij", 1, "");
	EXPECT_BASENAME("/boot/abcdefghijklmnopqrstuvwxyz", MODULE_NAME, "abcdefghijklmnopqrstuvw");
}
END_TEST

START_TEST(test_exact_fit)
{
	EXPECT_BASENAME("/boot/abcde", 6, "abcde");
	EXPECT_BASENAME("abcde args", 6, "abcde");
}
END_TEST

START_TEST(test_outlen_zero_writes_nothing)
{
	/* No room even for the terminator: like strlcpy(d, s, 0), write nothing. */
	char *out = basename_of("/boot/init", 0);
	ck_assert_int_eq(out[0], 'G');
	free(out);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("module");
	TCase *tc = tcase_create("module_basename");
	tcase_add_test(tc, test_path_with_arguments);
	tcase_add_test(tc, test_no_slash);
	tcase_add_test(tc, test_deep_path);
	tcase_add_test(tc, test_slash_in_arguments_ignored);
	tcase_add_test(tc, test_empty_names);
	tcase_add_test(tc, test_truncated_to_outlen_minus_one);
	tcase_add_test(tc, test_exact_fit);
	tcase_add_test(tc, test_outlen_zero_writes_nothing);
	suite_add_tcase(s, tc);
	return s;
}
