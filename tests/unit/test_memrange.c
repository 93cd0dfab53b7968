/*
 * test_memrange.c - kernel/mm/memrange.h, the range checks of the memory
 * calls: where a mapping may go (alignment, the user half, overflow),
 * which rights it may ask for, what a minted sub-range covers, and which
 * physical ranges may be Mmio (never RAM, never at or above MMIO_LIMIT).
 */
#include <stdint.h>

#include "kernel/mm/memrange.h"
#include "tests/unit/unit.h"

START_TEST(test_user_range)
{
	ck_assert_int_eq(memr_user_range(USER_BASE, 1), 0);
	ck_assert_int_eq(memr_user_range(USER_END - 4096, 1), 0);
	ck_assert_int_eq(memr_user_range(USER_BASE, (USER_END - USER_BASE) / 4096), 0);
	ck_assert_int_eq(memr_user_range(USER_BASE + 1, 1), E_INVAL);
	ck_assert_int_eq(memr_user_range(USER_BASE + 0x800, 1), E_INVAL);
	ck_assert_int_eq(memr_user_range(0x00100000u, 1), E_RANGE);      /* kernel */
	ck_assert_int_eq(memr_user_range(USER_BASE - 4096, 1), E_RANGE);
	ck_assert_int_eq(memr_user_range(USER_END, 1), E_RANGE);          /* kernel half */
	ck_assert_int_eq(memr_user_range(0xFEE00000u, 1), E_RANGE);       /* the local APIC */
	ck_assert_int_eq(memr_user_range(USER_END - 4096, 2), E_RANGE);   /* runs past the end */
	ck_assert_int_eq(memr_user_range(USER_BASE, 0xFFFFFu), E_RANGE);  /* wraps */
	ck_assert_int_eq(memr_user_range(USER_BASE, 0), E_RANGE);
	ck_assert_int_eq(memr_user_range(0xFFFFF000u, 2), E_RANGE);
}
END_TEST

START_TEST(test_rights)
{
	ck_assert_int_eq(memr_rights(MEM_R, MEM_R | MEM_W), 0);
	ck_assert_int_eq(memr_rights(MEM_R | MEM_W, MEM_R | MEM_W), 0);
	ck_assert_int_eq(memr_rights(MEM_R, MEM_R), 0);
	ck_assert_int_eq(memr_rights(MEM_R | MEM_W, MEM_R), E_PERM);
	ck_assert_int_eq(memr_rights(MEM_W, MEM_R | MEM_W), E_INVAL);
	ck_assert_int_eq(memr_rights(0, MEM_R | MEM_W), E_INVAL);
	ck_assert_int_eq(memr_rights(MEM_R | 4, MEM_R | MEM_W), E_INVAL);
	ck_assert_int_eq(memr_rights(MEM_R, 0), E_PERM);
}
END_TEST

START_TEST(test_sub_range)
{
	uint32_t f = 99, n = 99;
	ck_assert_int_eq(memr_sub(0, 0, 10, &f, &n), 0);
	ck_assert_uint_eq(f, 0);
	ck_assert_uint_eq(n, 10);
	ck_assert_int_eq(memr_sub(MEM_SUB(2, 3), 0, 10, &f, &n), 0);
	ck_assert_uint_eq(f, 2);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(memr_sub(MEM_SUB(9, 1), 0, 10, &f, &n), 0);
	ck_assert_int_eq(memr_sub(MEM_SUB(9, 2), 0, 10, &f, &n), E_RANGE);
	ck_assert_int_eq(memr_sub(MEM_SUB(10, 1), 0, 10, &f, &n), E_RANGE);
	ck_assert_int_eq(memr_sub(MEM_SUB(3, 0), 0, 10, &f, &n), E_RANGE);
	ck_assert_int_eq(memr_sub(MEM_SUB(0xFFFF, 0xFFFF), 0, 10, &f, &n), E_RANGE);
	ck_assert_int_eq(memr_sub(MEM_SUB(1, 0xFFFF), 0, 0x10000, &f, &n), 0);
}
END_TEST

/* The PCI window's Mmio cap has ~1M pages: first's high bits come in the rights word. */
START_TEST(test_sub_range_far_into_a_large_cap)
{
	uint32_t npages = (MMIO_LIMIT - 0x08000000u) / 4096u, first = (0xFD000000u - 0x08000000u) / 4096u;
	uint32_t f = 0, n = 0;
	ck_assert_uint_gt(first, 0xFFFFu);
	uint32_t rights = MEM_SUB_RIGHTS(first, MEM_R | MEM_W);
	ck_assert_uint_eq(rights & 0xFFFFu, MEM_R | MEM_W);
	ck_assert_int_eq(memr_sub(MEM_SUB(first, 4096), rights & 0xFFFF0000u, npages, &f, &n), 0);
	ck_assert_uint_eq(f, first);
	ck_assert_uint_eq(n, 4096);
	/* Without the high bits the same value names another page: no silent wrap to the far one. */
	ck_assert_int_eq(memr_sub(MEM_SUB(first, 4096), 0, npages, &f, &n), 0);
	ck_assert_uint_eq(f, first & 0xFFFFu);
	/* Past the end, even with the high bits. */
	ck_assert_int_eq(memr_sub(MEM_SUB(npages, 1), MEM_SUB_RIGHTS(npages, 0), npages, &f, &n), E_RANGE);
	ck_assert_int_eq(memr_sub(0, MEM_SUB_RIGHTS(0x10000, 0), npages, &f, &n), E_RANGE);   /* n = 0 */
}
END_TEST

static const struct memr_region ram[] = {
	{ 0, 0x9FC00 },                  /* conventional memory */
	{ 0x100000, 0x7EE0000 },          /* 1 MiB .. 127 MiB */
};

START_TEST(test_mmio_never_ram)
{
	ck_assert(memr_mmio_ok(0xA0000, 0x60, ram, 2));                 /* the legacy window */
	ck_assert(memr_mmio_ok(0xB8000, 8, ram, 2));
	ck_assert(!memr_mmio_ok(0x9F000, 2, ram, 2));                    /* touches conventional RAM */
	ck_assert(!memr_mmio_ok(0xFF000, 2, ram, 2));                    /* runs into RAM at 1 MiB */
	ck_assert(!memr_mmio_ok(0x200000, 1, ram, 2));                   /* RAM */
	ck_assert(!memr_mmio_ok(0x7FDF000, 1, ram, 2));                  /* the last page of RAM */
	ck_assert(memr_mmio_ok(0x8000000, 1, ram, 2));
	ck_assert(memr_mmio_ok(0xFD000000u, 4096, ram, 2));             /* the std-VGA framebuffer */
}
END_TEST

START_TEST(test_mmio_never_at_or_above_the_limit)
{
	ck_assert(memr_mmio_ok(MMIO_LIMIT - 4096, 1, ram, 2));
	ck_assert(!memr_mmio_ok(MMIO_LIMIT - 4096, 2, ram, 2));
	ck_assert(!memr_mmio_ok(MMIO_LIMIT, 1, ram, 2));                 /* the IOAPIC */
	ck_assert(!memr_mmio_ok(0xFEE00000u, 1, ram, 2));                /* the local APIC */
	ck_assert(!memr_mmio_ok(0xFFFFF000u, 1, ram, 2));
	ck_assert(!memr_mmio_ok(0x8000000, 0xFFFFFFFFu, ram, 2));        /* overflow */
	ck_assert(!memr_mmio_ok(0x8000000, 0, ram, 2));
	ck_assert(!memr_mmio_ok(0x8000800, 1, ram, 2));                  /* unaligned */
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("memrange");
	TCase *tc = tcase_create("memrange");
	tcase_add_test(tc, test_user_range);
	tcase_add_test(tc, test_rights);
	tcase_add_test(tc, test_sub_range);
	tcase_add_test(tc, test_sub_range_far_into_a_large_cap);
	tcase_add_test(tc, test_mmio_never_ram);
	tcase_add_test(tc, test_mmio_never_at_or_above_the_limit);
	suite_add_tcase(s, tc);
	return s;
}
