/*
 * fwtables.c - the MP table and the MADT, read for the CPUs' local APIC
 * ids, the IOAPIC and the ISA IRQ overrides (fwtables.h says why the
 * parser is pure and distrustful).  MP table first, as the issue asks:
 * SeaBIOS and Bochs' BIOS both build one; the MADT is the fallback for
 * firmware that has only ACPI.  Layouts: Intel MultiProcessor
 * Specification 1.4, chapter 4; ACPI 6, section 5.2.12.
 */
#include "kernel/smp/fwtables.h"

#define MP_FP_LEN       16
#define MP_HDR_LEN      44
#define MP_PROC_LEN     20
#define MP_OTHER_LEN    8
#define MP_CPU_ENABLED  0x01
#define MP_CPU_BSP      0x02
#define MP_IOAPIC_USABLE 0x01
#define MP_MAX_BUSES    256
#define MP_FP_IMCRP     0x80    /* feature byte 2 */

#define ACPI_HDR_LEN    36
#define MADT_HDR_LEN    44
#define RSDP_LEN        20

static uint32_t rd16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
	return rd16(p) | rd16(p + 2) << 16;
}

static int sig_is(const uint8_t *p, const char *sig, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i] != (uint8_t)sig[i])
			return 0;
	return 1;
}

static int sums_to_zero(const uint8_t *p, uint32_t len)
{
	uint8_t s = 0;
	for (uint32_t i = 0; i < len; i++)
		s = (uint8_t)(s + p[i]);
	return s == 0;
}

static const uint8_t *map(const struct fw_mem *m, uint32_t pa, uint32_t len)
{
	if (len == 0 || pa + len < pa)
		return 0;
	return m->map(m->ctx, pa, len);
}

/* The first 16-byte-aligned structure with sig whose first len bytes sum to 0, or 0. */
static const uint8_t *scan(const struct fw_mem *m, uint32_t pa, uint32_t len,
			   const char *sig, uint32_t siglen, uint32_t sumlen, uint32_t *found)
{
	const uint8_t *base = map(m, pa, len);
	if (!base)
		return 0;
	for (uint32_t off = 0; off + sumlen <= len; off += 16) {
		if (sig_is(base + off, sig, siglen) && sums_to_zero(base + off, sumlen)) {
			*found = pa + off;
			return base + off;
		}
	}
	return 0;
}

/* The three places both specifications name, in their order. */
static const uint8_t *scan_bios_areas(const struct fw_mem *m, uint32_t ebda_pa, uint32_t base_kib,
				      const char *sig, uint32_t siglen, uint32_t sumlen,
				      uint32_t rom_base, uint32_t *found)
{
	const uint8_t *p = 0;
	if (ebda_pa >= 0x400 && ebda_pa < 0xA0000)
		p = scan(m, ebda_pa, 1024, sig, siglen, sumlen, found);
	if (!p && base_kib >= 1 && base_kib <= 640)
		p = scan(m, base_kib * 1024 - 1024, 1024, sig, siglen, sumlen, found);
	if (!p)
		p = scan(m, rom_base, 0x100000 - rom_base, sig, siglen, sumlen, found);
	return p;
}

static void config_reset(struct fw_config *c)
{
	*c = (struct fw_config){ .source = FW_NONE, .bsp_index = -1 };
	for (uint32_t i = 0; i < FW_ISA_IRQS; i++)
		c->isa[i] = (struct fw_isa_route){ .gsi = i, .flags = 0 };
}

static void add_cpu(struct fw_config *c, uint8_t lapic_id, int bsp)
{
	for (uint32_t i = 0; i < c->ncpus; i++)
		if (c->lapic_id[i] == lapic_id)
			return;  /* a table naming one APIC twice gets it once */
	c->ncpus_found++;
	if (c->ncpus == FW_MAX_CPUS)
		return;
	if (bsp)
		c->bsp_index = (int)c->ncpus;
	c->lapic_id[c->ncpus++] = lapic_id;
}

/* One MP config-table entry at e (len bytes known to be mapped); isa[] marks the ISA buses. */
static void mp_entry(struct fw_config *c, const uint8_t *e, uint8_t *isa)
{
	switch (e[0]) {
	case 0:
		if (e[3] & MP_CPU_ENABLED)
			add_cpu(c, e[1], e[3] & MP_CPU_BSP);
		break;
	case 1:
		if (sig_is(e + 2, "ISA   ", 6))
			isa[e[1]] = 1;
		break;
	case 2:
		if ((e[3] & MP_IOAPIC_USABLE) && c->ioapic_addr == 0) {
			c->ioapic_id = e[1];
			c->ioapic_addr = rd32(e + 4);
		}
		break;
	case 3:
		/* A vectored interrupt from an ISA bus to the first IOAPIC (0xFF: to all). */
		if (e[1] == 0 && isa[e[4]] && e[5] < FW_ISA_IRQS && c->ioapic_addr &&
		    (e[6] == c->ioapic_id || e[6] == 0xFF))
			c->isa[e[5]] = (struct fw_isa_route){ .gsi = e[7], .flags = (uint16_t)rd16(e + 2) };
		break;
	}
}

int fw_mp_parse(const struct fw_mem *m, uint32_t ebda_pa, uint32_t base_kib, struct fw_config *c)
{
	uint32_t fp_pa;
	config_reset(c);
	const uint8_t *fp = scan_bios_areas(m, ebda_pa, base_kib, "_MP_", 4, MP_FP_LEN, 0xF0000, &fp_pa);
	/* Length in 16-byte units must be 1; a default configuration (feature byte 1) has no table to read. */
	if (!fp || fp[8] != 1 || fp[11] != 0)
		return -1;
	uint32_t tab = rd32(fp + 4);
	const uint8_t *h = map(m, tab, MP_HDR_LEN);
	if (!h || !sig_is(h, "PCMP", 4))
		return -1;
	uint32_t len = rd16(h + 4), count = rd16(h + 34);
	if (len < MP_HDR_LEN)
		return -1;
	const uint8_t *t = map(m, tab, len);
	if (!t || !sums_to_zero(t, len))
		return -1;

	/* Bus entries precede the interrupt entries that name them (spec 4.3), so one pass does. */
	uint8_t isa[MP_MAX_BUSES] = { 0 };
	uint32_t off = MP_HDR_LEN;
	for (uint32_t i = 0; i < count; i++) {
		if (off >= len)
			return -1;
		uint32_t elen = t[off] == 0 ? MP_PROC_LEN : t[off] <= 4 ? MP_OTHER_LEN : 0;
		if (elen == 0 || elen > len - off)
			return -1;  /* an unknown type's length is unknown: nothing after it can be read */
		mp_entry(c, t + off, isa);
		off += elen;
	}
	if (c->ncpus == 0)
		return -1;
	c->lapic_addr = rd32(t + 36);
	c->imcr = (fp[12] & MP_FP_IMCRP) != 0;
	c->source = FW_MPTABLE;
	return 0;
}

/* A whole ACPI table with signature sig at pa: header, length and checksum checked. */
static const uint8_t *acpi_table(const struct fw_mem *m, uint32_t pa, const char *sig,
				 uint32_t min_len, uint32_t *len)
{
	const uint8_t *h = map(m, pa, ACPI_HDR_LEN);
	if (!h || !sig_is(h, sig, 4))
		return 0;
	*len = rd32(h + 4);
	if (*len < min_len)
		return 0;
	const uint8_t *t = map(m, pa, *len);
	return t && sums_to_zero(t, *len) ? t : 0;
}

static void madt_entry(struct fw_config *c, const uint8_t *e)
{
	switch (e[0]) {
	case 0:
		if (e[1] >= 8 && (rd32(e + 4) & 1))
			add_cpu(c, e[3], 0);
		break;
	case 1:
		if (e[1] >= 12 && c->ioapic_addr == 0) {
			c->ioapic_id = e[2];
			c->ioapic_addr = rd32(e + 4);
			c->ioapic_gsi_base = rd32(e + 8);
		}
		break;
	case 2:
		if (e[1] >= 10 && e[2] == 0 && e[3] < FW_ISA_IRQS)
			c->isa[e[3]] = (struct fw_isa_route){ .gsi = rd32(e + 4), .flags = (uint16_t)rd16(e + 8) };
		break;
	}
}

int fw_madt_parse(const struct fw_mem *m, uint32_t ebda_pa, struct fw_config *c)
{
	uint32_t rsdp_pa, len;
	config_reset(c);
	const uint8_t *rsdp = scan_bios_areas(m, ebda_pa, 0, "RSD PTR ", 8, RSDP_LEN, 0xE0000, &rsdp_pa);
	if (!rsdp)
		return -1;
	const uint8_t *rsdt = acpi_table(m, rd32(rsdp + 16), "RSDT", ACPI_HDR_LEN, &len);
	if (!rsdt)
		return -1;
	const uint8_t *madt = 0;
	uint32_t mlen = 0;
	for (uint32_t off = ACPI_HDR_LEN; off + 4 <= len && !madt; off += 4)
		madt = acpi_table(m, rd32(rsdt + off), "APIC", MADT_HDR_LEN, &mlen);
	if (!madt)
		return -1;
	for (uint32_t off = MADT_HDR_LEN; off + 2 <= mlen; ) {
		uint32_t elen = madt[off + 1];
		if (elen < 2 || elen > mlen - off)
			return -1;
		madt_entry(c, madt + off);
		off += elen;
	}
	if (c->ncpus == 0)
		return -1;
	/* The boot CPU is the first enabled one the MADT lists (ACPI 6, 5.2.12.1's recommendation). */
	c->bsp_index = 0;
	c->lapic_addr = rd32(madt + 36);
	c->source = FW_MADT;
	return 0;
}

/*
 * The MP table first; but SeaBIOS lists only the first logical CPU of each
 * package there (QEMU's -smp N alone makes one socket of N cores), while
 * the MADT lists them all: the MADT wins when it names more CPUs.
 */
int fw_tables_parse(const struct fw_mem *m, uint32_t ebda_pa, uint32_t base_kib,
		    struct fw_config *c)
{
	struct fw_config madt;
	int mp_ok = fw_mp_parse(m, ebda_pa, base_kib, c) == 0;
	int madt_ok = fw_madt_parse(m, ebda_pa, &madt) == 0;
	if (madt_ok && (!mp_ok || madt.ncpus_found > c->ncpus_found))
		*c = madt;
	else if (!mp_ok)
		return -1;
	return 0;
}
