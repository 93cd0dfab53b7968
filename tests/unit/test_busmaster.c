/*
 * test_busmaster.c - kernel/dma/busmaster.c over a fake configuration
 * space: every present function ends with bus-master enable, MSI enable
 * and MSI-X enable off, on bus 0 and behind every bridge, and behind a
 * multi-function device's function 0, and nothing else of COMMAND, its
 * status half or the MSI control words is written; the scan goes only
 * where bridges lead and reads each function's ID once.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "abi/syscalls.h"
#include "iocap/pcireg.h"
#include "kernel/dma/busmaster.h"
#include "kernel/lib.h"
#include "tests/unit/unit.h"

#define FUNCS 0x10000u
static uint32_t space[FUNCS][64];       /* bus, dev, fn -> 64 dwords */
static uint8_t id_reads[FUNCS];         /* reads of each function's ID */
static uint8_t buses_read[256];
static unsigned writes, logged;


static uint32_t cfg_read(uint32_t addr, unsigned width)
{
	ck_assert_uint_eq(width, 4);
	ck_assert_uint_eq(addr & 3, 0);
	if ((addr & 0xFF) == 0 && id_reads[addr >> 8] < 255)
		id_reads[addr >> 8]++;
	buses_read[addr >> 16] = 1;
	return space[addr >> 8][(addr & 0xFF) / 4];
}

/* The MSI control word of the capability at 0x50, MSI-X's at 0x60 (msi_fn below). */
static void cfg_write(uint32_t addr, unsigned width, uint32_t value)
{
	uint32_t *d = &space[addr >> 8][(addr & 0xFF) / 4];
	if ((addr & 0xFF) == 0x52 || (addr & 0xFF) == 0x62) {
		ck_assert_uint_eq(width, 2);
		*d = (*d & 0xFFFFu) | value << 16;
		writes++;
		return;
	}
	ck_assert_uint_eq(width, 4);
	ck_assert_uint_eq(addr & 0xFF, 0x04);          /* COMMAND only */
	ck_assert_uint_eq(value >> 16, 0);             /* no status bit written back (write 1 to clear) */
	*d = (*d & 0xFFFF0000u) | value;
	writes++;
}

void kprintf(const char *fmt, ...)
{
	(void)fmt;
	logged++;
}

static const struct pci_access fake = { cfg_read, cfg_write };

static void present(unsigned bus, unsigned dev, unsigned fn, uint16_t cmd, int multi)
{
	uint32_t *f = space[PCICFG_FN(bus, dev, fn)];
	f[0] = 0x12348086u;
	f[1] = 0x02900000u | cmd;                      /* status bits that must stay */
	f[3] = multi ? 0x00800000u : 0;
}

/* A PCI-to-PCI bridge (header type 1) to bus sec. */
static void bridge(unsigned bus, unsigned dev, unsigned sec)
{
	uint32_t *f = space[PCICFG_FN(bus, dev, 0)];
	present(bus, dev, 0, 0x0007, 0);
	f[2] = 0x06040000u;
	f[3] = 0x00010000u;
	f[6] = sec << 8 | bus;                         /* 0x19: secondary, 0x18: primary */
}

/* A function with MSI (64-bit, masking) at 0x50 and MSI-X at 0x60, after power management at 0x40. */
static void msi_fn(unsigned bus, unsigned dev, uint16_t msi_ctl, uint16_t msix_ctl)
{
	uint32_t *f = space[PCICFG_FN(bus, dev, 0)];
	present(bus, dev, 0, 0x0003, 0);
	f[1] |= (uint32_t)PCI_STATUS_CAPS << 16;
	f[0x34 / 4] = 0x40;
	f[0x40 / 4] = 0x00035001u;                     /* PM, next 0x50 */
	f[0x50 / 4] = (uint32_t)msi_ctl << 16 | 0x6000u | PCI_CAP_MSI;
	f[0x60 / 4] = (uint32_t)msix_ctl << 16 | PCI_CAP_MSIX;
}

static void setup(void)
{
	memset(space, 0xFF, sizeof(space));
	memset(id_reads, 0, sizeof(id_reads));
	memset(buses_read, 0, sizeof(buses_read));
	writes = logged = 0;
}

START_TEST(test_every_master_off)
{
	present(0, 1, 0, 0x0107, 1);                  /* multi-function, BME on */
	present(0, 1, 3, 0x0007, 0);                  /* its function 3 */
	present(0, 3, 0, 0x0103, 0);                  /* BME off already: not written */
	present(2, 31, 0, 0x0006, 0);                 /* behind the bridge at 00:08.0 */
	present(0, 5, 2, 0x0004, 0);                  /* function 2 of a single-function device: not a function */
	present(0, 0, 0, 0x0106, 0);                  /* a host bridge: kept */
	space[PCICFG_FN(0, 0, 0)][2] = 0x06000000u;
	present(0, 7, 0, 0x0107, 0);                  /* an ISA bridge (the 8237's): kept */
	space[PCICFG_FN(0, 7, 0)][2] = 0x06010000u;
	bridge(0, 8, 2);                              /* a PCI-PCI bridge is a device's way: cleared */
	ck_assert_uint_eq(busmaster_all_off(&fake), 4);
	ck_assert_uint_eq(space[PCICFG_FN(0, 0, 0)][1], 0x02900106u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 7, 0)][1], 0x02900107u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 8, 0)][1], 0x02900003u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 1, 0)][1], 0x02900103u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 1, 3)][1], 0x02900003u);
	ck_assert_uint_eq(space[PCICFG_FN(0, 3, 0)][1], 0x02900103u);
	ck_assert_uint_eq(space[PCICFG_FN(2, 31, 0)][1], 0x02900002u);
	ck_assert_uint_eq(writes, 4);
	ck_assert_uint_eq(logged, 4);
}
END_TEST

/*
 * Only the buses a bridge leads to are scanned (bus 0, then each type 1
 * function's secondary bus, behind bridges behind bridges too), each
 * once even when bridges point back; a device on a bus nothing leads to
 * is not a device the machine can reach.  Each function's ID is read once.
 */
START_TEST(test_follows_bridges)
{
	bridge(0, 2, 1);
	bridge(1, 0, 5);                              /* behind a bridge behind a bridge */
	bridge(5, 3, 0);                              /* pointing back at bus 0: no second visit */
	bridge(0, 4, 1);                              /* a second way to bus 1: one visit */
	present(5, 9, 0, 0x0004, 1);
	present(5, 9, 6, 0x0004, 0);
	present(7, 0, 0, 0x0004, 0);                  /* no bridge leads to bus 7 */
	ck_assert_uint_eq(busmaster_all_off(&fake), 4 + 2);
	ck_assert_uint_eq(space[PCICFG_FN(5, 9, 6)][1], 0x02900000u);
	ck_assert_uint_eq(space[PCICFG_FN(7, 0, 0)][1], 0x02900004u);
	for (unsigned bus = 0; bus < 256; bus++)
		ck_assert_msg(buses_read[bus] == (bus == 0 || bus == 1 || bus == 5), "bus %u", bus);
	for (unsigned fn = 0; fn < FUNCS; fn++)
		ck_assert_msg(id_reads[fn] <= 1, "function %04x: ID read %u times", fn, id_reads[fn]);
	ck_assert_uint_eq(id_reads[PCICFG_FN(0, 2, 0)], 1);
	ck_assert_uint_eq(id_reads[PCICFG_FN(5, 9, 6)], 1);
}
END_TEST

/* MSI and MSI-X enable, left on by the firmware, are switched off; the other control bits stay. */
START_TEST(test_msi_off)
{
	msi_fn(0, 4, 0x01B5, 0xC007);                 /* both on; MSI-X's function mask on */
	msi_fn(0, 6, 0x0180, 0x0007);                 /* both off: not written */
	ck_assert_uint_eq(busmaster_all_off(&fake), 2);
	ck_assert_uint_eq(space[PCICFG_FN(0, 4, 0)][0x50 / 4] >> 16, 0x01B4);
	ck_assert_uint_eq(space[PCICFG_FN(0, 4, 0)][0x60 / 4] >> 16, 0x4007);
	ck_assert_uint_eq(space[PCICFG_FN(0, 6, 0)][0x50 / 4] >> 16, 0x0180);
	ck_assert_uint_eq(space[PCICFG_FN(0, 6, 0)][0x60 / 4] >> 16, 0x0007);
	ck_assert_uint_eq(space[PCICFG_FN(0, 4, 0)][0x40 / 4], 0x00035001u);
	ck_assert_uint_eq(writes, 2);
	ck_assert_uint_eq(logged, 2);
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
	tcase_add_test(tc, test_follows_bridges);
	tcase_add_test(tc, test_msi_off);
	tcase_add_test(tc, test_nothing_present_nothing_written);
	suite_add_tcase(s, tc);
	return s;
}
