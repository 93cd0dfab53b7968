/*
 * test_pcicfg.c - drivers/pci/pcicfg.c: the rules for reading
 * configuration space and handing out device caps (the mechanism #1
 * address is the kernel's now: tests/unit/test_iocap_pciguard.c).
 */
#include "drivers/pci/pcicfg.h"
#include "iocap/pcireg.h"
#include "abi/errno.h"
#include "tests/unit/unit.h"
#include "user/lib/proto.h"

START_TEST(test_vendor_present)
{
	ck_assert(pci_function_present(0x12378086u));
	ck_assert(!pci_function_present(0xFFFFFFFFu));
	ck_assert(!pci_function_present(0x1234FFFFu));
	ck_assert(!pci_function_present(0x00000000u));
}
END_TEST

START_TEST(test_cfg_read_all_badge)
{
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0, 3, 0), 0);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 2, 3, 0xFC), 0);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 3, 3, 0), E_RANGE);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0xFFFFFFFFu, 3, 0), E_RANGE);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0, 3, 2), E_INVAL);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0, 3, 0xFD), E_INVAL);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0, 3, 256), E_INVAL);
	ck_assert_uint_eq(pci_check_cfg_read(PCI_BADGE_ALL, 0, 3, 0xFFFFFFFCu), E_INVAL);
}
END_TEST

START_TEST(test_cfg_read_device_badge)
{
	unsigned b = pci_device_badge(1);
	ck_assert_uint_eq(b, 2);
	ck_assert_uint_eq(pci_check_cfg_read(b, 1, 3, 0), 0);
	ck_assert_uint_eq(pci_check_cfg_read(b, 0, 3, 0), E_PERM);
	ck_assert_uint_eq(pci_check_cfg_read(b, 2, 3, 0), E_PERM);
	ck_assert_uint_eq(pci_check_cfg_read(b, 1, 3, 2), E_INVAL);
	/* A device that is gone from a shorter list (a badge minted earlier). */
	ck_assert_uint_eq(pci_check_cfg_read(b, 1, 1, 0), E_RANGE);
}
END_TEST

/* An unbadged cap (badge 0) is nobody's device cap, even for the index that wraps to 0. */
START_TEST(test_cfg_read_unbadged)
{
	ck_assert_uint_eq(pci_check_cfg_read(0, 0, 3, 0), E_PERM);
	ck_assert_uint_eq(pci_check_cfg_read(0, 0xFFFFFFFFu, 3, 0), E_PERM);
}
END_TEST

START_TEST(test_device_cap_rules)
{
	ck_assert_uint_eq(pci_check_device_cap(PCI_BADGE_ALL, 0, 3), 0);
	ck_assert_uint_eq(pci_check_device_cap(PCI_BADGE_ALL, 3, 3), E_RANGE);
	ck_assert_uint_eq(pci_check_device_cap(pci_device_badge(0), 0, 3), E_PERM);
	ck_assert_uint_eq(pci_check_device_cap(0, 0, 3), E_PERM);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("pcicfg");
	TCase *tc = tcase_create("pcicfg");
	tcase_add_test(tc, test_vendor_present);
	tcase_add_test(tc, test_cfg_read_all_badge);
	tcase_add_test(tc, test_cfg_read_device_badge);
	tcase_add_test(tc, test_cfg_read_unbadged);
	tcase_add_test(tc, test_device_cap_rules);
	suite_add_tcase(s, tc);
	return s;
}
