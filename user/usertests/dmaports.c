/*
 * dmaports.c - the registers a driver could aim DMA with, attacked from
 * ring 3 (docs/dma.md, "Owned registers and PCI configuration"): an `out`
 * to an 8237 register, to PCI configuration or to an IDE bus master's
 * command or PRD pointer traps and reaches the supervisor even from a task
 * holding the whole I/O space; no IoPorts cap can be derived over one; a
 * PCI configuration write that would change bus-master enable, move a BAR
 * or a bridge's window or program an MSI is refused; and the exhaustive
 * sweep with the drivers' real grants (the manifest's) finds no
 * kernel-owned port open.
 */
#include "abi/syscalls.h"
#include "iocap/ioowned.h"
#include "iocap/pcicap.h"
#include "user/init/manifest.h"
#include "user/usertests/dmaports.h"
#include "user/usertests/iotests.h"

#define S_ALL   0        /* usertests' IoPorts(all), from init */
#define S_TMP   (ROOT_SLOT_PCICFG + 1)   /* scratch slots (iotests uses the same ones, never at once) */
#define S_TMP2  (S_TMP + 1)

#define PCI_CLASS_IDE 0x0101u

/* Each test starts with its scratch slots empty, whatever an earlier failure left. */
static void fresh(void)
{
	sys_cap_delete(S_TMP);
	sys_cap_delete(S_TMP2);
}

/* ---- the machine's owned registers ---- */

static unsigned cfg(unsigned fn, unsigned off, unsigned width)
{
	unsigned v = 0xFFFFFFFFu;
	if (sys_pci_cfg_read(ROOT_SLOT_PCICFG, fn << 8 | off, width, &v))
		return 0xFFFFFFFFu;
	return v;
}

/* The first IDE function on bus 0 (PIIX3's 00:01.1 in QEMU and Bochs): its function number, or -1. */
static int find_ide(void)
{
	for (unsigned fn = 0; fn < 256; fn++)
		if ((cfg(fn, 0, 4) & 0xFFFF) != 0xFFFF && cfg(fn, 8, 4) >> 16 == PCI_CLASS_IDE)
			return (int)fn;
	return -1;
}

/*
 * Only the engine the kernel checks masters the bus: bus-master enable is
 * set on the IDE function (the kernel's, kernel/dma/ide_bm.c) and on no
 * other device of bus 0, whatever the firmware left (kernel/dma/busmaster.c;
 * the host and ISA bridges are left as they are: Bochs's BIOS leaves both
 * on, and its UHCI at 00:01.2 too, which the kernel clears).
 */
int t_dmaports_bus_masters_off(void)
{
	int ide = find_ide(), present = 0;
	for (unsigned fn = 0; fn < 256; fn++) {
		if ((cfg(fn, 0, 4) & 0xFFFF) == 0xFFFF)
			continue;
		present++;
		unsigned bme = cfg(fn, 4, 2) >> 2 & 1, class = cfg(fn, 8, 4) >> 16;
		if ((int)fn == ide)
			CHECK_EQ(bme, 1);
		else if (class != 0x0600 && class != 0x0601)   /* host and ISA bridges are kept */
			CHECK_EQ(bme, 0);
	}
	CHECK(present > 1);
	printf("# %d functions on bus 0: bus mastering only on %02x.%d (IDE)\n", present,
	       (unsigned)ide >> 3, (unsigned)ide & 7);
	return 0;
}

/* The IDE bus master's I/O base (BAR4), or 0 when there is none. */
static unsigned bm_base(int ide)
{
	unsigned bar4 = ide < 0 ? 0 : cfg((unsigned)ide, 0x20, 4);
	return (bar4 & 1) && bar4 != 0xFFFFFFFFu ? bar4 & 0xFFFCu : 0;
}

/* What the kernel must own here: the fixed ports and each bus master's command and PRD pointer. */
static void machine_owned(struct ioowned *o, unsigned bm)
{
	ioowned_init(o);
	if (!bm)
		return;
	ioowned_add(o, bm + 0, bm + 0, "IDE0 BM command");
	ioowned_add(o, bm + 4, bm + 7, "IDE0 PRD pointer");
	ioowned_add(o, bm + 8, bm + 8, "IDE1 BM command");
	ioowned_add(o, bm + 0xC, bm + 0xF, "IDE1 PRD pointer");
}

/* ---- out to an owned register traps, reported to the supervisor ---- */

struct attack {
	unsigned port, width, value;
};

struct seen {
	const struct attack *want;
	int n, got, wrong;
};

static unsigned expect_out_fault(const struct supmsg *m, void *ctx)
{
	struct seen *s = ctx;
	const struct attack *a = s->got < s->n ? &s->want[s->got] : 0;
	if (!a || m->vector != 13 || m->io_op != IOOP_OUT || m->port != a->port ||
	    m->width != a->width) {
		printf("# unexpected fault: vector %d op %u port 0x%x width %u\n", m->vector, m->io_op,
		       m->port, m->width);
		s->wrong++;
		return FA_KILL;
	}
	s->got++;
	return FA_RESUME;         /* logged: the IOFAULT line names the port */
}

/*
 * ioprobe runs an `out` per attack holding a copy of the whole I/O space,
 * the most any task can hold; each must trap and reach us, in order.
 */
static int attack_all(const struct attack *attacks, int n)
{
	static const struct ioports all = { 0, IOPORTS_SPACE, IOR_ALL };
	char args[200];
	int at = fmt_snprintf(args, sizeof(args), "out");
	for (int i = 0; i < n; i++)
		at += fmt_snprintf(args + at, sizeof(args) - (unsigned)at, " %x.%x.%x", attacks[i].port,
				   attacks[i].width, attacks[i].value);
	CHECK(at < (int)sizeof(args));
	struct seen s = { attacks, n, 0, 0 };
	struct exitinfo e;
	int tid = start_probe(args, &all, 1);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, expect_out_fault, &s, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(s.wrong, 0);
	CHECK_EQ(s.got, n);
	return 0;
}

/* Values that would do no harm had they gone through: masks, stops, zeroes. */
int t_dmaports_out_traps(void)
{
	static const struct attack attacks[] = {
		{ 0x0A, 1, 0x06 },         /* 8237 single mask register: mask channel 2 */
		{ 0x04, 1, 0x00 },         /* 8237 channel 2 address */
		{ 0x81, 1, 0x00 },         /* channel 2 page register */
		{ 0xD4, 1, 0x05 },         /* the second 8237's mask register */
		{ 0xCF8, 4, 0x80000000u }, /* PCI configuration address */
		{ 0xCFC, 2, 0x0000 },      /* and data */
		{ 0xCFE, 1, 0x00 },
	};
	fresh();
	return attack_all(attacks, (int)ARRAY_SIZE(attacks));
}

int t_dmaports_bm_out_traps(void)
{
	fresh();
	unsigned bm = bm_base(find_ide());
	CHECK(bm != 0);
	const struct attack attacks[] = {
		{ bm + 0, 1, 0x00 },       /* primary bus master command: stop */
		{ bm + 4, 4, 0x00 },       /* primary PRD pointer */
		{ bm + 6, 2, 0x00 },
		{ bm + 8, 1, 0x00 },       /* secondary command */
		{ bm + 0xC, 4, 0x00 },     /* secondary PRD pointer */
		{ bm + 0xF, 1, 0x00 },
	};
	return attack_all(attacks, (int)ARRAY_SIZE(attacks));
}

/* ---- no IoPorts cap over an owned port ---- */

static int derive_refused(const struct ioports *refused, int n)
{
	struct capinfo ci;
	for (int i = 0; i < n; i++) {
		const struct ioports *p = &refused[i];
		long r = cap_derive(S_ALL, S_TMP, p->base, p->count, p->rights);
		if (r != -E_PERM)
			printf("# IoPorts(0x%x, %u): %ld\n", p->base, p->count, r);
		CHECK_EQ(r, -E_PERM);
		CHECK_EQ(sys_cap_info(S_TMP, &ci), 0);
		CHECK_EQ(ci.type, CAPT_NULL);
	}
	return 0;
}

static int derive_granted(const struct ioports *granted, int n)
{
	for (int i = 0; i < n; i++) {
		CHECK_EQ(cap_derive(S_ALL, S_TMP, granted[i].base, granted[i].count, IOR_ALL), 0);
		CHECK_EQ(sys_cap_delete(S_TMP), 0);
	}
	return 0;
}

int t_dmaports_derive_refused(void)
{
	static const struct ioports refused[] = {
		{ 0x00, 1, IOR_ALL }, { 0x0A, 1, IOR_READ }, { 0x80, 2, IOR_ALL }, { 0x8F, 1, IOR_ALL },
		{ 0xC0, 0x20, IOR_ALL }, { 0xDF, 1, IOR_ALL }, { 0xCF8, 8, IOR_ALL },
		{ 0xCFC, 4, IOR_ALL }, { 0xCF0, 0x10, IOR_ALL }, { 0, IOPORTS_SPACE, IOR_ALL },
		{ 0x20, 2, IOR_ALL }, { 0x40, 4, IOR_ALL }, { 0xE9, 1, IOR_WRITE }, { 0xF4, 1, IOR_ALL },
		{ 0x604, 2, IOR_ALL }, { 0x8900, 1, IOR_ALL }, { 0x8000, 0x8000, IOR_ALL },
	};
	/* Their neighbours stay grantable. */
	static const struct ioports granted[] = {
		{ 0x10, 0x10, IOR_ALL }, { 0x80, 1, IOR_ALL }, { 0x90, 0x10, IOR_ALL },
		{ 0xE0, 9, IOR_ALL },    { 0xCF0, 8, IOR_ALL }, { 0xD00, 1, IOR_ALL },
		{ 0x8901, 0x100, IOR_ALL },
	};
	fresh();
	if (derive_refused(refused, (int)ARRAY_SIZE(refused)) ||
	    derive_granted(granted, (int)ARRAY_SIZE(granted)))
		return 1;
	/* From a grantable cap, no wider: and cap_mint makes no IoPorts cap at all. */
	CHECK_EQ(cap_derive(S_ALL, S_TMP, 0x80, 1, IOR_ALL), 0);
	CHECK_EQ(cap_derive(S_TMP, S_TMP2, 0x80, 2, IOR_ALL), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_ALL, S_TMP2, CAP_BASE_RIGHTS(0xCF8, IOR_ALL), 8), -E_TYPE);
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, 0, IOR_ALL), -E_TYPE);
	CHECK_EQ(sys_cap_delete(S_TMP), 0);
	return 0;
}

int t_dmaports_bm_derive_refused(void)
{
	fresh();
	unsigned bm = bm_base(find_ide());
	CHECK(bm != 0);
	const struct ioports refused[] = {
		{ bm, 1, IOR_ALL },     { bm + 4, 4, IOR_ALL },  { bm + 7, 1, IOR_ALL },
		{ bm + 8, 1, IOR_ALL }, { bm + 0xC, 4, IOR_ALL }, { bm, 16, IOR_ALL },
		{ bm + 1, 4, IOR_ALL },
	};
	/* BM status stays the driver's: it sees completion there and clears the interrupt. */
	const struct ioports granted[] = { { bm + 2, 1, IOR_ALL }, { bm + 0xA, 1, IOR_ALL } };
	if (derive_refused(refused, (int)ARRAY_SIZE(refused)) ||
	    derive_granted(granted, (int)ARRAY_SIZE(granted)))
		return 1;
	return 0;
}

/* ---- PCI configuration writes ---- */

static long wr(unsigned fn, unsigned off, unsigned width, unsigned v)
{
	return sys_pci_cfg_write(ROOT_SLOT_PCICFG, fn << 8 | off, width, v);
}

/* A function on bus 0 that is neither the IDE nor a host or ISA bridge: bus-master enable off. */
static int find_idle(void)
{
	for (unsigned fn = 0; fn < 256; fn++) {
		unsigned class = cfg(fn, 8, 4) >> 16;
		if ((cfg(fn, 0, 4) & 0xFFFF) != 0xFFFF && class != PCI_CLASS_IDE && class != 0x0600 &&
		    class != 0x0601)
			return (int)fn;
	}
	return -1;
}

int t_dmaports_pci_writes_refused(void)
{
	fresh();
	int ide = find_ide(), idle = find_idle();
	CHECK(ide >= 0);
	CHECK(idle >= 0);
	unsigned fn = (unsigned)ide, cmd = cfg(fn, 4, 2), status = cfg(fn, 6, 2);
	unsigned bar4 = cfg(fn, 0x20, 4), line = cfg(fn, 0x3C, 1);
	unsigned ifn = (unsigned)idle, icmd = cfg(ifn, 4, 2), istatus = cfg(ifn, 6, 2);
	CHECK(bar4 & 1);
	/* Bus-master enable set, whatever the width, on a function the kernel left it off. */
	CHECK_EQ(icmd & 4, 0);
	CHECK_EQ(wr(ifn, 0x04, 2, icmd | 4), -E_PERM);
	CHECK_EQ(wr(ifn, 0x04, 4, istatus << 16 | icmd | 4), -E_PERM);
	CHECK_EQ(wr(ifn, 0x04, 1, (icmd | 4) & 0xFF), -E_PERM);
	CHECK_EQ(cfg(ifn, 4, 2), icmd);
	/* A BAR moved (onto the ATA ports, or back to itself), or the ROM BAR. */
	CHECK_EQ(wr(fn, 0x20, 4, 0x1F1), -E_PERM);
	CHECK_EQ(wr(fn, 0x20, 4, bar4), -E_PERM);
	CHECK_EQ(wr(fn, 0x22, 2, 0), -E_PERM);
	CHECK_EQ(wr(fn, 0x21, 1, 0x01), -E_PERM);
	CHECK_EQ(wr(fn, 0x10, 4, 0xFFFFFFFFu), -E_PERM);
	CHECK_EQ(wr(fn, 0x30, 4, 0xFFFFF800u), -E_PERM);
	/* Malformed: misaligned, a bad width, past the 24 address bits. */
	CHECK_EQ(wr(fn, 0x05, 2, 0), -E_INVAL);
	CHECK_EQ(wr(fn, 0x04, 3, 0), -E_INVAL);
	CHECK_EQ(sys_pci_cfg_write(ROOT_SLOT_PCICFG, 1u << 24 | 0x3C, 1, line), -E_RANGE);
	/* Nothing changed; a register outside the rule is written. */
	CHECK_EQ(cfg(fn, 4, 2), cmd);
	CHECK_EQ(cfg(fn, 6, 2), status);
	CHECK_EQ(cfg(fn, 0x20, 4), bar4);
	CHECK_EQ(wr(fn, 0x3C, 1, line), 0);
	CHECK_EQ(cfg(fn, 0x3C, 1), line);
	return 0;
}

/*
 * The kernel set bus-master enable on the IDE function to drive its bus
 * master: clearing it, at any width, would stop the kernel's DMA (and any
 * transfer in flight with it), so it is refused; a COMMAND write that
 * leaves the bit as it is goes through.
 */
int t_dmaports_bme_clear_refused(void)
{
	fresh();
	int ide = find_ide();
	CHECK(ide >= 0);
	unsigned fn = (unsigned)ide, cmd = cfg(fn, 4, 2);
	CHECK_EQ(cmd & 4, 4);
	CHECK_EQ(wr(fn, 0x04, 2, cmd & ~4u), -E_PERM);
	CHECK_EQ(wr(fn, 0x04, 4, cmd & ~4u), -E_PERM);     /* the status half 0: no bit cleared */
	CHECK_EQ(wr(fn, 0x04, 1, cmd & 0xFB), -E_PERM);
	CHECK_EQ(wr(fn, 0x04, 1, 0), -E_PERM);
	CHECK_EQ(cfg(fn, 4, 2), cmd);
	CHECK_EQ(wr(fn, 0x04, 2, cmd), 0);
	CHECK_EQ(wr(fn, 0x05, 1, cmd >> 8), 0);
	CHECK_EQ(cfg(fn, 4, 2), cmd);
	return 0;
}

/*
 * A bridge's bus numbers and windows (type 1: 0x18-0x33) are kept for
 * every header type, so the rule needs no read of the type: on the IDE
 * function (type 0) 0x28-0x2F are the CardBus CIS pointer and the
 * subsystem IDs, read-only, and refused like a window.
 */
int t_dmaports_bridge_window_bytes_refused(void)
{
	static const unsigned kept[][2] = {
		{ 0x18, 4 }, { 0x19, 1 }, { 0x1C, 2 }, { 0x1E, 2 }, { 0x24, 4 }, { 0x28, 4 },
		{ 0x2A, 2 }, { 0x2C, 4 }, { 0x2E, 2 }, { 0x2F, 1 }, { 0x30, 4 }, { 0x33, 1 },
	};
	fresh();
	int ide = find_ide();
	CHECK(ide >= 0);
	unsigned fn = (unsigned)ide, before[16], i;
	for (i = 0; i < 16; i++)
		before[i] = cfg(fn, 0x10 + 4 * i, 4);
	for (i = 0; i < ARRAY_SIZE(kept); i++) {
		long r = wr(fn, kept[i][0], kept[i][1], 0);
		if (r != -E_PERM)
			printf("# offset 0x%x width %u: %ld\n", kept[i][0], kept[i][1], r);
		CHECK_EQ(r, -E_PERM);
	}
	for (i = 0; i < 16; i++)
		CHECK_EQ(cfg(fn, 0x10 + 4 * i, 4), before[i]);
	return 0;
}

/* ---- MSI and MSI-X ---- */

static uint32_t user_cfg_read(uint32_t addr, unsigned width)
{
	unsigned v = 0xFFFFFFFFu;
	if (sys_pci_cfg_read(ROOT_SLOT_PCICFG, addr, width, &v))
		return 0xFFFFFFFFu;
	return v;
}

static void user_cfg_write(uint32_t addr, unsigned width, uint32_t value)
{
	sys_pci_cfg_write(ROOT_SLOT_PCICFG, addr, width, value);
}

static const struct pci_access user_pci = { user_cfg_read, user_cfg_write };

/* Writes into one MSI or MSI-X structure of len bytes at c; each refused, the bytes unchanged. */
static int msi_writes_refused(unsigned fn, const struct pcicap *c, unsigned len)
{
	unsigned before[8], at = c->offset, ctl = pcicap_control(&user_pci, fn, c), n = (len + 3) / 4;
	unsigned enable = c->id == PCI_CAP_MSI ? PCI_MSI_ENABLE : PCI_MSIX_ENABLE;
	CHECK(n <= ARRAY_SIZE(before));
	for (unsigned i = 0; i < n; i++)
		before[i] = cfg(fn, at + 4 * i, 4);
	CHECK_EQ(ctl & enable, 0);                       /* off since boot (busmaster.c) */
	CHECK_EQ(wr(fn, at + 2, 2, ctl | enable), -E_PERM);
	CHECK_EQ(wr(fn, at, 4, before[0] | enable << 16), -E_PERM);
	CHECK_EQ(wr(fn, at + 3, 1, (ctl | enable) >> 8), -E_PERM);
	CHECK_EQ(wr(fn, at + 2, 2, ctl), -E_PERM);       /* even unchanged: the whole structure is kept */
	CHECK_EQ(wr(fn, at + 1, 1, 0), -E_PERM);         /* the next pointer */
	for (unsigned i = 1; i < n; i++) {               /* address, data, masks; table and PBA offsets */
		CHECK_EQ(wr(fn, at + 4 * i, 4, 0xFEE00000u), -E_PERM);
		CHECK_EQ(wr(fn, at + 4 * i, 2, 0x4041), -E_PERM);
		unsigned last = 4 * i + 3 < len ? 4 * i + 3 : len - 1;   /* a structure's last byte */
		CHECK_EQ(wr(fn, at + last, 1, 0xFF), -E_PERM);
	}
	for (unsigned i = 0; i < n; i++)
		CHECK_EQ(cfg(fn, at + 4 * i, 4), before[i]);
	return 0;
}

/*
 * An MSI is the device writing its message data to its message address,
 * which is DMA: a driver that programs an MSI or MSI-X capability makes
 * its device write 4 bytes anywhere.  Every byte of both is the kernel's.
 * QEMU's pc machine has no such function of its own; the usertests boots
 * add an e1000e (MSI and MSI-X; the Makefile's QEMU_MSI).  Bochs has none.
 */
int t_dmaports_msi_refused(void)
{
	struct pcicap caps[PCICAP_MAX];
	unsigned msi = 0, msix = 0;
	fresh();
	for (unsigned fn = 0; fn < 256; fn++) {
		if ((cfg(fn, 0, 4) & 0xFFFF) == 0xFFFF)
			continue;
		unsigned n = pcicap_list(&user_pci, fn, caps);
		for (unsigned i = 0; i < n; i++) {
			unsigned len = pcicap_msi_len(&user_pci, fn, &caps[i]);
			if (!len)
				continue;
			printf("# %02x.%u: %s at 0x%02x, %u bytes\n", fn >> 3, fn & 7,
			       caps[i].id == PCI_CAP_MSI ? "MSI" : "MSI-X", caps[i].offset, len);
			if (msi_writes_refused(fn, &caps[i], len))
				return 1;
			*(caps[i].id == PCI_CAP_MSI ? &msi : &msix) += 1;
		}
	}
	if (!msi && !msix)
		return ut_skip("no function with an MSI or MSI-X capability on bus 0");
	return 0;
}

/* ---- the PciCfg cap ---- */

int t_dmaports_pcicfg_cap(void)
{
	struct capinfo ci;
	unsigned v;
	fresh();
	int ide = find_ide();
	CHECK(ide > 0);
	unsigned fn = (unsigned)ide;
	CHECK_EQ(sys_cap_info(ROOT_SLOT_PCICFG, &ci), 0);
	CHECK_EQ(ci.type, CAPT_PCICFG);
	CHECK_EQ(ci.base, 0);
	CHECK_EQ(ci.count, PCICFG_FUNCS);
	CHECK_EQ(ci.rights, PCICFG_R | PCICFG_W);
	/* One function, read only. */
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_PCICFG, S_TMP, PCICFG_SUB(fn, 1), PCICFG_R), 0);
	CHECK_EQ(sys_cap_info(S_TMP, &ci), 0);
	CHECK_EQ(ci.type, CAPT_PCICFG);
	CHECK_EQ(ci.base, fn);
	CHECK_EQ(ci.count, 1);
	CHECK_EQ(ci.rights, PCICFG_R);
	CHECK_EQ(sys_pci_cfg_read(S_TMP, fn << 8, 4, &v), 0);
	CHECK_EQ(v, cfg(fn, 0, 4));
	CHECK_EQ(sys_pci_cfg_read(S_TMP, 0, 4, &v), -E_PERM);
	CHECK_EQ(sys_pci_cfg_read(S_TMP, (fn + 1) << 8, 4, &v), -E_PERM);
	CHECK_EQ(sys_pci_cfg_write(S_TMP, fn << 8 | 0x3C, 1, 0), -E_PERM);
	/* Minting narrows only. */
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, PCICFG_SUB(fn, 2), PCICFG_R), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, PCICFG_SUB(fn - 1, 1), PCICFG_R), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, 0, PCICFG_R | PCICFG_W), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, PCICFG_SUB(fn, 0), PCICFG_R), -E_PERM);
	CHECK_EQ(sys_cap_mint(S_TMP, S_TMP2, 0, 0), -E_PERM);
	CHECK_EQ(sys_cap_delete(S_TMP), 0);
	/* The decode: a slot of another type, empty, out of range; a bad pointer. */
	CHECK_EQ(sys_pci_cfg_read(S_ALL, 0, 4, &v), -E_TYPE);
	CHECK_EQ(sys_pci_cfg_read(S_TMP, 0, 4, &v), -E_EMPTY);
	CHECK_EQ(sys_pci_cfg_read(99, 0, 4, &v), -E_BADSLOT);
	CHECK_EQ(sys_pci_cfg_read(ROOT_SLOT_PCICFG, 0, 4, (unsigned *)0xC0000000u), -E_FAULT);
	CHECK_EQ(sys_pci_cfg_read(ROOT_SLOT_PCICFG, 2, 4, &v), -E_INVAL);
	/* Every width reads the same bytes. */
	CHECK_EQ(sys_pci_cfg_read(ROOT_SLOT_PCICFG, fn << 8 | 2, 2, &v), 0);
	CHECK_EQ(v, cfg(fn, 0, 4) >> 16);
	CHECK_EQ(sys_pci_cfg_read(ROOT_SLOT_PCICFG, fn << 8 | 1, 1, &v), 0);
	CHECK_EQ(v, (cfg(fn, 0, 4) >> 8) & 0xFF);
	return 0;
}

/* ---- the sweep with the drivers' real grants ---- */

static struct manifest man;
static char conf[4096];

/* Every manifest task's ports= ranges (drivers.conf, the boot module init reads). */
static int manifest_grants(struct ioports *out, int max)
{
	struct manifest_error err;
	long len = sys_module_read("drivers.conf", 12, conf, sizeof(conf));
	if (len <= 0 || manifest_parse(conf, (size_t)len, &man, &err)) {
		printf("# drivers.conf: %ld bytes, %d:%d %s\n", len, err.line, err.col, err.msg);
		return -1;
	}
	int n = 0;
	for (int i = 0; i < man.n; i++)
		for (int j = 0; j < man.e[i].nports && n < max; j++)
			out[n++] = (struct ioports){ man.e[i].ports[j].base, man.e[i].ports[j].count,
						     IOR_ALL };
	return n;
}

int t_dmaports_sweep_real_grants(void)
{
	static struct ioowned own;
	struct ioports grants[24];
	struct exitinfo e;
	unsigned disagree = 0, owned_open = 0, allowed = 0;
	fresh();
	machine_owned(&own, bm_base(find_ide()));
	int n = manifest_grants(grants, (int)ARRAY_SIZE(grants));
	CHECK(n > 0);
	sweep_reset();
	int tid = start_probe("sweep", grants, n);
	CHECK(tid > 0);
	CHECK_EQ(supervise_until_exit(tid, record_sweep_trap, 0, &e), 0);
	CHECK_EQ(e.code, 0);
	CHECK_EQ(sweep_bad_messages(), 0);
	for (unsigned w = 1; w <= 4; w *= 2)
		for (unsigned p = 0; p < IOPORTS_SPACE; p++) {
			int open = !sweep_trapped(p, w);
			allowed += open;
			if (open && ioowned_touches(&own, p, w))
				owned_open++;
			if (open != ioowned_allows(&own, grants, n, p, w) && disagree++ < 5)
				printf("# port 0x%04x width %u: %s\n", p, w, open ? "open" : "trapped");
		}
	printf("# sweep with %d manifest grants: %u allowed, %u trapped, %u owned open, %u disagreements\n",
	       n, allowed, sweep_traps(), owned_open, disagree);
	CHECK(allowed > 0);
	CHECK_EQ(sweep_traps() + allowed, 3 * IOPORTS_SPACE);
	CHECK_EQ(owned_open, 0);
	CHECK_EQ(disagree, 0);
	return 0;
}
