/*
 * busmaster.c - no PCI function masters the bus or sends an MSI unless
 * the kernel drives its engine.  Without an IOMMU, a device with
 * bus-master enable set does DMA wherever its own registers say, and
 * those registers (a NIC's descriptor rings, in its memory BAR) may be a
 * driver's to write; an MSI is a DMA write of the message data to the
 * message address.  Only the kernel may set these bits (iocap/pciguard.h
 * refuses them to pci_cfg_write), but firmware may have left them on (a
 * network boot ROM does), so at boot the kernel clears them on every
 * function before it enables the engines it checks (kernel/dma/ide_bm.c);
 * docs/dma.md, "Owned registers and PCI configuration".
 */
#include "kernel/dma/busmaster.h"
#include "abi/syscalls.h"
#include "iocap/pcicap.h"
#include "iocap/pciwalk.h"
#include "kernel/lib.h"

/*
 * A host bridge (class 06.00) is the CPU's own way onto the bus, its bit
 * often read-only; an ISA bridge (06.01) masters the bus for the 8237,
 * whose ports are the kernel's.  Neither is a device a driver can aim.
 */
static int bridge_kept(const struct pci_access *cfg, uint32_t fn)
{
	uint32_t class = pci_read32(cfg, fn, PCI_CLASS) >> 16;
	return class == 0x0600u || class == 0x0601u;
}

static void say_off(const char *what, uint32_t fn)
{
	kprintf("dma: %s off for %02x:%02x.%u (the firmware left it on)\n", what, fn >> 8,
		fn >> 3 & 0x1Fu, fn & 7u);
}

/* Bus-master enable off, said in the log if it was on; 1 if it was. */
static unsigned master_off(const struct pci_access *cfg, uint32_t fn)
{
	uint32_t cmd = pci_read32(cfg, fn, PCI_COMMAND) & 0xFFFFu;
	if (!(cmd & PCI_CMD_BME) || bridge_kept(cfg, fn))
		return 0;
	/* The status half written as 0: no write-1-to-clear bit is touched. */
	cfg->write(fn << 8 | PCI_COMMAND, 4, cmd & ~PCI_CMD_BME);
	say_off("bus mastering", fn);
	return 1;
}

/* MSI and MSI-X enable off in every such capability (none of their control bits is write-1-to-clear). */
static unsigned msi_off(const struct pci_access *cfg, uint32_t fn)
{
	struct pcicap caps[PCICAP_MAX];
	unsigned n = pcicap_list(cfg, fn, caps), cleared = 0;
	for (unsigned i = 0; i < n; i++) {
		uint16_t enable = caps[i].id == PCI_CAP_MSI ? PCI_MSI_ENABLE :
				  caps[i].id == PCI_CAP_MSIX ? PCI_MSIX_ENABLE : 0;
		uint16_t ctl = pcicap_control(cfg, fn, &caps[i]);
		if (!(ctl & enable))
			continue;
		cfg->write(fn << 8 | (caps[i].offset + 2u), 2, ctl & ~enable);
		say_off(caps[i].id == PCI_CAP_MSI ? "MSI" : "MSI-X", fn);
		cleared++;
	}
	return cleared;
}

struct quiet {
	const struct pci_access *cfg;
	unsigned cleared;
};

/* A present function made quiet (pci_walk's visitor). */
static void function_off(void *ctx, uint32_t fn, uint32_t id, uint32_t header)
{
	struct quiet *q = ctx;
	(void)id;
	(void)header;
	q->cleared += master_off(q->cfg, fn) + msi_off(q->cfg, fn);
}

unsigned busmaster_all_off(const struct pci_access *cfg)
{
	struct quiet q = { cfg, 0 };
	pci_walk(cfg, function_off, &q);
	return q.cleared;
}
