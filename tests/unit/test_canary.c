/*
 * test_canary.c - kernel/dma/canary.c, the pattern of the kernel's DMA
 * canary pages: a filled page passes, and each way a device could have
 * touched it does not (one word, one byte, a page of zeroes, the pattern
 * of another page copied in, the page shifted by a word); the checksum
 * of the kernel image sees one changed bit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/dma/canary.h"
#include "tests/unit/unit.h"

static uint32_t page[CANARY_WORDS];

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

START_TEST(test_filled_page_passes)
{
	uint32_t first = 0xdead;
	canary_fill(page, 0x00f7f000);
	ck_assert_uint_eq(canary_check(page, 0x00f7f000, &first), 0);
	ck_assert_uint_eq(first, 0xdead);            /* left alone when nothing is bad */
}
END_TEST

START_TEST(test_one_word_or_byte_changed)
{
	uint32_t first = 0;
	canary_fill(page, 0x01000000);
	page[700] ^= 1;
	ck_assert_uint_eq(canary_check(page, 0x01000000, &first), 1);
	ck_assert_uint_eq(first, 0x01000000 + 700 * 4);
	canary_fill(page, 0x01000000);
	((uint8_t *)page)[CANARY_PAGE - 1] = (uint8_t)~((uint8_t *)page)[CANARY_PAGE - 1];
	ck_assert_uint_eq(canary_check(page, 0x01000000, &first), 1);
	ck_assert_uint_eq(first, 0x01000000 + CANARY_PAGE - 4);
}
END_TEST

START_TEST(test_zeroed_page_fails_everywhere)
{
	uint32_t first = 0;
	memset(page, 0, sizeof(page));
	/* A bijection takes the value 0 at one input at most. */
	ck_assert_uint_ge(canary_check(page, 0x7000, &first), CANARY_WORDS - 1);
}
END_TEST

START_TEST(test_copy_of_another_page_fails)
{
	uint32_t first = 0;
	canary_fill(page, 0x00f7f000);               /* the canary below a region... */
	ck_assert_uint_eq(canary_check(page, 0x01000000, &first), CANARY_WORDS);   /* ...landing above it */
	ck_assert_uint_eq(first, 0x01000000);
	canary_fill(page, 0x00f7f000);
	memmove(page + 1, page, CANARY_PAGE - 4);    /* the page written again one word further */
	ck_assert_uint_eq(canary_check(page, 0x00f7f000, &first), CANARY_WORDS - 1);   /* all but word 0, left as it was */
	ck_assert_uint_eq(first, 0x00f7f000 + 4);
}
END_TEST

START_TEST(test_words_all_differ)
{
	/* Every word of two neighbouring pages is distinct: no value repeats where a copy could land. */
	static uint32_t two[2 * CANARY_WORDS];
	ck_assert_uint_eq(canary_word(0x00f7f000, CANARY_WORDS), canary_word(0x00f80000, 0));
	for (uint32_t i = 0; i < 2 * CANARY_WORDS; i++)
		two[i] = canary_word(0x00f7f000, i);
	qsort(two, 2 * CANARY_WORDS, sizeof(two[0]), cmp_u32);
	for (uint32_t i = 1; i < 2 * CANARY_WORDS; i++)
		ck_assert_uint_ne(two[i - 1], two[i]);
	ck_assert_uint_eq(canary_word(0x00f7f000, CANARY_WORDS), canary_word(0x00f80000, 0));
}
END_TEST

START_TEST(test_sum_sees_one_bit)
{
	canary_fill(page, 0x100000);
	uint32_t h = canary_sum(page, CANARY_WORDS, CANARY_SUM_SEED);
	ck_assert_uint_eq(canary_sum(page, CANARY_WORDS, CANARY_SUM_SEED), h);
	for (uint32_t bit = 0; bit < 32; bit++) {
		page[123] ^= 1u << bit;
		ck_assert_uint_ne(canary_sum(page, CANARY_WORDS, CANARY_SUM_SEED), h);
		page[123] ^= 1u << bit;
	}
	/* In two pieces, continuing from the first piece's sum: the same. */
	ck_assert_uint_eq(canary_sum(page + 100, CANARY_WORDS - 100, canary_sum(page, 100, CANARY_SUM_SEED)), h);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("canary");
	TCase *tc = tcase_create("canary");
	tcase_add_test(tc, test_filled_page_passes);
	tcase_add_test(tc, test_one_word_or_byte_changed);
	tcase_add_test(tc, test_zeroed_page_fails_everywhere);
	tcase_add_test(tc, test_copy_of_another_page_fails);
	tcase_add_test(tc, test_words_all_differ);
	tcase_add_test(tc, test_sum_sees_one_bit);
	suite_add_tcase(s, tc);
	return s;
}
