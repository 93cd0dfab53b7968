/*
 * test_fwtables.c - kernel/smp/fwtables.c on the tables QEMU 7.2 really
 * builds (`-M pc -smp 2,sockets=2 -m 128`, SeaBIOS: captured with the monitor's
 * pmemsave) and on broken copies of them: every checksum, length, count
 * and pointer a firmware could get wrong must make the parser refuse or
 * skip, never read outside what the window maps.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/smp/fwtables.h"
#include "tests/unit/unit.h"

/* QEMU's MP floating pointer (at 0xF5B80) and configuration table (0xF5B90, 228 bytes), -smp 2,sockets=2. */
static const char mp_fp_hex[] = "5f4d505f905b0f000104a60000000000";
static const char mp_cfg_hex[] =
	"50434d50e4000479424f434853435055302e3120202020202020202000000000000014000000e0fe0000000000"
	"00140373060000fdfb830300000000000000000001140173060000fdfb83030000000000000000010050434920"
	"20200101495341202020020011010000c0fe030001000004000903000100000c000b0300000001000002030000"
	"000101000103000000010300030300000001040004030000000106000603000000010700070300000001080008"
	"03000000010c000c03000000010d000d03000000010e000e03000000010f000f04030000010000000401000001"
	"00ff01";
/*
 * The same machine with -smp 2 alone (QEMU 7.2: one socket of two cores):
 * SeaBIOS lists only the first logical CPU of each package (its
 * mptable.c, when CPUID says HTT), so this table names one CPU; the
 * MADT names both.
 */
static const char mp_cores_fp_hex[] = "5f4d505fb05b0f000104860000000000";
static const char mp_cores_cfg_hex[] =
	"50434d50d000048b424f434853435055302e3120202020202020202000000000000013000000e0fe0000000000"
	"00140373060000fdfb8313000000000000000001005043492020200101495341202020020011010000c0fe0300"
	"01000004000903000100000c000b03000000010000020300000001010001030000000103000303000000010400"
	"0403000000010600060300000001070007030000000108000803000000010c000c03000000010d000d03000000"
	"010e000e03000000010f000f0403000001000000040100000100ff01";
/* Its ACPI: RSDP (0xF59D0), RSDT (0x7FE1B33), MADT (0x7FE1A53, 128 bytes). */
static const char rsdp_hex[] = "5253442050545220ff424f4348532000331bfe07";
static const char rsdt_hex[] =
	"52534454340000000197424f434853204258504320202020010000004258504301000000df19fe07531afe07d31afe07"
	"0b1bfe07";
static const char madt_hex[] =
	"41504943800000000177424f4348532042585043202020200100000042585043010000000000e0fe010000000008"
	"0000010000000008010101000000010c00000000c0fe00000000020a0000020000000000020a0005050000000d00"
	"020a0009090000000d00020a000a0a0000000d00020a000b0b0000000d000406ff000001";

#define ROM_PA   0xE0000u  /* the BIOS area both tables may sit in */
#define EBDA_PA  0x9FC00u
#define ACPI_PA  0x7FE0000u
#define FP_PA    0xF5B80u
#define CFG_PA   0xF5B90u
#define CFG_LEN  228u
#define RSDP_PA  0xF59D0u
#define RSDT_PA  0x7FE1B33u
#define MADT_PA  0x7FE1A53u

static uint8_t rom[0x20000], ebda[1024], acpi[0x2000];

struct region { uint32_t pa; uint8_t *buf; uint32_t len; };
static const struct region regions[] = {
	{ ROM_PA, rom, sizeof(rom) }, { EBDA_PA, ebda, sizeof(ebda) }, { ACPI_PA, acpi, sizeof(acpi) },
};

static const uint8_t *fake_map(void *ctx, uint32_t pa, uint32_t len)
{
	(void)ctx;
	for (unsigned i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
		const struct region *r = &regions[i];
		if (pa >= r->pa && len <= r->len && pa - r->pa <= r->len - len)
			return r->buf + (pa - r->pa);
	}
	return 0;
}

static const struct fw_mem mem = { fake_map, 0 };

static uint8_t *at(uint32_t pa)
{
	uint8_t *p = (uint8_t *)fake_map(0, pa, 1);
	ck_assert_ptr_nonnull(p);
	return p;
}

static void put_hex(uint32_t pa, const char *hex)
{
	uint8_t *p = at(pa);
	for (size_t i = 0; hex[2 * i]; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		p[i] = (uint8_t)v;
	}
}

/* Makes the len bytes at pa sum to zero again by adjusting the byte at pa + at_off. */
static void fix_sum(uint32_t pa, uint32_t len, uint32_t at_off)
{
	uint8_t *p = at(pa), s = 0;
	p[at_off] = 0;
	for (uint32_t i = 0; i < len; i++)
		s = (uint8_t)(s + p[i]);
	p[at_off] = (uint8_t)-s;
}

static void setup(void)
{
	memset(rom, 0, sizeof(rom));
	memset(ebda, 0, sizeof(ebda));
	memset(acpi, 0, sizeof(acpi));
	put_hex(FP_PA, mp_fp_hex);
	put_hex(CFG_PA, mp_cfg_hex);
	put_hex(RSDP_PA, rsdp_hex);
	put_hex(RSDT_PA, rsdt_hex);
	put_hex(MADT_PA, madt_hex);
}

static void expect_qemu_pc(const struct fw_config *c)
{
	ck_assert_int_eq(c->imcr, 0);     /* virtual wire mode: no IMCR to switch */
	ck_assert_uint_eq(c->ncpus, 2);
	ck_assert_uint_eq(c->ncpus_found, 2);
	ck_assert_uint_eq(c->lapic_id[0], 0);
	ck_assert_uint_eq(c->lapic_id[1], 1);
	ck_assert_int_eq(c->bsp_index, 0);
	ck_assert_uint_eq(c->lapic_addr, 0xFEE00000u);
	ck_assert_uint_eq(c->ioapic_addr, 0xFEC00000u);
	ck_assert_uint_eq(c->ioapic_id, 0);
	/* The PIT's IRQ 0 arrives on pin 2; the keyboard's and COM1's on their own numbers. */
	ck_assert_uint_eq(c->isa[0].gsi, 2);
	ck_assert_uint_eq(c->isa[1].gsi, 1);
	ck_assert_uint_eq(c->isa[4].gsi, 4);
	ck_assert_uint_eq(c->isa[14].gsi, 14);
}

/* fw_tables_parse reads the QEMU machine whole, from the table named. */
static void expect_parsed_from(enum fw_source source)
{
	struct fw_config c;
	ck_assert_int_eq(fw_tables_parse(&mem, EBDA_PA, 639, &c), 0);
	ck_assert_int_eq(c.source, source);
	expect_qemu_pc(&c);
}

START_TEST(test_mp_table_of_qemu)
{
	expect_parsed_from(FW_MPTABLE);
}
END_TEST

START_TEST(test_madt_of_qemu)
{
	struct fw_config c;
	ck_assert_int_eq(fw_madt_parse(&mem, EBDA_PA, &c), 0);
	ck_assert_int_eq(c.source, FW_MADT);
	expect_qemu_pc(&c);
	/* The PCI lines 5, 9, 10, 11: level-triggered, active high (flags 0xD); the rest as the bus says. */
	for (unsigned irq = 0; irq < FW_ISA_IRQS; irq++) {
		int pci = irq == 5 || irq == 9 || irq == 10 || irq == 11;
		ck_assert_uint_eq(c.isa[irq].flags, pci ? 0xD : 0);
		ck_assert_uint_eq(c.isa[irq].gsi, irq == 0 ? 2 : irq);
	}
}
END_TEST

/* IMCRP in the pointer's second feature byte: the firmware booted in PIC mode. */
START_TEST(test_mp_imcr_pic_mode)
{
	struct fw_config c;
	at(FP_PA)[12] = 0x80;
	fix_sum(FP_PA, 16, 10);
	ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), 0);
	ck_assert_int_eq(c.imcr, 1);
	ck_assert_int_eq(fw_madt_parse(&mem, EBDA_PA, &c), 0);
	ck_assert_int_eq(c.imcr, 0);      /* the MADT has no such bit: ACPI machines need none */
}
END_TEST

/* A floating pointer in the EBDA is found before the ROM's (MP spec 4 lists it first). */
START_TEST(test_mp_pointer_in_ebda_first)
{
	struct fw_config c;
	put_hex(EBDA_PA + 0x40, mp_fp_hex);
	at(CFG_PA + 44 + 1)[0] = 5;             /* the ROM's pointer now leads to LAPIC id 5... */
	fix_sum(CFG_PA, CFG_LEN, 7);
	uint32_t cfg2 = ACPI_PA;                 /* ...the EBDA's to an unmodified copy */
	put_hex(cfg2, mp_cfg_hex);
	at(EBDA_PA + 0x44)[0] = (uint8_t)cfg2;
	at(EBDA_PA + 0x45)[0] = (uint8_t)(cfg2 >> 8);
	at(EBDA_PA + 0x46)[0] = (uint8_t)(cfg2 >> 16);
	at(EBDA_PA + 0x47)[0] = (uint8_t)(cfg2 >> 24);
	fix_sum(EBDA_PA + 0x40, 16, 10);
	ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), 0);
	ck_assert_uint_eq(c.lapic_id[0], 0);
	ck_assert_int_eq(fw_mp_parse(&mem, 0, 0, &c), 0);
	ck_assert_uint_eq(c.lapic_id[0], 5);
}
END_TEST

/* Each way the MP table can be broken: refused, and the MADT used instead. */
START_TEST(test_mp_malformed_falls_back_to_madt)
{
	static const struct { uint32_t pa; uint8_t val; uint32_t sum_pa, sum_len, sum_at; } cases[] = {
		{ FP_PA + 3, 'X', FP_PA, 16, 10 },          /* signature */
		{ FP_PA + 10, 0x55, 0, 0, 0 },              /* pointer checksum */
		{ FP_PA + 8, 2, FP_PA, 16, 10 },            /* pointer length not 1 */
		{ FP_PA + 11, 1, FP_PA, 16, 10 },           /* a default configuration */
		{ FP_PA + 7, 0xFF, FP_PA, 16, 10 },         /* table pointer past every window */
		{ CFG_PA + 7, 0x55, 0, 0, 0 },              /* table checksum */
		{ CFG_PA + 4, 40, CFG_PA, CFG_LEN, 7 },         /* table shorter than its header */
		{ CFG_PA + 5, 0xF0, 0, 0, 0 },              /* table longer than the memory */
		{ CFG_PA + 34, 21, CFG_PA, CFG_LEN, 7 },        /* more entries than bytes */
		{ CFG_PA + 44 + 40, 9, CFG_PA, CFG_LEN, 7 },    /* an entry of unknown type */
		{ CFG_PA + 44 + 3, 0, CFG_PA, CFG_LEN, 7 },     /* ...and so the second CPU's flags: */
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fw_config c;
		setup();
		at(cases[i].pa)[0] = cases[i].val;
		if (cases[i].sum_len)
			fix_sum(cases[i].sum_pa, cases[i].sum_len, cases[i].sum_at);
		if (i == sizeof(cases) / sizeof(cases[0]) - 1) {
			/* a disabled boot CPU is no CPU; the other is kept */
			ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), 0);
			ck_assert_uint_eq(c.ncpus, 1);
			ck_assert_uint_eq(c.lapic_id[0], 1);
			ck_assert_int_eq(c.bsp_index, -1);
			continue;
		}
		ck_assert_msg(fw_mp_parse(&mem, EBDA_PA, 639, &c) == -1, "case %u accepted", i);
		ck_assert_int_eq(c.source, FW_NONE);
		ck_assert_int_eq(fw_tables_parse(&mem, EBDA_PA, 639, &c), 0);
		ck_assert_int_eq(c.source, FW_MADT);
	}
}
END_TEST

/* SeaBIOS' one-CPU-per-package table loses to a MADT that names more CPUs. */
START_TEST(test_madt_wins_when_mp_lists_fewer_cpus)
{
	struct fw_config c;
	memset(at(FP_PA), 0, 16 + CFG_LEN);
	put_hex(0xF5BA0u, mp_cores_fp_hex);
	put_hex(0xF5BB0u, mp_cores_cfg_hex);
	ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), 0);
	ck_assert_uint_eq(c.ncpus, 1);
	expect_parsed_from(FW_MADT);
}
END_TEST

/* A config table whose end wraps past 4 GiB is not read. */
START_TEST(test_mp_table_pointer_wraps)
{
	struct fw_config c;
	uint8_t *fp = at(FP_PA);
	fp[4] = 0xF0; fp[5] = fp[6] = fp[7] = 0xFF;
	fix_sum(FP_PA, 16, 10);
	ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), -1);
}
END_TEST

START_TEST(test_madt_malformed)
{
	static const struct { uint32_t pa; uint8_t val; int fix; } cases[] = {
		{ RSDP_PA + 8, 0x55, 0 },                   /* RSDP checksum */
		{ RSDT_PA + 9, 0x55, 0 },                   /* RSDT checksum */
		{ RSDT_PA + 4, 20, 1 },                     /* RSDT shorter than its header */
		{ MADT_PA + 9, 0x55, 0 },                   /* MADT checksum */
		{ MADT_PA + 4, 40, 2 },                     /* MADT shorter than its header */
		{ MADT_PA + 44 + 1, 0, 2 },                 /* an entry of length 0 (would loop) */
		{ MADT_PA + 44 + 1, 1, 2 },                 /* an entry shorter than its own header */
		{ MADT_PA + 44 + 1, 200, 2 },               /* an entry past the table */
		{ MADT_PA + 44 + 4, 0, 2 },                 /* both CPUs disabled: no CPU */
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fw_config c;
		setup();
		at(cases[i].pa)[0] = cases[i].val;
		if (i == sizeof(cases) / sizeof(cases[0]) - 1)
			at(MADT_PA + 52 + 4)[0] = 0;
		if (cases[i].fix == 1)
			fix_sum(RSDT_PA, 52, 9);
		if (cases[i].fix == 2)
			fix_sum(MADT_PA, 128, 9);
		ck_assert_msg(fw_madt_parse(&mem, EBDA_PA, &c) == -1, "case %u accepted", i);
		ck_assert_int_eq(c.source, FW_NONE);
	}
}
END_TEST

START_TEST(test_no_tables)
{
	struct fw_config c;
	memset(rom, 0, sizeof(rom));
	memset(acpi, 0, sizeof(acpi));
	ck_assert_int_eq(fw_tables_parse(&mem, EBDA_PA, 639, &c), -1);
	ck_assert_int_eq(c.source, FW_NONE);
	ck_assert_uint_eq(c.ncpus, 0);
	ck_assert_uint_eq(c.isa[7].gsi, 7);
}
END_TEST

/* More CPUs than FW_MAX_CPUS: the first are kept, all are counted. */
START_TEST(test_mp_more_cpus_than_kept)
{
	struct fw_config c;
	uint8_t *t = at(ACPI_PA);
	memset(t, 0, 44 + 20 * 12);
	memcpy(t, "PCMP", 4);
	t[4] = (uint8_t)(44 + 20 * 12);
	t[5] = (uint8_t)((44 + 20 * 12) >> 8);
	t[6] = 4;
	t[34] = 12;
	for (unsigned i = 0; i < 12; i++) {
		t[44 + 20 * i + 1] = (uint8_t)(i * 2);
		t[44 + 20 * i + 3] = (uint8_t)(i == 3 ? 3 : 1);
	}
	fix_sum(ACPI_PA, 44 + 20 * 12, 7);
	uint8_t *fp = at(FP_PA);
	fp[4] = 0; fp[5] = 0; fp[6] = 0xFE; fp[7] = 0x07;
	fix_sum(FP_PA, 16, 10);
	ck_assert_int_eq(fw_mp_parse(&mem, EBDA_PA, 639, &c), 0);
	ck_assert_uint_eq(c.ncpus, FW_MAX_CPUS);
	ck_assert_uint_eq(c.ncpus_found, 12);
	ck_assert_uint_eq(c.lapic_id[7], 14);
	ck_assert_int_eq(c.bsp_index, 3);
	ck_assert_uint_eq(c.ioapic_addr, 0);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("fwtables");
	TCase *tc = tcase_create("fwtables");
	tcase_add_checked_fixture(tc, setup, 0);
	tcase_add_test(tc, test_mp_table_of_qemu);
	tcase_add_test(tc, test_madt_of_qemu);
	tcase_add_test(tc, test_mp_pointer_in_ebda_first);
	tcase_add_test(tc, test_mp_imcr_pic_mode);
	tcase_add_test(tc, test_mp_malformed_falls_back_to_madt);
	tcase_add_test(tc, test_mp_table_pointer_wraps);
	tcase_add_test(tc, test_madt_wins_when_mp_lists_fewer_cpus);
	tcase_add_test(tc, test_madt_malformed);
	tcase_add_test(tc, test_no_tables);
	tcase_add_test(tc, test_mp_more_cpus_than_kept);
	suite_add_tcase(s, tc);
	return s;
}
