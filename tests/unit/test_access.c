/*
 * test_access.c - drivers/rogue/access.c: the words that name the rogue's
 * port accesses, and whether a grant allows each one (a word or dword
 * access needs every port it covers).
 */
#include <string.h>

#include "drivers/rogue/access.h"
#include "tests/unit/unit.h"

static int parse(const char *w, struct access *a)
{
	return access_parse(w, w + strlen(w), a);
}

START_TEST(test_parse_every_form)
{
	struct access a;
	ck_assert_int_eq(parse("inb:0x2f7", &a), 0);
	ck_assert(a.op == ACC_IN && a.width == 1 && a.port == 0x2F7);
	ck_assert_int_eq(parse("outw:768", &a), 0);
	ck_assert(a.op == ACC_OUT && a.width == 2 && a.port == 768);
	ck_assert_int_eq(parse("insl:0x1F0", &a), 0);
	ck_assert(a.op == ACC_INS && a.width == 4 && a.port == 0x1F0);
	ck_assert_int_eq(parse("outsb:0xffff", &a), 0);
	ck_assert(a.op == ACC_OUTS && a.width == 1 && a.port == 0xFFFF);
	ck_assert_int_eq(parse("cli", &a), 0);
	ck_assert(a.op == ACC_CLI);
	ck_assert_int_eq(parse("sti", &a), 0);
	ck_assert(a.op == ACC_STI);
	ck_assert_str_eq(access_name(&a), "sti");
	ck_assert_int_eq(parse("inl:0xfffe", &a), 0);       /* past the end, as the CPU allows */
	ck_assert_str_eq(access_name(&a), "inl");
}
END_TEST

START_TEST(test_parse_refuses_the_rest)
{
	static const char *const bad[] = { "", "in", "inb", "inb:", "inb:x", "inx:1", "inb0x60",
					   "inb:0x10000", "inb:-1", "clix", "cli:1", "outq:1",
					   "inb:0x", "inb:99999", "INB:1" };
	struct access a;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i], &a) == -1, "'%s' accepted", bad[i]);
}
END_TEST

START_TEST(test_parse_list)
{
	struct access a[ACCESS_MAX];
	int n;
	ck_assert_int_eq(access_parse_list(ACCESS_DEFAULT, a, &n), 0);
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(access_parse_list("  cli  inb:1 ", a, &n), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(access_parse_list("cli inb:1 bogus cli", a, &n), 3);
	ck_assert_int_eq(access_parse_list("", a, &n), 0);
	ck_assert_int_eq(n, 0);
	char many[200] = "";
	for (int i = 0; i <= ACCESS_MAX; i++)
		strcat(many, "cli ");
	ck_assert_int_eq(access_parse_list(many, a, &n), ACCESS_MAX + 1);
}
END_TEST

/* The default scenario against COM2: each one denied; inside the grant allowed. */
START_TEST(test_allowed_needs_every_covered_port)
{
	static const struct access_grant com2[] = { { 0x2F8, 8 } };
	static const struct access_grant two[] = { { 0x60, 1 }, { 0x61, 1 } };
	struct access a[ACCESS_MAX];
	int n;
	ck_assert_int_eq(access_parse_list(ACCESS_DEFAULT, a, &n), 0);
	for (int i = 0; i < n; i++)
		ck_assert_msg(!access_allowed(&a[i], com2, 1), "access %d allowed", i);
	struct access x;
	ck_assert_int_eq(parse("inl:0x2fc", &x), 0);
	ck_assert(access_allowed(&x, com2, 1));
	ck_assert_int_eq(parse("inl:0x2fd", &x), 0);
	ck_assert(!access_allowed(&x, com2, 1));
	ck_assert_int_eq(parse("inw:0x60", &x), 0);        /* two adjacent grants together */
	ck_assert(access_allowed(&x, two, 2));
	ck_assert(!access_allowed(&x, two, 1));
	ck_assert(!access_allowed(&x, two, 0));
	ck_assert_int_eq(parse("inl:0xfffe", &x), 0);
	static const struct access_grant top[] = { { 0xFFF0, 16 } };
	ck_assert(!access_allowed(&x, top, 1));
	ck_assert_int_eq(parse("cli", &x), 0);
	ck_assert(!access_allowed(&x, top, 1));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("access");
	tcase_add_test(tc, test_parse_every_form);
	tcase_add_test(tc, test_parse_refuses_the_rest);
	tcase_add_test(tc, test_parse_list);
	tcase_add_test(tc, test_allowed_needs_every_covered_port);
	suite_add_tcase(s, tc);
	return s;
}
