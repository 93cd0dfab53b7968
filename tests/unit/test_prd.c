/*
 * test_prd.c - kernel/dma/prd.c, the IDE bus master's PRD table: what
 * the kernel builds for a transfer keeps the engine inside the spans it
 * was given (split at every 64 KiB line, even counts, EOT on the last
 * only), and what it refuses (zero, odd, wrapping, too many pieces).
 */
#include <stdint.h>

#include "abi/errno.h"
#include "kernel/dma/prd.h"
#include "tests/unit/unit.h"

static struct prd t[PRD_MAX + 1];

START_TEST(test_one_span_one_descriptor)
{
	struct dma_span s = { 0x100000, 512, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), 1);
	ck_assert_uint_eq(t[0].addr, 0x100000);
	ck_assert_uint_eq(t[0].count, 512 | PRD_EOT);
	ck_assert(prd_valid(t, 1));
}
END_TEST

START_TEST(test_split_at_64k_lines)
{
	/* 0x1F000..0x31000: crosses 0x20000 and 0x30000. */
	struct dma_span s = { 0x1F000, 0x12000, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), 3);
	ck_assert_uint_eq(t[0].addr, 0x1F000);
	ck_assert_uint_eq(t[0].count, 0x1000);
	ck_assert_uint_eq(t[1].addr, 0x20000);
	ck_assert_uint_eq(t[1].count, 0);                 /* 0 is 64 KiB */
	ck_assert_uint_eq(t[2].addr, 0x30000);
	ck_assert_uint_eq(t[2].count, 0x1000 | PRD_EOT);
	ck_assert(prd_valid(t, 3));
	ck_assert_int_eq(prd_build(0, PRD_MAX, &s, 1), 3);   /* counting alone agrees */
}
END_TEST

START_TEST(test_spans_in_order_eot_last)
{
	struct dma_span s[3] = { { 0x200000, 1024, 3 }, { 0x300000, 2048, 3 }, { 0x20FFFE, 4, 3 } };
	ck_assert_int_eq(prd_build(t, PRD_MAX, s, 3), 4);
	ck_assert_uint_eq(t[0].count, 1024);
	ck_assert_uint_eq(t[1].count, 2048);
	ck_assert_uint_eq(t[2].addr, 0x20FFFE);
	ck_assert_uint_eq(t[2].count, 2);
	ck_assert_uint_eq(t[3].addr, 0x210000);
	ck_assert_uint_eq(t[3].count, 2 | PRD_EOT);
	ck_assert(prd_valid(t, 4));
}
END_TEST

START_TEST(test_refusals)
{
	struct dma_span s = { 0x100000, 512, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 0), -E_INVAL);
	s.len = 0;
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_INVAL);
	s.len = 511;
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_INVAL);
	s = (struct dma_span){ 0x100001, 512, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_INVAL);
	s = (struct dma_span){ 0xFFFFF000u, 0x2000, 3 };     /* wraps 2^32 */
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_RANGE);
	s = (struct dma_span){ 0xFFFFF000u, 0x1000, 3 };     /* ends exactly at 2^32: wraps to 0 */
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_RANGE);
	s = (struct dma_span){ 0x100000, (PRD_MAX + 1) * 0x10000u, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), -E_RANGE);    /* more pieces than the table */
	s = (struct dma_span){ 0x100000, PRD_MAX * 0x10000u, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), PRD_MAX);     /* exactly full */
	ck_assert(prd_valid(t, PRD_MAX));
}
END_TEST

START_TEST(test_valid_catches_each_rule)
{
	struct dma_span s = { 0x1F000, 0x2000, 3 };
	ck_assert_int_eq(prd_build(t, PRD_MAX, &s, 1), 2);
	ck_assert(prd_valid(t, 2));
	ck_assert(!prd_valid(t, 1));                     /* the first has no EOT */
	ck_assert(!prd_valid(t, 0));
	t[0].count |= PRD_EOT;
	ck_assert(!prd_valid(t, 2));                     /* EOT before the last */
	t[0].count &= ~PRD_EOT;
	t[1].count += 1;
	ck_assert(!prd_valid(t, 2));                     /* odd count */
	t[1].count -= 1;
	t[0].count = 0x2000;
	ck_assert(!prd_valid(t, 2));                     /* crosses 0x20000 */
	t[0].count = 0x1000;
	t[1].addr |= 1;
	ck_assert(!prd_valid(t, 2));                     /* odd address */
	t[1].addr &= ~1u;
	t[1].count |= 0x10000;
	ck_assert(!prd_valid(t, 2));                     /* reserved bits */
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("prd");
	TCase *tc = tcase_create("prd");
	tcase_add_test(tc, test_one_span_one_descriptor);
	tcase_add_test(tc, test_split_at_64k_lines);
	tcase_add_test(tc, test_spans_in_order_eot_last);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_valid_catches_each_rule);
	suite_add_tcase(s, tc);
	return s;
}
