/*
 * test_ioredir.c - arch/i386/ioredir.c: the IOAPIC redirection entries the
 * kernel writes for the lines QEMU's tables describe (edge ISA lines, the
 * level active-high PCI lines of its MADT, MP's level active-low).
 */
#include "arch/i386/ioredir.h"
#include "tests/unit/unit.h"

/* Flags as the bus says (0) or the reserved 2: an ISA line, active high and edge-triggered. */
START_TEST(test_isa_default_is_edge_high)
{
	ck_assert_uint_eq(ioredir_low(0x21, 0x0, 0), 0x21u);
	ck_assert_uint_eq(ioredir_low(0x21, 0x2 | 0x8, 0), 0x21u);
	ck_assert_uint_eq(ioredir_low(0x21, 0x1 | 0x4, 0), 0x21u);    /* said outright */
}
END_TEST

START_TEST(test_polarity_and_trigger)
{
	ck_assert_uint_eq(ioredir_low(0x29, 0xD, 0), 0x29u | IOREDIR_LEVEL);               /* QEMU's MADT, IRQ 9 */
	ck_assert_uint_eq(ioredir_low(0x2B, 0xF, 0), 0x2Bu | IOREDIR_LEVEL | IOREDIR_ACTIVE_LOW);
	ck_assert_uint_eq(ioredir_low(0x23, 0x3, 0), 0x23u | IOREDIR_ACTIVE_LOW);           /* edge, low */
	ck_assert_uint_eq(ioredir_low(0x23, 0xFFF0 | 0x3, 0), 0x23u | IOREDIR_ACTIVE_LOW);  /* other bits: ignored */
}
END_TEST

/* Fixed delivery, physical destination (bits 8-11 clear), the mask bit only when asked. */
START_TEST(test_masked_fixed_physical)
{
	uint32_t lo = ioredir_low(0x2F, 0xF, 1);
	ck_assert_uint_eq(lo & 0xFFu, 0x2F);
	ck_assert_uint_eq(lo & 0xF00u, 0);
	ck_assert_uint_eq(lo & IOREDIR_MASKED, IOREDIR_MASKED);
	ck_assert_uint_eq(ioredir_low(0x2F, 0xF, 0) & IOREDIR_MASKED, 0);
	ck_assert_uint_eq(lo & ~(0xFFu | IOREDIR_MASKED | IOREDIR_LEVEL | IOREDIR_ACTIVE_LOW), 0);
}
END_TEST

START_TEST(test_destination_and_pins)
{
	ck_assert_uint_eq(ioredir_high(0), 0);
	ck_assert_uint_eq(ioredir_high(3), 0x03000000u);
	ck_assert_uint_eq(ioredir_high(0xFF), 0xFF000000u);
	ck_assert_uint_eq(ioredir_pins(0x00170011u), 24);   /* QEMU's and Bochs' 82093AA: 24 pins */
	ck_assert_uint_eq(ioredir_pins(0x000F0011u), 16);
	ck_assert_uint_eq(ioredir_pins(0xFFFFFFFFu), 256);  /* nothing there: the caller's to refuse */
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("ioredir");
	TCase *tc = tcase_create("ioredir");
	tcase_add_test(tc, test_isa_default_is_edge_high);
	tcase_add_test(tc, test_polarity_and_trigger);
	tcase_add_test(tc, test_masked_fixed_physical);
	tcase_add_test(tc, test_destination_and_pins);
	suite_add_tcase(s, tc);
	return s;
}
