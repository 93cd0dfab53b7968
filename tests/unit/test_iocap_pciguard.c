/*
 * test_iocap_pciguard.c - the PCI configuration write rule: every width
 * and alignment at every offset, so that no write changes bus-master
 * enable or reaches a BAR, a bridge's window, a ROM BAR or an MSI or MSI-X
 * capability however it is cut, and every other byte stays writable.
 */
#include <check.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/syscalls.h"
#include "iocap/pciguard.h"

/* A function as the kernel reads it before a write: bus-master enable off, no MSI. */
static const struct pciguard_now idle = { 0x0003, { 0 } };
/* The IDE function the kernel drives: bus-master enable on. */
static const struct pciguard_now mastering = { 0x0007, { 0 } };

START_TEST(shape)
{
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x00), 4), 0);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(255, 31, 7, 0xFC), 4), 0);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0xFF), 1), 0);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0xFE), 2), 0);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x02), 4), -E_INVAL);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x01), 2), -E_INVAL);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0xFF), 4), -E_INVAL);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x00), 3), -E_INVAL);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x00), 0), -E_INVAL);
	ck_assert_int_eq(pciguard_access(PCICFG_ADDR(0, 1, 1, 0x00), 8), -E_INVAL);
	ck_assert_int_eq(pciguard_access(1u << 24, 4), -E_RANGE);
	ck_assert_int_eq(pciguard_access(0xFFFFFFFFu, 1), -E_RANGE);
	ck_assert_uint_eq(pciguard_fn(PCICFG_ADDR(3, 4, 5, 0x3C)), PCICFG_FN(3, 4, 5));
	ck_assert_uint_eq(pciguard_offset(PCICFG_ADDR(3, 4, 5, 0x3C)), 0x3C);
}
END_TEST

/*
 * The mechanism #1 address (moved from test_pcicfg.c with the driver's
 * port access): the low two offset bits select a byte of the data port,
 * never part of the address; out-of-range fields are cut to their width
 * by PCICFG_ADDR, never spill over.
 */
START_TEST(mech1_address_layout)
{
	static const struct { unsigned bus, dev, fn, off; uint32_t addr; } cases[] = {
		{ 0, 0, 0, 0, 0x80000000u },      { 0, 1, 1, 0x08, 0x80000908u },
		{ 255, 31, 7, 0xFC, 0x80FFFFFCu }, { 0, 0, 0, 0x0E, 0x8000000Cu },
		{ 0x100, 0, 0, 0, 0x80000000u },  { 0, 32, 0, 0, 0x80000000u },
		{ 0, 0, 8, 0, 0x80000000u },      { 0, 0, 0, 0x100, 0x80000000u },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_uint_eq(pciguard_mech1(PCICFG_ADDR(cases[i].bus, cases[i].dev, cases[i].fn,
							     cases[i].off)), cases[i].addr);
}
END_TEST

START_TEST(bus_master_enable_refused_at_every_width)
{
	uint32_t a = PCICFG_ADDR(0, 1, 1, 0x04);
	ck_assert_int_eq(pciguard_write(a, 1, 0x04, &idle), -E_PERM);
	ck_assert_int_eq(pciguard_write(a, 2, 0x0007, &idle), -E_PERM);
	ck_assert_int_eq(pciguard_write(a, 4, 0x02800005, &idle), -E_PERM);
	/* The same COMMAND without bit 2: I/O and memory decode are the driver's. */
	ck_assert_int_eq(pciguard_write(a, 1, 0x03, &idle), 0);
	ck_assert_int_eq(pciguard_write(a, 2, 0x0403, &idle), 0);
	ck_assert_int_eq(pciguard_write(a, 4, 0xFFFFFFFBu, &idle), 0);
	/* STATUS (0x06) and COMMAND's high byte carry no bus-master bit. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x05), 1, 0xFF, &idle), 0);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x06), 2, 0xFFFF, &idle), 0);
	/* Bits above the width are not written, so they cannot count either way. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x06), 2, 0x00040000, &idle), 0);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x00), 4, 0xFFFFFFFFu, &idle), 0);
}
END_TEST

/*
 * Where the kernel set the bit (the IDE bus master it drives), clearing
 * it is refused at every width too: it would stop the kernel's DMA.  A
 * write that leaves it as it is passes, on either kind of function.
 */
START_TEST(bus_master_enable_may_not_change)
{
	static const struct {
		uint32_t off, width, value;
		const struct pciguard_now *now;
		int want;
	} cases[] = {
		{ 0x04, 1, 0x03, &mastering, -E_PERM },      { 0x04, 2, 0x0003, &mastering, -E_PERM },
		{ 0x04, 4, 0x00000001, &mastering, -E_PERM }, { 0x04, 1, 0x00, &mastering, -E_PERM },
		{ 0x04, 1, 0x07, &mastering, 0 },             { 0x04, 2, 0x0405, &mastering, 0 },
		{ 0x04, 4, 0x00000004, &mastering, 0 },       { 0x04, 2, 0x0000, &idle, 0 },
		/* The other bytes of COMMAND and STATUS do not carry the bit. */
		{ 0x05, 1, 0x00, &mastering, 0 },             { 0x06, 2, 0x0000, &mastering, 0 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = pciguard_write(PCICFG_ADDR(0, 1, 1, cases[i].off), cases[i].width, cases[i].value,
				       cases[i].now);
		ck_assert_msg(r == cases[i].want, "case %u: %d", i, r);
	}
}
END_TEST

/*
 * Does a write of width w at offset o touch a byte the rule keeps?  The
 * BARs and a bridge's bus numbers and windows (0x10-0x2F), the ROM BAR or
 * a bridge's upper window halves (0x30-0x33), a bridge's ROM BAR (0x38-0x3B).
 */
static int keeps(uint32_t o, uint32_t w)
{
	for (uint32_t b = o; b < o + w; b++)
		if ((b >= 0x10 && b <= 0x33) || (b >= 0x38 && b <= 0x3B))
			return 1;
	return 0;
}

/* A write of 0 at every offset from first, at every width: refused exactly where kept says. */
static void sweep(uint32_t first, const struct pciguard_now *now, int (*kept)(uint32_t, uint32_t))
{
	for (uint32_t w = 1; w <= 4; w *= 2)
		for (uint32_t o = first; o < PCIGUARD_SPACE; o += w) {
			int r = pciguard_write(PCICFG_ADDR(0, 1, 1, o), w, 0, now);
			ck_assert_msg(r == (kept(o, w) ? -E_PERM : 0), "offset 0x%x width %u: %d", o, w, r);
		}
}

START_TEST(bars_and_rom_refused_however_cut)
{
	/* Bus-master enable clear, so only the BAR rule can refuse. */
	sweep(0, &idle, keeps);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x20), 4, 0xC001, &idle), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x27), 1, 0, &idle), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x3C), 1, 11, &idle), 0);  /* interrupt line */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x34), 4, 0, &idle), 0);   /* read-only cap pointer */
	/* A malformed write is refused for its shape first. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x12), 4, 0, &idle), -E_INVAL);
	ck_assert_int_eq(pciguard_write(1u << 24 | 0x10, 4, 0, &idle), -E_RANGE);
}
END_TEST

/*
 * A bridge's windows (type 1 header): the bus numbers 0x18-0x1B, I/O
 * base and limit 0x1C-0x1D, the memory and prefetchable windows 0x20-0x2F
 * and their upper halves 0x30-0x33 are kept whatever the header type,
 * 0x28-0x2F included (before this rule they were writable).
 */
START_TEST(bridge_windows_refused)
{
	static const uint32_t kept[][2] = {
		{ 0x18, 4 }, { 0x19, 1 }, { 0x1A, 1 }, { 0x1C, 2 }, { 0x1D, 1 }, { 0x20, 4 },
		{ 0x24, 4 }, { 0x28, 4 }, { 0x28, 1 }, { 0x2C, 4 }, { 0x2E, 2 }, { 0x2F, 1 },
		{ 0x30, 4 }, { 0x32, 2 },
	};
	for (unsigned i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		ck_assert_msg(pciguard_write(PCICFG_ADDR(0, 8, 0, kept[i][0]), kept[i][1], 0, &idle) ==
				      -E_PERM, "offset 0x%x width %u", kept[i][0], kept[i][1]);
	/* The bridge control (0x3E) and the interrupt line stay writable. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 8, 0, 0x3C), 2, 0x000B, &idle), 0);
}
END_TEST

/* An MSI capability at 0x50 (24 bytes) and an MSI-X one at 0x70 (12 bytes). */
static void with_msi(struct pciguard_now *now)
{
	*now = idle;
	for (unsigned b = 0x50; b < 0x50 + 24; b++)
		now->msi[b / 8] |= (uint8_t)(1u << (b % 8));
	for (unsigned b = 0x70; b < 0x70 + 12; b++)
		now->msi[b / 8] |= (uint8_t)(1u << (b % 8));
}

static int in_msi(uint32_t o, uint32_t w)
{
	for (uint32_t b = o; b < o + w; b++)
		if ((b >= 0x50 && b < 0x68) || (b >= 0x70 && b < 0x7C))
			return 1;
	return 0;
}

START_TEST(msi_bytes_refused_however_cut)
{
	struct pciguard_now now;
	with_msi(&now);
	sweep(0x40, &now, in_msi);
	/* The enable bits, the message address and data, a vector's mask, the next pointer. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x52), 2, 0x0001, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x54), 4, 0x12345678, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x5C), 2, 0xBEEF, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x60), 4, 0, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x72), 2, 0x8000, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x71), 1, 0x40, &now), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 4, 0, 0x7C), 4, 0, &now), 0);
}
END_TEST

/* The kernel's reading of a function: COMMAND, and the bytes of every MSI and MSI-X capability. */
static uint8_t img[256];

static uint32_t img_read(uint32_t addr, unsigned width)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < width; i++)
		v |= (uint32_t)img[(addr & 0xFF) + i] << (8 * i);
	return v;
}

static void img_write(uint32_t addr, unsigned width, uint32_t value)
{
	(void)addr, (void)width, (void)value;
	ck_abort_msg("reading the function writes nothing");
}

static const struct pci_access fake = { img_read, img_write };

START_TEST(now_read_finds_every_msi_byte)
{
	struct pciguard_now now, want;
	memset(img, 0, sizeof(img));
	img[0x04] = 0x07, img[0x05] = 0x01;            /* COMMAND 0x0107 */
	img[0x06] = PCI_STATUS_CAPS, img[0x07] = 0x02; /* STATUS */
	img[PCI_CAP_PTR] = 0x40;
	img[0x40] = 0x01, img[0x41] = 0x50;            /* power management: stays writable */
	img[0x50] = PCI_CAP_MSI, img[0x51] = 0x70;
	img[0x52] = (uint8_t)(PCI_MSI_64BIT | PCI_MSI_ENABLE), img[0x53] = PCI_MSI_MASKING >> 8;
	img[0x70] = PCI_CAP_MSIX, img[0x71] = 0x00;
	pciguard_now_read(&fake, PCICFG_FN(0, 4, 0), &now);
	with_msi(&want);
	ck_assert_uint_eq(now.command, 0x0107);
	ck_assert_mem_eq(now.msi, want.msi, sizeof(want.msi));
	/* Without the status bit the list is not there: nothing kept past the header. */
	img[0x06] = 0;
	pciguard_now_read(&fake, PCICFG_FN(0, 4, 0), &now);
	for (unsigned i = 0; i < sizeof(now.msi); i++)
		ck_assert_uint_eq(now.msi[i], 0);
}
END_TEST

Suite *iocap_pciguard_suite(void)
{
	Suite *s = suite_create("iocap_pciguard");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, shape);
	tcase_add_test(tc, mech1_address_layout);
	tcase_add_test(tc, bus_master_enable_refused_at_every_width);
	tcase_add_test(tc, bus_master_enable_may_not_change);
	tcase_add_test(tc, bars_and_rom_refused_however_cut);
	tcase_add_test(tc, bridge_windows_refused);
	tcase_add_test(tc, msi_bytes_refused_however_cut);
	tcase_add_test(tc, now_read_finds_every_msi_byte);
	suite_add_tcase(s, tc);
	return s;
}
