/*
 * test_iocap_pcicap.c - the capability list walk over a fake 256-byte
 * configuration image: list order, the status bit, the pointer rules
 * (below 0x40 ends, low two bits masked), a list that loops ends after
 * PCICAP_MAX entries, and the length of each MSI and MSI-X layout.
 */
#include <check.h>
#include <string.h>

#include "iocap/pcicap.h"

static uint8_t img[256];

static uint32_t img_read(uint32_t addr, unsigned width)
{
	uint32_t v = 0, off = addr & 0xFFu;
	ck_assert_uint_eq(addr >> 8, 0x123u);      /* the function asked about */
	ck_assert_uint_eq(off % width, 0);
	for (unsigned i = 0; i < width; i++)
		v |= (uint32_t)img[off + i] << (8 * i);
	return v;
}

static void img_write(uint32_t addr, unsigned width, uint32_t value)
{
	(void)addr, (void)width, (void)value;
	ck_abort_msg("the walk writes nothing");
}

static const struct pci_access fake = { img_read, img_write };

static void cap(unsigned at, uint8_t id, uint8_t next, uint16_t control)
{
	img[at] = id;
	img[at + 1] = next;
	img[at + 2] = (uint8_t)control;
	img[at + 3] = (uint8_t)(control >> 8);
}

/* A function with a capability list starting at first. */
static void with_list(uint8_t first)
{
	memset(img, 0, sizeof(img));
	img[0] = 0x86, img[1] = 0x80;
	img[6] = PCI_STATUS_CAPS;
	img[PCI_CAP_PTR] = first;
}

START_TEST(walks_in_list_order)
{
	struct pcicap c[PCICAP_MAX];
	with_list(0xA0);
	cap(0xA0, 0x01, 0x48, 0);           /* power management */
	cap(0x48, PCI_CAP_MSI, 0xD0, 0);
	cap(0xD0, PCI_CAP_MSIX, 0x00, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 3);
	ck_assert_uint_eq(c[0].id, 0x01);
	ck_assert_uint_eq(c[0].offset, 0xA0);
	ck_assert_uint_eq(c[1].id, PCI_CAP_MSI);
	ck_assert_uint_eq(c[1].offset, 0x48);
	ck_assert_uint_eq(c[2].id, PCI_CAP_MSIX);
	ck_assert_uint_eq(c[2].offset, 0xD0);
}
END_TEST

START_TEST(no_list_without_the_status_bit)
{
	struct pcicap c[PCICAP_MAX];
	with_list(0x40);
	cap(0x40, PCI_CAP_MSI, 0, 0);
	img[6] = 0;
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 0);
	img[6] = PCI_STATUS_CAPS;
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 1);
}
END_TEST

START_TEST(pointers_below_the_header_end_it)
{
	struct pcicap c[PCICAP_MAX];
	with_list(0x3C);                       /* into the header: no list */
	cap(0x3C, PCI_CAP_MSI, 0x40, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 0);
	with_list(0x40);
	cap(0x40, 0x01, 0x10, 0);              /* next into the BARs: the end */
	cap(0x10, PCI_CAP_MSI, 0x00, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 1);
	with_list(0x40);
	cap(0x40, 0xFF, 0x44, 0);              /* an absent function reads all ones */
	cap(0x44, PCI_CAP_MSI, 0x00, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 0);
}
END_TEST

START_TEST(low_pointer_bits_masked)
{
	struct pcicap c[PCICAP_MAX];
	with_list(0x43);                       /* reserved low bits: the capability is at 0x40 */
	cap(0x40, 0x01, 0x52, 0);
	cap(0x50, PCI_CAP_MSI, 0x00, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), 2);
	ck_assert_uint_eq(c[0].offset, 0x40);
	ck_assert_uint_eq(c[1].offset, 0x50);
	ck_assert_uint_eq(c[1].id, PCI_CAP_MSI);
}
END_TEST

START_TEST(a_loop_ends)
{
	struct pcicap c[PCICAP_MAX];
	with_list(0x40);
	cap(0x40, 0x09, 0x40, 0);              /* to itself */
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), PCICAP_MAX);
	with_list(0x40);
	cap(0x40, 0x09, 0x80, 0);
	cap(0x80, PCI_CAP_MSIX, 0x40, 0);      /* round two */
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), PCICAP_MAX);
	ck_assert_uint_eq(c[PCICAP_MAX - 1].offset, 0x80);
	/* 48 distinct entries, the most there is room for, are all found. */
	with_list(0x40);
	for (unsigned at = 0x40; at < 0x100; at += 4)
		cap(at, 0x09, at + 4 < 0x100 ? (uint8_t)(at + 4) : 0, 0);
	ck_assert_uint_eq(pcicap_list(&fake, 0x123, c), PCICAP_MAX);
	ck_assert_uint_eq(c[PCICAP_MAX - 1].offset, 0xFC);
}
END_TEST

START_TEST(msi_lengths)
{
	struct pcicap c = { PCI_CAP_MSI, 0x50 };
	with_list(0x50);
	cap(0x50, PCI_CAP_MSI, 0, 0);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 10);
	cap(0x50, PCI_CAP_MSI, 0, PCI_MSI_64BIT);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 14);
	cap(0x50, PCI_CAP_MSI, 0, PCI_MSI_MASKING);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 20);
	cap(0x50, PCI_CAP_MSI, 0, PCI_MSI_MASKING | PCI_MSI_64BIT | PCI_MSI_ENABLE);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 24);
	ck_assert_uint_eq(pcicap_control(&fake, 0x123, &c), PCI_MSI_MASKING | PCI_MSI_64BIT | PCI_MSI_ENABLE);
	c = (struct pcicap){ PCI_CAP_MSIX, 0x50 };
	cap(0x50, PCI_CAP_MSIX, 0, PCI_MSIX_ENABLE | 0x7FF);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 12);
	c = (struct pcicap){ 0x01, 0x50 };
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 0);
	/* Cut at the end of the space. */
	c = (struct pcicap){ PCI_CAP_MSI, 0xF8 };
	cap(0xF8, PCI_CAP_MSI, 0, PCI_MSI_MASKING | PCI_MSI_64BIT);
	ck_assert_uint_eq(pcicap_msi_len(&fake, 0x123, &c), 8);
}
END_TEST

Suite *iocap_pcicap_suite(void)
{
	Suite *s = suite_create("iocap_pcicap");
	TCase *tc = tcase_create("walk");
	tcase_add_test(tc, walks_in_list_order);
	tcase_add_test(tc, no_list_without_the_status_bit);
	tcase_add_test(tc, pointers_below_the_header_end_it);
	tcase_add_test(tc, low_pointer_bits_masked);
	tcase_add_test(tc, a_loop_ends);
	tcase_add_test(tc, msi_lengths);
	suite_add_tcase(s, tc);
	return s;
}
