/*
 * test_iocap_ioowned.c - the kernel-owned ports: the fixed table names the
 * 8237, PCI configuration and the kernel's own devices and nothing beside
 * them, boot additions are checked, and a task's bitmap built with the
 * registry never opens an owned port, whatever caps it holds (every port
 * at every width against the model).
 */
#include <check.h>
#include <string.h>

#include "abi/errno.h"
#include "iocap/iobitmap.h"
#include "iocap/ioowned.h"

static struct ioowned own;

static void setup(void)
{
	ioowned_init(&own);
}

static bool owned(uint32_t port)
{
	return ioowned_touches(&own, port, 1);
}

START_TEST(fixed_owns_the_dma_and_pci_registers)
{
	static const uint16_t yes[] = { 0x00, 0x0F, 0x81, 0x87, 0x8F, 0xC0, 0xD4, 0xDF, 0xCF8, 0xCFC,
					0xCFF, 0x20, 0x21, 0xA0, 0xA1, 0x40, 0x43, 0x22, 0x23, 0xE9,
					0xF4, 0x604, 0x605, 0x8900 };
	for (unsigned i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(owned(yes[i]), "port 0x%x should be the kernel's", yes[i]);
}
END_TEST

START_TEST(fixed_leaves_the_drivers_ports)
{
	/* The POST port, the neighbours of each owned range, and every driver in drivers.conf. */
	static const uint16_t no[] = { 0x10, 0x1F, 0x24, 0x3F, 0x44, 0x60, 0x64, 0x70, 0x71, 0x80,
				       0x90, 0x9F, 0xA2, 0xBF, 0xE0, 0xE8, 0xEA, 0xF3, 0xF5, 0x170,
				       0x1F0, 0x1F7, 0x3F6, 0x3D4, 0x3F8, 0x3FF, 0x603, 0x606,
				       0xCF7, 0xD00, 0x88FF, 0x8901, 0xFFFF };
	for (unsigned i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!owned(no[i]), "port 0x%x should be grantable", no[i]);
}
END_TEST

START_TEST(first_names_the_lowest_owned_port)
{
	uint32_t port = 0;
	const struct ioowned_range *r = ioowned_first(&own, 0x70, 0x20, &port);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(port, 0x81);
	ck_assert_uint_eq(r->first, 0x81);
	ck_assert_str_eq(r->what, "the 8237 page registers");
	ck_assert_ptr_nonnull(ioowned_first(&own, 0xCF0, 0x10, &port));
	ck_assert_uint_eq(port, 0xCF8);
	ck_assert_ptr_nonnull(ioowned_first(&own, 0xCFA, 1, &port));
	ck_assert_uint_eq(port, 0xCFA);
	ck_assert_ptr_nonnull(ioowned_first(&own, 0, IOPORTS_SPACE, &port));
	ck_assert_uint_eq(port, 0);
	ck_assert_ptr_null(ioowned_first(&own, 0x3F8, 8, &port));
	ck_assert_ptr_null(ioowned_first(&own, 0x81, 0, &port));
	ck_assert_ptr_null(ioowned_first(&own, 0x10000, 1, &port));
	/* A count that wraps 2^32 is clamped, not taken as small. */
	ck_assert_ptr_nonnull(ioowned_first(&own, 0x8000, 0xFFFFFFFFu, &port));
	ck_assert_uint_eq(port, 0x8900);
	/* A word access straddling into an owned port touches it. */
	ck_assert(ioowned_touches(&own, 0x1F, 2));
	ck_assert(ioowned_touches(&own, 0xCF6, 4));
	ck_assert(!ioowned_touches(&own, 0xCF4, 4));
}
END_TEST

START_TEST(add_checks_and_counts)
{
	int n = own.n;
	ck_assert_int_eq(ioowned_add(&own, 0xC004, 0xC003, "x"), -E_RANGE);
	ck_assert_int_eq(ioowned_add(&own, 0xFFFF, 0x10000, "x"), -E_RANGE);
	ck_assert_int_eq(own.n, n);
	ck_assert(!owned(0xC004));
	ck_assert_int_eq(ioowned_add(&own, 0xC004, 0xC007, "IDE0 PRD pointer"), 0);
	ck_assert(owned(0xC004) && owned(0xC007) && !owned(0xC003) && !owned(0xC008));
	ck_assert_int_eq(ioowned_add(&own, 0x00, 0x03, "overlap"), 0);
	while (own.n < IOOWNED_MAX)
		ck_assert_int_eq(ioowned_add(&own, 0xD000, 0xD000, "fill"), 0);
	ck_assert_int_eq(ioowned_add(&own, 0xE000, 0xE000, "one too many"), -E_NOMEM);
	ck_assert(!owned(0xE000));
}
END_TEST

static uint8_t bm[IOBITMAP_BYTES], bits[IOOWNED_BITS_BYTES];
static struct ioowned_byte bytes[IOOWNED_MAX_BYTES];

/* The registry's bytes, as the kernel keeps them for every build. */
static int owned_bytes(void)
{
	ioowned_bits(&own, bits);
	int n = ioowned_bytes(bits, bytes, IOOWNED_MAX_BYTES);
	ck_assert_int_ge(n, 1);
	return n;
}

/* Every port at every width: the CPU's rule on the built bitmap equals the model. */
static void check_against_model(const struct ioports *caps, int n)
{
	struct iobitmap_extent ext;
	int nb = owned_bytes();
	iobitmap_build_task(bm, caps, n, bytes, nb, &ext);
	for (uint32_t w = 1; w <= 4; w *= 2)
		for (uint32_t p = 0; p < IOPORTS_SPACE; p++)
			ck_assert_msg(iobitmap_allows(bm, p, w) == ioowned_allows(&own, caps, n, p, w),
				      "port 0x%x width %u", p, w);
	/* The extent is tight: its edge bytes open something, everything outside is 0xFF. */
	for (uint32_t i = 0; i < IOBITMAP_BYTES; i++)
		if (i < ext.lo || i >= ext.hi)
			ck_assert_uint_eq(bm[i], 0xFF);
	if (!iobitmap_extent_empty(&ext)) {
		ck_assert_uint_ne(bm[ext.lo], 0xFF);
		ck_assert_uint_ne(bm[ext.hi - 1], 0xFF);
	}
}

START_TEST(whole_space_opens_no_owned_port)
{
	struct ioports all = { 0, IOPORTS_SPACE, IOR_ALL };
	ck_assert_int_eq(ioowned_add(&own, 0xC000, 0xC000, "IDE0 BM command"), 0);
	ck_assert_int_eq(ioowned_add(&own, 0xC004, 0xC007, "IDE0 PRD pointer"), 0);
	check_against_model(&all, 1);
	ck_assert(!iobitmap_allows(bm, 0x00, 1));
	ck_assert(!iobitmap_allows(bm, 0xCFC, 4));
	ck_assert(!iobitmap_allows(bm, 0xC004, 4));
	ck_assert(!iobitmap_allows(bm, 0xC000, 1));
	ck_assert(iobitmap_allows(bm, 0xC002, 1));    /* BM status stays grantable */
	ck_assert(iobitmap_allows(bm, 0x80, 1));
	ck_assert(iobitmap_allows(bm, 0x3F8, 1));
}
END_TEST

START_TEST(driver_grants_match_the_model)
{
	static const struct ioports drivers[] = {
		{ 0x3F8, 8, IOR_ALL }, { 0x60, 1, IOR_ALL }, { 0x64, 1, IOR_ALL }, { 0x70, 2, IOR_ALL },
		{ 0x1F0, 8, IOR_ALL }, { 0x3F6, 1, IOR_ALL }, { 0x3D4, 2, IOR_ALL },
	};
	check_against_model(drivers, (int)(sizeof(drivers) / sizeof(drivers[0])));
}
END_TEST

START_TEST(only_owned_ports_leave_an_empty_extent)
{
	/* A cap wholly inside owned ports (made before a rule existed) opens nothing at all. */
	struct ioports pic = { 0x20, 2, IOR_ALL };
	struct iobitmap_extent ext;
	int nb = owned_bytes();
	iobitmap_build_task(bm, &pic, 1, bytes, nb, &ext);
	ck_assert(iobitmap_extent_empty(&ext));
	ck_assert_uint_eq(ext.lo, 0);
	ck_assert_uint_eq(ext.hi, 0);
	check_against_model(NULL, 0);
}
END_TEST

/* One TCase per group, each test starting from the fixed table. */
static TCase *group(const char *name, const TTest *const *tests, int n)
{
	TCase *tc = tcase_create(name);
	tcase_set_timeout(tc, 60);      /* the bitmap group checks every port at every width */
	tcase_add_checked_fixture(tc, setup, NULL);
	for (int i = 0; i < n; i++)
		tcase_add_test(tc, tests[i]);
	return tc;
}

/* The bits say what the ranges say, for every range start and a spread of lengths. */
START_TEST(bits_agree_with_ranges)
{
	static const uint32_t counts[] = { 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 100, 0x1000, 0x10000, 0xFFFFFFFFu };
	ck_assert_int_eq(ioowned_add(&own, 0xC040, 0xC040, "IDE0 BM command"), 0);
	ck_assert_int_eq(ioowned_add(&own, 0xC044, 0xC047, "IDE0 PRD pointer"), 0);
	ioowned_bits(&own, bits);
	for (uint32_t base = 0; base < IOPORTS_SPACE; base++)
		for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
			ck_assert_msg(ioowned_bits_touch(bits, base, counts[i]) ==
					      (ioowned_first(&own, base, counts[i], 0) != 0),
				      "base 0x%x count %u", base, counts[i]);
	ck_assert(!ioowned_bits_touch(bits, 0x10000, 1));
	ck_assert(!ioowned_bits_touch(bits, 0x81, 0));
	/* The bytes list every owned port once, in order, and nothing else. */
	int n = ioowned_bytes(bits, bytes, IOOWNED_MAX_BYTES);
	ck_assert_int_gt(n, 0);
	for (int i = 0; i < n; i++) {
		ck_assert(i == 0 || bytes[i].index > bytes[i - 1].index);
		ck_assert_uint_eq(bytes[i].mask, bits[bytes[i].index]);
	}
	ck_assert_int_eq(ioowned_bytes(bits, bytes, n - 1), -E_NOMEM);
}
END_TEST

Suite *iocap_ioowned_suite(void)
{
	const TTest *const registry[] = {
		fixed_owns_the_dma_and_pci_registers, fixed_leaves_the_drivers_ports,
		first_names_the_lowest_owned_port, add_checks_and_counts,
	};
	const TTest *const bitmap[] = {
		whole_space_opens_no_owned_port, driver_grants_match_the_model,
		only_owned_ports_leave_an_empty_extent, bits_agree_with_ranges,
	};
	Suite *s = suite_create("iocap_ioowned");
	suite_add_tcase(s, group("registry", registry, 4));
	suite_add_tcase(s, group("bitmap", bitmap, 4));
	return s;
}
