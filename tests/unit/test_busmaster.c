/*
 * test_busmaster.c - kernel/dma/busmaster.c over a fake configuration
 * space: every present function ends with bus-master enable off, on any
 * bus and behind a multi-function device's function 0, and nothing else
 * of COMMAND or its status half is written.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "abi/syscalls.h"
#include "kernel/dma/busmaster.h"
#include "kernel/lib.h"
#include "tests/unit/unit.h"

#define FUNCS 0x10000u
static uint32_t space[FUNCS][64];       /* bus, dev, fn -> 64 dwords */
static unsigned writes, logged;


static uint32_t cfg_read(uint32_t addr, unsigned width)
{
	ck_assert_uint_eq(width, 4);
	ck_assert_uint_eq(addr & 3, 0);
	return space[addr >> 8][(addr & 0xFF) / 4];
}

static void cfg_write(uint32_t addr, unsigned width, uint32_t value)
{
	ck_assert_uint_eq(width, 4);
	ck_assert_uint_eq(addr & 0xFF, 0x04);          /* COMMAND only */
	ck_assert_uint_eq(value >> 16, 0);             /* no status bit written back (write 1 to clear) */
	space[addr >> 8][1] = (space[addr >> 8][1] & 0xFFFF0000u) | value;
	writes++;
}

void kprintf(const char *fmt, ...)
{
	(void)fmt;
	logged++;
}

static const struct busmaster_cfg fake = { cfg_read, cfg_write };

static void present(unsigned bus, unsigned dev, unsigned fn, uint16_t cmd, int multi)
{
	uint32_t *f = space[PCICFG_FN(bus, dev, fn)];
	f[0] = 0x12348086u;
	f[1] = 0x02900000u | cmd;                      /* status bits that must stay */
	f[3] = multi ? 0x00800000u : 0;
}

static void setup(void)
{
	memset(space, 0xFF, sizeof(space));
	writes = logged = 0;
}

START_TEST(test_every_master_off)
{
	present(0, 1, 0, 0x0107, 1);                  /* multi-function, BME on */
	present(0, 1, 3, 0x0007, 0);                  /* its function 3 */
	present(0, 3, 0, 0x0103, 0);                  /* BME off already: not written */
	present(2, 31, 0, 0x0006, 0);                 /* behind a bridge */
	present(0, 5, 2, 0x0004, 0);                  /* function 2 of a single-function device: not a function */
	present(0, 0, 0, 0x0106, 0);                  /* a host bridge: kept */
	space[PCICFG_FN(0, 0, 0)][2] = 0x06000000u;
	present(0, 7, 0, 0x0107, 0);                  /* an ISA bridge (the 8237's): kept */
	space[PCICFG_FN(0, 7, 0)][2] = 0x06010000u;
	present(0, 8, 0, 0x0107, 0);                  /* a PCI-PCI bridge is a device's way: cleared */
	space[PCICFG_FN(0, 8, 0)][2] = 0x06040000u;
	ck_assert_uint_eq(busmaster_all_off(&fake), 4);
	ck_assert_uint_eq(space[PCICFG_FN(0, 0, 0)][1], 0x02900106u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 7, 0)][1], 0x02900107u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 8, 0)][1], 0x02900103u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 1, 0)][1], 0x02900103u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 1, 3)][1], 0x02900003u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 3, 0)][1], 0x02900103u);
	ck_assert_uint_eq(space[PCICFG_FN(2, 31, 0)][1], 0x02900002u);
	ck_assert_uint_eq(writes, 4);
	ck_assert_uint_eq(logged, 4);
}
END_TEST

START_TEST(test_nothing_present_nothing_written)
{
	ck_assert_uint_eq(busmaster_all_off(&fake), 0);
	ck_assert_uint_eq(writes, 0);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("busmaster");
	TCase *tc = tcase_create("busmaster");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_every_master_off);
	tcase_add_test(tc, test_nothing_present_nothing_written);
	suite_add_tcase(s, tc);
	return s;
}
