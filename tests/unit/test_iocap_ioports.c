/*
 * test_iocap_ioports.c - IoPorts cap values: making, deriving (range edges,
 * overflow, the order of the checks, rights), coverage of an access, the
 * set model, and the log format.
 */
#include <check.h>
#include <string.h>

#include "iocap/ioports.h"
#include "abi/errno.h"

static struct ioports cap(uint32_t base, uint32_t count, uint32_t rights)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(base, count, rights, &c), 0);
	return c;
}

static const struct ioports poison = { 0x1234, 0x5678, 0x9ABC };

static bool same(const struct ioports *a, const struct ioports *b)
{
	return a->base == b->base && a->count == b->count && a->rights == b->rights;
}

/* ---- ioports_make ---- */

START_TEST(make_accepts_whole_space_and_last_port)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(0, 0x10000, IOR_ALL, &c), 0);
	ck_assert_uint_eq(c.base, 0);
	ck_assert_uint_eq(c.count, 0x10000);
	ck_assert_uint_eq(c.rights, IOR_ALL);
	ck_assert_int_eq(ioports_make(0xFFFF, 1, IOR_READ, &c), 0);
	ck_assert_uint_eq(c.base, 0xFFFF);
	ck_assert_uint_eq(c.count, 1);
	ck_assert_int_eq(ioports_make(1, 0xFFFF, IOR_WRITE, &c), 0);
}
END_TEST

START_TEST(make_rejects_count_zero)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(0, 0, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0x3F8, 0, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFFF, 0, IOR_ALL, &c), -E_RANGE);
}
END_TEST

START_TEST(make_rejects_one_past_end_of_space)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(0x10000, 1, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFFF, 2, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0, 0x10001, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(1, 0x10000, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFF8, 9, IOR_ALL, &c), -E_RANGE);
}
END_TEST

START_TEST(make_rejects_base_plus_count_wrapping_32_bits)
{
	struct ioports c;
	/* Each sum wraps to something small that would pass a naive check. */
	ck_assert_int_eq(ioports_make(0xFFFF, 0xFFFFFFFFu, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0x10, 0xFFFFFFF0u, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0x10, 0xFFFFFFF8u, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFFFFFFFu, 1, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFFFFFF0u, 0x20, IOR_ALL, &c), -E_RANGE);
}
END_TEST

START_TEST(make_rejects_empty_or_unknown_rights)
{
	static const uint32_t bad[] = { 0, 4, 5, 7, 8, 0x80000000u, 0xFFFFFFFFu };
	struct ioports c;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_int_eq(ioports_make(0x60, 1, bad[i], &c), -E_INVAL);
}
END_TEST

START_TEST(make_checks_range_before_rights)
{
	struct ioports c;
	ck_assert_int_eq(ioports_make(0, 0, 0, &c), -E_RANGE);
	ck_assert_int_eq(ioports_make(0xFFFF, 2, 8, &c), -E_RANGE);
}
END_TEST

START_TEST(make_writes_nothing_on_error)
{
	struct ioports c = poison;
	ck_assert_int_ne(ioports_make(0, 0, IOR_ALL, &c), 0);
	ck_assert(same(&c, &poison));
	ck_assert_int_ne(ioports_make(0, 1, 0, &c), 0);
	ck_assert(same(&c, &poison));
}
END_TEST

/* ---- ioports_derive ---- */

START_TEST(derive_equal_range_is_allowed)
{
	struct ioports p = cap(0x2F8, 8, IOR_ALL), c;
	ck_assert_int_eq(ioports_derive(&p, 0x2F8, 8, IOR_ALL, &c), 0);
	ck_assert(same(&c, &p));
	struct ioports all = cap(0, 0x10000, IOR_ALL);
	ck_assert_int_eq(ioports_derive(&all, 0, 0x10000, IOR_ALL, &c), 0);
	ck_assert(same(&c, &all));
}
END_TEST

START_TEST(derive_one_past_either_edge_is_refused)
{
	struct ioports p = cap(0x2F8, 8, IOR_ALL), c;
	ck_assert_int_eq(ioports_derive(&p, 0x2F7, 8, IOR_ALL, &c), -E_PERM);
	ck_assert_int_eq(ioports_derive(&p, 0x2F7, 1, IOR_ALL, &c), -E_PERM);
	ck_assert_int_eq(ioports_derive(&p, 0x2F8, 9, IOR_ALL, &c), -E_PERM);
	ck_assert_int_eq(ioports_derive(&p, 0x2F9, 8, IOR_ALL, &c), -E_PERM);
	ck_assert_int_eq(ioports_derive(&p, 0x300, 1, IOR_ALL, &c), -E_PERM);
	ck_assert_int_eq(ioports_derive(&p, 0x2FF, 1, IOR_ALL, &c), 0);
	ck_assert_int_eq(ioports_derive(&p, 0x2F8, 1, IOR_ALL, &c), 0);
}
END_TEST

/* Every (base, count) around the parent: allowed exactly when contained. */
START_TEST(derive_sweep_around_parent_allows_exactly_subranges)
{
	struct ioports p = cap(0x2F8, 8, IOR_ALL), c;
	for (uint32_t base = 0x2F0; base <= 0x308; base++)
		for (uint32_t count = 0; count <= 20; count++) {
			int want = count == 0 ? -E_RANGE
				 : (base >= 0x2F8 && base + count <= 0x300) ? 0 : -E_PERM;
			if (ioports_derive(&p, base, count, IOR_ALL, &c) != want)
				ck_abort_msg("derive(0x%x, %u) != %d", base, count, want);
		}
}
END_TEST

START_TEST(derive_count_zero_is_a_range_error)
{
	struct ioports p = cap(0x2F8, 8, IOR_ALL), c;
	ck_assert_int_eq(ioports_derive(&p, 0x2F8, 0, IOR_ALL, &c), -E_RANGE);
	/* Outside the parent as well: range comes before authority. */
	ck_assert_int_eq(ioports_derive(&p, 0x60, 0, IOR_ALL, &c), -E_RANGE);
}
END_TEST

START_TEST(derive_overflow_at_top_of_space_is_a_range_error)
{
	struct ioports top = cap(0xFFF8, 8, IOR_ALL), c;
	ck_assert_int_eq(ioports_derive(&top, 0xFFFF, 1, IOR_ALL, &c), 0);
	ck_assert_int_eq(ioports_derive(&top, 0xFFFF, 2, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_derive(&top, 0xFFF8, 9, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_derive(&top, 0xFFFF, 0xFFFFFFFFu, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_derive(&top, 0xFFF9, 0xFFFFFFFFu, IOR_ALL, &c), -E_RANGE);
	ck_assert_int_eq(ioports_derive(&top, 0x10000, 1, IOR_ALL, &c), -E_RANGE);
	/* A wrapped sum must not slip under a whole-space parent either. */
	struct ioports all = cap(0, 0x10000, IOR_ALL);
	ck_assert_int_eq(ioports_derive(&all, 0x10, 0xFFFFFFF0u, IOR_ALL, &c), -E_RANGE);
}
END_TEST

/* All parent rights x all child rights values 0..7. */
START_TEST(derive_rights_must_be_a_subset)
{
	for (uint32_t pr = 1; pr <= IOR_ALL; pr++) {
		struct ioports p = cap(0x60, 5, pr), c;
		for (uint32_t cr = 0; cr < 8; cr++) {
			int want = (cr == 0 || cr > IOR_ALL) ? -E_INVAL
				 : (cr & ~pr) ? -E_PERM : 0;
			ck_assert_msg(ioports_derive(&p, 0x60, 5, cr, &c) == want,
				      "parent rights %u, child rights %u", pr, cr);
			if (want == 0)
				ck_assert_uint_eq(c.rights, cr);
		}
	}
}
END_TEST

START_TEST(derive_checks_validity_before_authority)
{
	struct ioports p = cap(0x60, 1, IOR_READ), c;
	/* Outside and more rights: authority says no, whichever fails. */
	ck_assert_int_eq(ioports_derive(&p, 0x70, 1, IOR_ALL, &c), -E_PERM);
	/* Outside but malformed rights: the argument error comes first. */
	ck_assert_int_eq(ioports_derive(&p, 0x70, 1, 4, &c), -E_INVAL);
	/* Bad range and bad rights: range first. */
	ck_assert_int_eq(ioports_derive(&p, 0xFFFF, 2, 4, &c), -E_RANGE);
}
END_TEST

START_TEST(derive_writes_nothing_on_error)
{
	struct ioports p = cap(0x60, 5, IOR_READ), c = poison;
	ck_assert_int_eq(ioports_derive(&p, 0x5F, 1, IOR_READ, &c), -E_PERM);
	ck_assert(same(&c, &poison));
	ck_assert_int_eq(ioports_derive(&p, 0x60, 1, IOR_WRITE, &c), -E_PERM);
	ck_assert(same(&c, &poison));
	ck_assert_int_eq(ioports_derive(&p, 0x60, 0, IOR_READ, &c), -E_RANGE);
	ck_assert(same(&c, &poison));
}
END_TEST

START_TEST(derive_into_the_parent_itself_works)
{
	struct ioports p = cap(0x1F0, 8, IOR_ALL);
	ck_assert_int_eq(ioports_derive(&p, 0x1F2, 2, IOR_READ, &p), 0);
	ck_assert_uint_eq(p.base, 0x1F2);
	ck_assert_uint_eq(p.count, 2);
	ck_assert_uint_eq(p.rights, IOR_READ);
	ck_assert_int_eq(ioports_derive(&p, 0x1F0, 8, IOR_READ, &p), -E_PERM);
	ck_assert_uint_eq(p.base, 0x1F2);
}
END_TEST

/* ---- ioports_covers ---- */

START_TEST(covers_byte_word_dword_at_range_edges)
{
	struct ioports c = cap(0x2F8, 8, IOR_ALL);
	ck_assert(!ioports_covers(&c, 0x2F7, 1));
	ck_assert(ioports_covers(&c, 0x2F8, 1));
	ck_assert(ioports_covers(&c, 0x2FF, 1));
	ck_assert(!ioports_covers(&c, 0x300, 1));
	ck_assert(!ioports_covers(&c, 0x2F7, 2));
	ck_assert(ioports_covers(&c, 0x2F8, 2));
	ck_assert(ioports_covers(&c, 0x2FE, 2));
	ck_assert(!ioports_covers(&c, 0x2FF, 2));
	ck_assert(!ioports_covers(&c, 0x2F5, 4));
	ck_assert(ioports_covers(&c, 0x2F8, 4));
	ck_assert(ioports_covers(&c, 0x2FC, 4));
	ck_assert(!ioports_covers(&c, 0x2FD, 4));
}
END_TEST

START_TEST(covers_rejects_widths_other_than_1_2_4)
{
	struct ioports c = cap(0, 0x10000, IOR_ALL);
	static const uint32_t bad[] = { 0, 3, 5, 8, 16, 0xFFFFFFFFu };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!ioports_covers(&c, 0x100, bad[i]), "width %u", bad[i]);
}
END_TEST

START_TEST(covers_nothing_past_port_ffff)
{
	struct ioports c = cap(0, 0x10000, IOR_ALL);
	ck_assert(ioports_covers(&c, 0xFFFF, 1));
	ck_assert(!ioports_covers(&c, 0xFFFF, 2));
	ck_assert(ioports_covers(&c, 0xFFFE, 2));
	ck_assert(ioports_covers(&c, 0xFFFC, 4));
	ck_assert(!ioports_covers(&c, 0xFFFD, 4));
	ck_assert(!ioports_covers(&c, 0x10000, 1));
	ck_assert(!ioports_covers(&c, 0xFFFFFFFFu, 1));
	ck_assert(!ioports_covers(&c, 0xFFFFFFFEu, 4));   /* port + width wraps */
}
END_TEST

/* ---- the set model ---- */

START_TEST(set_adjacent_caps_together_cover_a_word)
{
	struct ioports two[] = { cap(0x60, 1, IOR_ALL), cap(0x61, 1, IOR_ALL) };
	ck_assert(ioports_set_allows(two, 2, 0x60, 2));
	ck_assert(!ioports_set_allows(two, 2, 0x60, 4));
	ck_assert(!ioports_set_allows(two, 2, 0x5F, 2));
	ck_assert(!ioports_set_allows(two, 2, 0x61, 2));
	struct ioports gap[] = { cap(0x60, 1, IOR_ALL), cap(0x62, 1, IOR_ALL) };
	ck_assert(!ioports_set_allows(gap, 2, 0x60, 2));
	ck_assert(!ioports_set_allows(gap, 2, 0x60, 4));
}
END_TEST

START_TEST(set_empty_allows_nothing)
{
	for (uint32_t w = 1; w <= 4; w *= 2) {
		ck_assert(!ioports_set_allows(NULL, 0, 0, w));
		ck_assert(!ioports_set_allows(NULL, 0, 0xFFFF, w));
		ck_assert(!ioports_set_permits(NULL, 0, 0x60, w, IOR_READ));
	}
}
END_TEST

START_TEST(set_permits_needs_the_right_on_every_byte)
{
	/* 0x70 readable only, 0x71 read-write. */
	struct ioports s[] = { cap(0x70, 1, IOR_READ), cap(0x71, 1, IOR_ALL) };
	ck_assert(ioports_set_permits(s, 2, 0x70, 2, IOR_READ));
	ck_assert(!ioports_set_permits(s, 2, 0x70, 2, IOR_WRITE));
	ck_assert(!ioports_set_permits(s, 2, 0x70, 2, IOR_ALL));
	ck_assert(ioports_set_permits(s, 2, 0x71, 1, IOR_WRITE));
	ck_assert(!ioports_set_permits(s, 2, 0x70, 1, IOR_WRITE));
}
END_TEST

START_TEST(set_allows_only_ports_held_with_both_rights)
{
	struct ioports s[] = { cap(0x60, 1, IOR_READ), cap(0x64, 1, IOR_WRITE),
			       cap(0x3F8, 8, IOR_ALL) };
	ck_assert(!ioports_set_allows(s, 3, 0x60, 1));
	ck_assert(!ioports_set_allows(s, 3, 0x64, 1));
	ck_assert(ioports_set_allows(s, 3, 0x3F8, 1));
	/* Read on one cap and write on another still make both rights. */
	struct ioports rw[] = { cap(0x60, 1, IOR_READ), cap(0x60, 1, IOR_WRITE) };
	ck_assert(!ioports_set_allows(rw, 2, 0x60, 1));
	ck_assert(ioports_set_permits(rw, 2, 0x60, 1, IOR_READ));
	ck_assert(ioports_set_permits(rw, 2, 0x60, 1, IOR_WRITE));
}
END_TEST

/* ---- ioports_format ---- */

static const char *fmt(const struct ioports *s, int n)
{
	static char buf[256];
	int len = ioports_format(buf, sizeof(buf), s, n);
	ck_assert_int_eq(len, (int)strlen(buf));
	return buf;
}

START_TEST(format_empty_set_is_none)
{
	ck_assert_str_eq(fmt(NULL, 0), "none");
}
END_TEST

START_TEST(format_single_port_and_range)
{
	struct ioports s[] = { cap(0x60, 1, IOR_ALL) };
	ck_assert_str_eq(fmt(s, 1), "0x60");
	struct ioports r[] = { cap(0x2F8, 8, IOR_ALL) };
	ck_assert_str_eq(fmt(r, 1), "0x2f8-0x2ff");
	struct ioports z[] = { cap(0, 1, IOR_READ) };
	ck_assert_str_eq(fmt(z, 1), "0x0");
}
END_TEST

START_TEST(format_sorts_and_merges_overlapping_and_adjacent)
{
	struct ioports s[] = {
		cap(0x3F8, 8, IOR_ALL), cap(0x60, 1, IOR_READ), cap(0x2F8, 8, IOR_ALL),
		cap(0x61, 3, IOR_WRITE),            /* adjacent to 0x60 */
		cap(0x2FC, 8, IOR_ALL),             /* overlaps 0x2f8-0x2ff */
		cap(0x3F9, 2, IOR_READ),            /* inside 0x3f8-0x3ff */
		cap(0x70, 1, IOR_ALL),
	};
	ck_assert_str_eq(fmt(s, 7), "0x60-0x63,0x70,0x2f8-0x303,0x3f8-0x3ff");
}
END_TEST

START_TEST(format_merges_chains_in_any_order)
{
	/* Each cap touches the next only through the one after it in the array. */
	struct ioports s[] = { cap(0x30, 0x10, IOR_ALL), cap(0x10, 0x10, IOR_ALL),
			       cap(0x20, 0x10, IOR_ALL), cap(0x0, 0x10, IOR_ALL) };
	ck_assert_str_eq(fmt(s, 4), "0x0-0x3f");
}
END_TEST

START_TEST(format_whole_space_and_top_port)
{
	struct ioports all[] = { cap(0, 0x10000, IOR_ALL) };
	ck_assert_str_eq(fmt(all, 1), "0x0-0xffff");
	struct ioports top[] = { cap(0xFFFF, 1, IOR_ALL), cap(0xFFF8, 4, IOR_ALL) };
	ck_assert_str_eq(fmt(top, 2), "0xfff8-0xfffb,0xffff");
}
END_TEST

START_TEST(format_truncates_like_snprintf)
{
	struct ioports s[] = { cap(0x2F8, 8, IOR_ALL), cap(0x3F8, 8, IOR_ALL) };
	const char *full = "0x2f8-0x2ff,0x3f8-0x3ff";
	int len = (int)strlen(full);
	for (size_t n = 1; n <= (size_t)len + 1; n++) {
		char buf[64];
		memset(buf, '#', sizeof(buf));
		ck_assert_int_eq(ioports_format(buf, n, s, 2), len);
		ck_assert_uint_eq(strlen(buf), n - 1);
		ck_assert(strncmp(buf, full, n - 1) == 0);
		ck_assert_int_eq(buf[n], '#');   /* nothing written past n */
	}
	ck_assert_int_eq(ioports_format(NULL, 0, s, 2), len);
	ck_assert_int_eq(ioports_format(NULL, 0, NULL, 0), 4);
}
END_TEST

/* The worst case for length: every other port, each its own range. */
START_TEST(format_len_macro_is_enough_for_worst_case)
{
	enum { N = 64 };
	struct ioports s[N];
	for (int i = 0; i < N; i++)
		s[i] = cap(0xFF00 + 2 * i, 1, IOR_ALL);
	char buf[IOPORTS_FORMAT_LEN(N)];
	int len = ioports_format(buf, sizeof(buf), s, N);
	ck_assert_int_lt(len, (int)sizeof(buf));
	ck_assert(strncmp(buf, "0xff00,0xff02,", 14) == 0);
	struct ioports r[N];
	for (int i = 0; i < N; i++)
		r[i] = cap(0xFF00 + 3 * i, 2, IOR_ALL);   /* "0xff00-0xff01," = 14 */
	char buf2[IOPORTS_FORMAT_LEN(N)];
	ck_assert_int_lt(ioports_format(buf2, sizeof(buf2), r, N), (int)sizeof(buf2));
}
END_TEST

Suite *iocap_ioports_suite(void)
{
	Suite *s = suite_create("iocap_ioports");
	TCase *make = tcase_create("make");
	tcase_add_test(make, make_accepts_whole_space_and_last_port);
	tcase_add_test(make, make_rejects_count_zero);
	tcase_add_test(make, make_rejects_one_past_end_of_space);
	tcase_add_test(make, make_rejects_base_plus_count_wrapping_32_bits);
	tcase_add_test(make, make_rejects_empty_or_unknown_rights);
	tcase_add_test(make, make_checks_range_before_rights);
	tcase_add_test(make, make_writes_nothing_on_error);
	suite_add_tcase(s, make);

	TCase *derive = tcase_create("derive");
	tcase_add_test(derive, derive_equal_range_is_allowed);
	tcase_add_test(derive, derive_one_past_either_edge_is_refused);
	tcase_add_test(derive, derive_sweep_around_parent_allows_exactly_subranges);
	tcase_add_test(derive, derive_count_zero_is_a_range_error);
	tcase_add_test(derive, derive_overflow_at_top_of_space_is_a_range_error);
	tcase_add_test(derive, derive_rights_must_be_a_subset);
	tcase_add_test(derive, derive_checks_validity_before_authority);
	tcase_add_test(derive, derive_writes_nothing_on_error);
	tcase_add_test(derive, derive_into_the_parent_itself_works);
	suite_add_tcase(s, derive);

	TCase *cov = tcase_create("covers");
	tcase_add_test(cov, covers_byte_word_dword_at_range_edges);
	tcase_add_test(cov, covers_rejects_widths_other_than_1_2_4);
	tcase_add_test(cov, covers_nothing_past_port_ffff);
	tcase_add_test(cov, set_adjacent_caps_together_cover_a_word);
	tcase_add_test(cov, set_empty_allows_nothing);
	tcase_add_test(cov, set_permits_needs_the_right_on_every_byte);
	tcase_add_test(cov, set_allows_only_ports_held_with_both_rights);
	suite_add_tcase(s, cov);

	TCase *f = tcase_create("format");
	tcase_add_test(f, format_empty_set_is_none);
	tcase_add_test(f, format_single_port_and_range);
	tcase_add_test(f, format_sorts_and_merges_overlapping_and_adjacent);
	tcase_add_test(f, format_merges_chains_in_any_order);
	tcase_add_test(f, format_whole_space_and_top_port);
	tcase_add_test(f, format_truncates_like_snprintf);
	tcase_add_test(f, format_len_macro_is_enough_for_worst_case);
	suite_add_tcase(s, f);
	return s;
}
