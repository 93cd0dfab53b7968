/*
 * ide_bm.c - the IDE bus master of the PIIX3 (PCI 00:01.1 in QEMU's and
 * Bochs's i440FX machines), driven by the kernel for the ata driver
 * (docs/dma.md, "IDE").  Its registers sit at BAR4: per channel (primary
 * at +0, secondary at +8) a command byte (start, direction), a status
 * byte and the PRD table's physical address.  The command and the PRD
 * pointer steer the engine anywhere in memory, so only the kernel writes
 * them; the ata driver keeps the ATA task file and issues READ DMA or
 * WRITE DMA itself.  The PRD tables are the kernel's own (one per
 * channel), written by kernel/dma/prd.c only after the request passed,
 * while the engine is stopped.
 *
 * The kernel reads PCI configuration itself at boot (0xCF8-0xCFF are the
 * kernel's; through pcicfg_hw, kernel/object/pcicfg.h): BAR4 and the
 * command register, where it sets bus-master enable, which no task may
 * change (iocap/pciguard.h).  The
 * command and PRD pointer ports it finds become kernel-owned
 * (kernel/object/kports.h): no IoPorts cap is derived over them and no
 * bitmap opens them; BM status stays grantable.
 */
#include "kernel/dma/ide_bm.h"
#include "kernel/dma/dmachan.h"
#include "kernel/dma/prd.h"
#include "abi/errno.h"
#include "abi/syscalls.h"
#include "arch/i386/arch.h"
#include "kernel/lib.h"
#include "kernel/object/kports.h"

#define PIIX_IDE     PCICFG_FN(0, 1, 1)  /* bus 0, device 1 (the PIIX), function 1 */
#define PCI_BAR4     0x20u

/* Per-channel bus-master registers, from BAR4 + 8 * channel. */
#define BM_CMD       0
#define BM_STATUS    2
#define BM_PRD       4
#define BM_CMD_START 0x01u
#define BM_CMD_WRITE_MEM 0x08u  /* the engine writes memory: a disk read */
#define BM_STATUS_CLEAR (DMA_IDE_ERROR | DMA_IDE_IRQ)   /* write-1-to-clear bits */
#define BM_STATUS_KEEP  0x60u   /* the drives' "DMA capable" bits, kept as they are */

static uint16_t bm_base;
static struct prd prd_table[2][PRD_MAX] __attribute__((aligned(PRD_ALIGN)));

static uint16_t reg(unsigned channel, unsigned r)
{
	return (uint16_t)(bm_base + 8 * channel + r);
}

/*
 * QEMU takes a transfer's direction from the ATA command the driver
 * wrote, Bochs from the bus master's direction bit: whatever the request
 * says, the device may write the buffer, so every segment needs MEM_W.
 */
static int ide_check(unsigned engine, const struct dma_req *req, const struct dma_span *span)
{
	(void)engine;
	if (req->mode != 0)
		return E_INVAL;
	for (unsigned i = 0; i < req->nseg; i++)
		if (!(span[i].rights & MEM_W))
			return E_PERM;
	int n = prd_build(0, PRD_MAX, span, req->nseg);
	return n < 0 ? -n : 0;
}

static void ide_start(unsigned channel, const struct dma_req *req, const struct dma_span *span)
{
	struct prd *t = prd_table[channel];
	/* The engine is stopped (dma_start checked it is not busy): the table may change. */
	int n = prd_build(t, PRD_MAX, span, req->nseg);
	KASSERT(n > 0 && prd_valid(t, (unsigned)n));
	uint8_t dir = req->dir == DMA_FROM_DEVICE ? BM_CMD_WRITE_MEM : 0;
	uint32_t status = arch_io_read(reg(channel, BM_STATUS), 1);
	arch_io_write(reg(channel, BM_STATUS), 1, (status & BM_STATUS_KEEP) | BM_STATUS_CLEAR);
	/* The kernel is identity-mapped (arch/i386/kernel.ld): the table's address is physical. */
	arch_io_write(reg(channel, BM_PRD), 4, (uint32_t)t);
	arch_io_write(reg(channel, BM_CMD), 1, dir);
	arch_io_write(reg(channel, BM_CMD), 1, dir | BM_CMD_START);
}

/* The status as it was when stopped: clearing the start bit clears "active" too. */
static uint32_t ide_stop(unsigned channel)
{
	uint32_t status = arch_io_read(reg(channel, BM_STATUS), 1);
	arch_io_write(reg(channel, BM_CMD), 1, 0);
	arch_io_write(reg(channel, BM_STATUS), 1, (status & BM_STATUS_KEEP) | BM_STATUS_CLEAR);
	return status;
}

static const struct dma_engine_ops ide_ops = { "IDE bus master", ide_check, ide_start, ide_stop };

/* Each channel's command byte and PRD pointer steer the engine: the kernel's from now on. */
static void own_registers(void)
{
	static const char *const what[2][2] = {
		{ "IDE0 bus master command", "IDE0 PRD pointer" },
		{ "IDE1 bus master command", "IDE1 PRD pointer" },
	};
	for (unsigned ch = 0; ch < 2; ch++)
		if (kports_add(reg(ch, BM_CMD), reg(ch, BM_CMD), what[ch][0]) ||
		    kports_add(reg(ch, BM_PRD), reg(ch, BM_PRD) + 3, what[ch][1]))
			panic("dma: the kernel-owned port registry is full");
}

void ide_bm_boot(const struct pci_access *cfg)
{
	uint32_t id = pci_read32(cfg, PIIX_IDE, PCI_ID);
	uint32_t class = pci_read32(cfg, PIIX_IDE, PCI_CLASS) >> 16;
	uint32_t bar4 = pci_read32(cfg, PIIX_IDE, PCI_BAR4);
	/* An Intel IDE controller (class 01, subclass 01) whose BAR4 the firmware put in I/O space. */
	if ((id & 0xFFFFu) != 0x8086u || class != 0x0101u || !(bar4 & 1) || !(bar4 & 0xFFFCu)) {
		kprintf("dma: no PIIX IDE bus master at 00:01.1\n");
		return;
	}
	bm_base = (uint16_t)(bar4 & 0xFFFCu);
	uint32_t cmd = pci_read32(cfg, PIIX_IDE, PCI_COMMAND) & 0xFFFFu;
	/* Status is the high half: written as 0, so no write-1-to-clear bit is touched. */
	cfg->write(PIIX_IDE << 8 | PCI_COMMAND, 4, cmd | PCI_CMD_IO | PCI_CMD_BME);
	for (unsigned ch = 0; ch < 2; ch++)
		ide_stop(ch);
	own_registers();
	kprintf("dma: PIIX IDE (%04x:%04x) bus master at 0x%x\n", id & 0xFFFFu, id >> 16, bm_base);
	dma_engine_add(0, &ide_ops);
	dma_engine_add(1, &ide_ops);
}
