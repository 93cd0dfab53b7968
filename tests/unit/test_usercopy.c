/*
 * test_usercopy.c - kernel/mm/usercopy.c: user_range_ok, copyin, copyout,
 * user_writable,
 * against the page layout of fake_vm.h.  A range refused by the range
 * check must be refused before any page is looked up (fake_vm_calls == 0):
 * the fake maps trap pages outside user space, so only that check can
 * stop a copy there.
 */
#include <string.h>

#include "abi/errno.h"
#include "kernel/mm/uaccess.h"
#include "tests/unit/fake_vm.h"
#include "tests/unit/unit.h"

static void setup(void)
{
	fake_vm_reset();
}

static void fill_pattern(uint8_t *p, uint32_t len, uint8_t seed)
{
	for (uint32_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i * 13);
}

/* The user bytes [va, va+len) hold FAKE_FILL (nothing was written). */
static void assert_user_untouched(uint32_t va, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		ck_assert_msg(*fake_vm_byte(va + i) == FAKE_FILL, "user byte 0x%x was written", va + i);
}

/* The user bytes [va, va+len) equal src. */
static void assert_user_equals(uint32_t va, const uint8_t *src, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		ck_assert_msg(*fake_vm_byte(va + i) == src[i], "user byte 0x%x differs", va + i);
}

START_TEST(test_range_below_user_base_rejected)
{
	ck_assert_int_eq(user_range_ok(0, 1), 0);
	ck_assert_int_eq(user_range_ok(USER_BASE - 1, 1), 0);
	ck_assert_int_eq(user_range_ok(USER_BASE - 1, 2), 0);
	ck_assert_int_eq(user_range_ok(USER_BASE, 1), 1);
}
END_TEST

START_TEST(test_range_at_or_after_user_end_rejected)
{
	ck_assert_int_eq(user_range_ok(USER_END, 1), 0);
	ck_assert_int_eq(user_range_ok(USER_END, 0), 0);
	ck_assert_int_eq(user_range_ok(0xFFFFFFFFu, 1), 0);
}
END_TEST

START_TEST(test_range_ending_at_user_end_accepted)
{
	ck_assert_int_eq(user_range_ok(USER_END - 1, 1), 1);
	ck_assert_int_eq(user_range_ok(USER_END - 0x10, 0x10), 1);
	ck_assert_int_eq(user_range_ok(USER_BASE, USER_END - USER_BASE), 1);
}
END_TEST

START_TEST(test_range_one_byte_past_user_end_rejected)
{
	ck_assert_int_eq(user_range_ok(USER_END - 1, 2), 0);
	ck_assert_int_eq(user_range_ok(USER_END - 0x10, 0x11), 0);
	ck_assert_int_eq(user_range_ok(USER_BASE, USER_END - USER_BASE + 1), 0);
}
END_TEST

START_TEST(test_range_wrapping_rejected)
{
	/* addr + len wraps to 1 and to 0x3FFFFFFF: both below USER_END. */
	ck_assert_int_eq(user_range_ok(FAKE_LAST_VA, 0x40001001u), 0);
	ck_assert_int_eq(user_range_ok(USER_BASE, 0xFFFFFFFFu), 0);
}
END_TEST

START_TEST(test_copy_len_zero_does_nothing)
{
	uint8_t buf[4] = { 1, 2, 3, 4 };
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(FAKE_RW_VA), 0), 0);
	ck_assert_int_eq(copyout(&fake_as, uptr(FAKE_RW_VA), buf, 0), 0);
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(0), 0), 0);
	ck_assert_uint_eq(fake_vm_calls, 0);
	ck_assert_uint_eq(buf[0], 1);
	assert_user_untouched(FAKE_RW_VA, 4);
}
END_TEST

START_TEST(test_copyin_below_user_base_faults)
{
	uint8_t buf[0x20];
	memset(buf, 0x11, sizeof(buf));
	/* Starts in the trap page below user space and runs into user space. */
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(USER_BASE - 0x10), sizeof(buf)), -E_FAULT);
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(USER_BASE - 1), 1), -E_FAULT);
	ck_assert_uint_eq(fake_vm_calls, 0);
	ck_assert_uint_eq(buf[0], 0x11);
}
END_TEST

START_TEST(test_copyout_below_user_base_faults)
{
	uint8_t buf[0x20];
	memset(buf, 0x11, sizeof(buf));
	ck_assert_int_eq(copyout(&fake_as, uptr(USER_BASE - 0x10), buf, sizeof(buf)), -E_FAULT);
	ck_assert_uint_eq(fake_vm_calls, 0);
	assert_user_untouched(USER_BASE - 0x10, sizeof(buf));
}
END_TEST

START_TEST(test_copyout_at_user_end_faults)
{
	uint8_t buf[8] = { 0 };
	ck_assert_int_eq(copyout(&fake_as, uptr(USER_END), buf, sizeof(buf)), -E_FAULT);
	ck_assert_int_eq(copyout(&fake_as, uptr(USER_END + 0x100), buf, sizeof(buf)), -E_FAULT);
	ck_assert_uint_eq(fake_vm_calls, 0);
	assert_user_untouched(USER_END, 0x108);
}
END_TEST

START_TEST(test_copyout_ending_at_user_end_ok)
{
	uint8_t buf[16];
	fill_pattern(buf, sizeof(buf), 3);
	ck_assert_int_eq(copyout(&fake_as, uptr(USER_END - sizeof(buf)), buf, sizeof(buf)), 0);
	assert_user_equals(USER_END - sizeof(buf), buf, sizeof(buf));
	assert_user_untouched(USER_END - sizeof(buf) - 1, 1);
}
END_TEST

START_TEST(test_copyout_one_byte_past_user_end_faults)
{
	uint8_t buf[17];
	fill_pattern(buf, sizeof(buf), 3);
	ck_assert_int_eq(copyout(&fake_as, uptr(USER_END - 16), buf, sizeof(buf)), -E_FAULT);
	ck_assert_uint_eq(fake_vm_calls, 0);
	assert_user_untouched(USER_END - 16, sizeof(buf));
}
END_TEST

START_TEST(test_copyin_wrapping_range_faults)
{
	/*
	 * Without the overflow check this would copy ~1 GiB into a 16-byte
	 * buffer (an AddressSanitizer error at the first page boundary).
	 */
	uint8_t buf[16];
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(FAKE_LAST_VA), 0x40001001u), -E_FAULT);
	ck_assert_uint_eq(fake_vm_calls, 0);
}
END_TEST

START_TEST(test_copyout_into_hole_faults)
{
	/* The last 16 bytes of the writable pages, then 16 into the hole. */
	uint8_t buf[0x20];
	fill_pattern(buf, sizeof(buf), 5);
	ck_assert_int_eq(copyout(&fake_as, uptr(FAKE_HOLE_VA - 0x10), buf, sizeof(buf)), -E_FAULT);
	ck_assert_int_eq(copyout(&fake_as, uptr(FAKE_HOLE_VA + 0x10), buf, 1), -E_FAULT);
}
END_TEST

START_TEST(test_copyin_from_hole_faults)
{
	uint8_t buf[0x20];
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(FAKE_HOLE_VA - 0x10), sizeof(buf)), -E_FAULT);
	ck_assert_int_eq(copyin(&fake_as, buf, uptr(FAKE_AFTER_VA - 0x10), sizeof(buf)), -E_FAULT);
}
END_TEST

START_TEST(test_copyout_to_read_only_faults)
{
	uint8_t buf[8];
	fill_pattern(buf, sizeof(buf), 7);
	ck_assert_int_eq(copyout(&fake_as, uptr(FAKE_RO_VA + 0x10), buf, sizeof(buf)), -E_FAULT);
	assert_user_untouched(FAKE_RO_VA + 0x10, sizeof(buf));
	/* Ending in the writable page does not help: the first page is read-only. */
	ck_assert_int_eq(copyout(&fake_as, uptr(FAKE_RW_VA - 4), buf, sizeof(buf)), -E_FAULT);
	assert_user_untouched(FAKE_RW_VA - 4, 4);
}
END_TEST

START_TEST(test_copyin_from_read_only_ok)
{
	uint8_t want[32], got[32];
	fill_pattern(want, sizeof(want), 9);
	memcpy(fake_vm_byte(FAKE_RO_VA + 0x100), want, sizeof(want));
	ck_assert_int_eq(copyin(&fake_as, got, uptr(FAKE_RO_VA + 0x100), sizeof(got)), 0);
	ck_assert_mem_eq(got, want, sizeof(want));
}
END_TEST

START_TEST(test_copyout_across_page_boundary)
{
	static uint8_t buf[FAKE_PAGE];
	fill_pattern(buf, sizeof(buf), 11);
	uint32_t va = FAKE_RW_VA + 0x800;
	ck_assert_int_eq(copyout(&fake_as, uptr(va), buf, sizeof(buf)), 0);
	assert_user_equals(va, buf, sizeof(buf));
	assert_user_untouched(va - 1, 1);
	assert_user_untouched(va + sizeof(buf), 1);
}
END_TEST

START_TEST(test_copyin_across_page_boundaries)
{
	/* From the read-only page through both writable pages. */
	static uint8_t want[0x1200], got[0x1200];
	uint32_t va = FAKE_RO_VA + 0xF00;
	fill_pattern(want, sizeof(want), 13);
	for (uint32_t i = 0; i < sizeof(want); i++)
		*fake_vm_byte(va + i) = want[i];
	memset(got, 0, sizeof(got));
	ck_assert_int_eq(copyin(&fake_as, got, uptr(va), sizeof(got)), 0);
	ck_assert_mem_eq(got, want, sizeof(want));
}
END_TEST

START_TEST(test_copy_uses_the_given_address_space)
{
	static const struct aspace other = { .pgdir = 0x2000 };
	uint8_t buf[4] = { 0 };
	ck_assert_int_eq(copyin(&other, buf, uptr(FAKE_RW_VA), sizeof(buf)), -E_FAULT);
	ck_assert_int_eq(copyout(&other, uptr(FAKE_RW_VA), buf, sizeof(buf)), -E_FAULT);
	assert_user_untouched(FAKE_RW_VA, sizeof(buf));
}
END_TEST

/* user_writable answers what copyout would do, and writes nothing. */
START_TEST(test_user_writable_matches_copyout)
{
	static const struct {
		uint32_t va, len;
		int ok;
	} cases[] = {
		{ FAKE_RW_VA, 64, 1 },
		{ FAKE_RW_VA + 0x800, FAKE_PAGE, 1 },          /* across the two writable pages */
		{ FAKE_RO_VA + 0x10, 8, 0 },                   /* read-only */
		{ FAKE_RW_VA - 4, 8, 0 },                      /* starts read-only */
		{ FAKE_HOLE_VA - 0x10, 0x20, 0 },              /* ends in the hole */
		{ FAKE_HOLE_VA + 0x10, 1, 0 },
		{ FAKE_LAST_VA + FAKE_PAGE - 1, 2, 0 },        /* past the end of user space */
		{ FAKE_RW_VA, 0, 1 },                          /* nothing to write */
	};
	static uint8_t buf[FAKE_PAGE];
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t va = cases[i].va, len = cases[i].len;
		ck_assert_msg(user_writable(&fake_as, uptr(va), len) == cases[i].ok,
			      "user_writable(0x%x, %u) != %d", va, len, cases[i].ok);
		if (len && cases[i].ok)
			assert_user_untouched(va, len);
		ck_assert_int_eq(copyout(&fake_as, uptr(va), buf, len), cases[i].ok ? 0 : -E_FAULT);
	}
	fake_vm_reset();
	ck_assert(!user_writable(&fake_as, uptr(0x1000), 4));
	ck_assert_uint_eq(fake_vm_calls, 0);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("usercopy");
	TCase *tc = tcase_create("usercopy");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_range_below_user_base_rejected);
	tcase_add_test(tc, test_range_at_or_after_user_end_rejected);
	tcase_add_test(tc, test_range_ending_at_user_end_accepted);
	tcase_add_test(tc, test_range_one_byte_past_user_end_rejected);
	tcase_add_test(tc, test_range_wrapping_rejected);
	tcase_add_test(tc, test_copy_len_zero_does_nothing);
	tcase_add_test(tc, test_copyin_below_user_base_faults);
	tcase_add_test(tc, test_copyout_below_user_base_faults);
	tcase_add_test(tc, test_copyout_at_user_end_faults);
	tcase_add_test(tc, test_copyout_ending_at_user_end_ok);
	tcase_add_test(tc, test_copyout_one_byte_past_user_end_faults);
	tcase_add_test(tc, test_copyin_wrapping_range_faults);
	tcase_add_test(tc, test_copyout_into_hole_faults);
	tcase_add_test(tc, test_copyin_from_hole_faults);
	tcase_add_test(tc, test_copyout_to_read_only_faults);
	tcase_add_test(tc, test_copyin_from_read_only_ok);
	tcase_add_test(tc, test_copyout_across_page_boundary);
	tcase_add_test(tc, test_copyin_across_page_boundaries);
	tcase_add_test(tc, test_copy_uses_the_given_address_space);
	tcase_add_test(tc, test_user_writable_matches_copyout);
	suite_add_tcase(s, tc);
	return s;
}
