/*
 * test_iocap_iopl.c - EFLAGS sanitising: ring 3 never gets IOPL without the
 * cap, never NT/VM/VIF/VIP or reserved bits, always IF and bit 1, and keeps
 * exactly its own arithmetic, TF, DF, RF, AC and ID flags.
 */
#include <check.h>

#include "iocap/iopl.h"

#define RESERVED_ZERO 0xFFC08028u   /* bits 3, 5, 15, 22-31 */

START_TEST(all_ones_without_cap_keeps_only_user_flags)
{
	uint32_t f = eflags_sanitize(0xFFFFFFFFu, false);
	ck_assert_uint_eq(f, EFL_USER_MASK | EFL_IF | EFL_FIXED);
	ck_assert_uint_eq(f & EFL_IOPL, 0);
	ck_assert_uint_eq(f & (EFL_NT | EFL_VM | EFL_VIF | EFL_VIP), 0);
	ck_assert_uint_eq(f & RESERVED_ZERO, 0);
}
END_TEST

START_TEST(all_ones_with_cap_gets_iopl_3)
{
	uint32_t f = eflags_sanitize(0xFFFFFFFFu, true);
	ck_assert_uint_eq(f, EFL_USER_MASK | EFL_IF | EFL_FIXED | EFL_IOPL3);
	ck_assert_uint_eq(f & (EFL_NT | EFL_VM | EFL_VIF | EFL_VIP), 0);
	ck_assert_uint_eq(f & RESERVED_ZERO, 0);
}
END_TEST

START_TEST(all_zeros_gets_if_and_bit_1)
{
	ck_assert_uint_eq(eflags_sanitize(0, false), 0x202u);
	ck_assert_uint_eq(eflags_sanitize(0, true), 0x3202u);
}
END_TEST

/* Every IOPL a task could ask for: 0 without the cap, 3 with it. */
START_TEST(iopl_comes_from_the_cap_not_the_task)
{
	for (uint32_t iopl = 0; iopl < 4; iopl++) {
		uint32_t asked = 0x202u | (iopl << 12);
		ck_assert_uint_eq(eflags_sanitize(asked, false) & EFL_IOPL, 0);
		ck_assert_uint_eq(eflags_sanitize(asked, true) & EFL_IOPL, EFL_IOPL3);
	}
}
END_TEST

START_TEST(nt_and_vm_are_cleared)
{
	for (int cap = 0; cap < 2; cap++) {
		ck_assert_uint_eq(eflags_sanitize(EFL_NT | 0x202u, cap) & EFL_NT, 0);
		ck_assert_uint_eq(eflags_sanitize(EFL_VM | 0x202u, cap) & EFL_VM, 0);
		ck_assert_uint_eq(eflags_sanitize(EFL_VM | EFL_NT | EFL_IOPL, cap) & (EFL_VM | EFL_NT), 0);
		ck_assert_uint_eq(eflags_sanitize(EFL_VIF | EFL_VIP, cap) & (EFL_VIF | EFL_VIP), 0);
	}
}
END_TEST

START_TEST(if_is_forced_on)
{
	ck_assert_uint_eq(eflags_sanitize(0xFFFFFFFFu & ~EFL_IF, false) & EFL_IF, EFL_IF);
	ck_assert_uint_eq(eflags_sanitize(0xFFFFFFFFu & ~EFL_IF, true) & EFL_IF, EFL_IF);
}
END_TEST

/* Each bit alone, with and without the cap: where it ends up. */
START_TEST(every_single_bit_lands_where_documented)
{
	static const uint32_t kept[] = { EFL_CF, EFL_PF, EFL_AF, EFL_ZF, EFL_SF, EFL_TF,
					 EFL_DF, EFL_OF, EFL_RF, EFL_AC, EFL_ID };
	uint32_t keep = 0;
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		keep |= kept[i];
	ck_assert_uint_eq(keep, EFL_USER_MASK);
	for (int cap = 0; cap < 2; cap++) {
		uint32_t base = EFL_IF | EFL_FIXED | (cap ? EFL_IOPL3 : 0);
		for (int b = 0; b < 32; b++) {
			uint32_t bit = 1u << b;
			uint32_t want = base | (bit & keep);
			uint32_t got = eflags_sanitize(bit, cap);
			ck_assert_msg(got == want, "bit %d, cap %d: 0x%x, want 0x%x", b, cap, got, want);
		}
	}
}
END_TEST

START_TEST(sanitize_is_idempotent)
{
	static const uint32_t v[] = { 0, 0xFFFFFFFFu, 0x3202u, 0x46u, 0x24ED7u, 0x80007001u };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (int cap = 0; cap < 2; cap++) {
			uint32_t once = eflags_sanitize(v[i], cap);
			ck_assert_uint_eq(eflags_sanitize(once, cap), once);
		}
}
END_TEST

/* A holder that lost the cap drops back to IOPL 0 on the next sanitise. */
START_TEST(losing_the_cap_drops_iopl)
{
	uint32_t with = eflags_sanitize(0x202u, true);
	ck_assert_uint_eq(eflags_sanitize(with, false) & EFL_IOPL, 0);
}
END_TEST

Suite *iocap_iopl_suite(void)
{
	Suite *s = suite_create("iocap_iopl");
	TCase *t = tcase_create("eflags");
	tcase_add_test(t, all_ones_without_cap_keeps_only_user_flags);
	tcase_add_test(t, all_ones_with_cap_gets_iopl_3);
	tcase_add_test(t, all_zeros_gets_if_and_bit_1);
	tcase_add_test(t, iopl_comes_from_the_cap_not_the_task);
	tcase_add_test(t, nt_and_vm_are_cleared);
	tcase_add_test(t, if_is_forced_on);
	tcase_add_test(t, every_single_bit_lands_where_documented);
	tcase_add_test(t, sanitize_is_idempotent);
	tcase_add_test(t, losing_the_cap_drops_iopl);
	suite_add_tcase(s, t);
	return s;
}
