/*
 * test_iocap_pciguard.c - the PCI configuration write rule: every width
 * and alignment at every offset, so that no write reaches bus-master
 * enable, a BAR or a ROM BAR however it is cut, and every other byte
 * stays writable.
 */
#include <check.h>

#include "abi/errno.h"
#include "abi/syscalls.h"
#include "iocap/pciguard.h"

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
	ck_assert_int_eq(pciguard_write(a, 1, 0x04), -E_PERM);
	ck_assert_int_eq(pciguard_write(a, 2, 0x0007), -E_PERM);
	ck_assert_int_eq(pciguard_write(a, 4, 0x02800005), -E_PERM);
	/* The same COMMAND without bit 2: I/O and memory decode are the driver's. */
	ck_assert_int_eq(pciguard_write(a, 1, 0x03), 0);
	ck_assert_int_eq(pciguard_write(a, 2, 0x0403), 0);
	ck_assert_int_eq(pciguard_write(a, 4, 0xFFFFFFFBu), 0);
	/* STATUS (0x06) and COMMAND's high byte carry no bus-master bit. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x05), 1, 0xFF), 0);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x06), 2, 0xFFFF), 0);
	/* Bits above the width are not written, so they cannot count either way. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x06), 2, 0x00040000), 0);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x00), 4, 0xFFFFFFFFu), 0);
}
END_TEST

/* Does a write of width w at offset o touch a byte the rule keeps? */
static int keeps(uint32_t o, uint32_t w)
{
	for (uint32_t b = o; b < o + w; b++)
		if ((b >= 0x10 && b <= 0x27) || (b >= 0x30 && b <= 0x33) || (b >= 0x38 && b <= 0x3B))
			return 1;
	return 0;
}

START_TEST(bars_and_rom_refused_however_cut)
{
	for (uint32_t w = 1; w <= 4; w *= 2)
		for (uint32_t o = 0; o < PCIGUARD_SPACE; o += w) {
			/* Bus-master enable clear, so only the BAR rule can refuse. */
			int r = pciguard_write(PCICFG_ADDR(0, 1, 1, o), w, 0);
			ck_assert_msg(r == (keeps(o, w) ? -E_PERM : 0), "offset 0x%x width %u: %d", o, w, r);
		}
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x20), 4, 0xC001), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x27), 1, 0), -E_PERM);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x28), 4, 0), 0);
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x3C), 1, 11), 0);  /* interrupt line */
	/* A malformed write is refused for its shape first. */
	ck_assert_int_eq(pciguard_write(PCICFG_ADDR(0, 1, 1, 0x12), 4, 0), -E_INVAL);
	ck_assert_int_eq(pciguard_write(1u << 24 | 0x10, 4, 0), -E_RANGE);
}
END_TEST

Suite *iocap_pciguard_suite(void)
{
	Suite *s = suite_create("iocap_pciguard");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, shape);
	tcase_add_test(tc, mech1_address_layout);
	tcase_add_test(tc, bus_master_enable_refused_at_every_width);
	tcase_add_test(tc, bars_and_rom_refused_however_cut);
	suite_add_tcase(s, tc);
	return s;
}
