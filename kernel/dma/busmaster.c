/*
 * busmaster.c - no PCI function masters the bus unless the kernel drives
 * its engine.  Without an IOMMU, a device with bus-master enable set does
 * DMA wherever its own registers say, and those registers (a NIC's
 * descriptor rings, in its memory BAR) may be a driver's to write.  Only
 * the kernel may set the bit (iocap/pciguard.h refuses it to pci_cfg_write),
 * but firmware may have left it on (a network boot ROM does), so at boot
 * the kernel clears it on every function before it enables the engines it
 * checks (kernel/dma/ide_bm.c); docs/dma.md, "Owned registers and PCI
 * configuration".
 */
#include "kernel/dma/busmaster.h"
#include "abi/syscalls.h"
#include "kernel/lib.h"

#define PCI_VENDOR    0x00
#define PCI_COMMAND   0x04      /* low half: command; high half: status (write 1 to clear) */
#define PCI_CLASS     0x08      /* high half: class, subclass */
#define PCI_HEADER    0x0C      /* byte 2: header type, bit 7: several functions */
#define PCI_CMD_BME   0x0004u

static uint32_t read32(const struct busmaster_cfg *cfg, unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	return cfg->read(PCICFG_ADDR(bus, dev, fn, off), 4);
}

/*
 * A host bridge (class 06.00) is the CPU's own way onto the bus, its bit
 * often read-only; an ISA bridge (06.01) masters the bus for the 8237,
 * whose ports are the kernel's.  Neither is a device a driver can aim.
 */
static int bridge_kept(const struct busmaster_cfg *cfg, unsigned bus, unsigned dev, unsigned fn)
{
	uint32_t class = read32(cfg, bus, dev, fn, PCI_CLASS) >> 16;
	return class == 0x0600u || class == 0x0601u;
}

/* A present function: its bus-master enable off, said in the log if it was on; 1 if it was. */
static unsigned master_off(const struct busmaster_cfg *cfg, unsigned bus, unsigned dev, unsigned fn)
{
	uint32_t cmd = read32(cfg, bus, dev, fn, PCI_COMMAND) & 0xFFFFu;
	if (!(cmd & PCI_CMD_BME) || bridge_kept(cfg, bus, dev, fn))
		return 0;
	/* The status half written as 0: no write-1-to-clear bit is touched. */
	cfg->write(PCICFG_ADDR(bus, dev, fn, PCI_COMMAND), 4, cmd & ~PCI_CMD_BME);
	kprintf("dma: bus mastering off for %02x:%02x.%u (the firmware left it on)\n", bus, dev, fn);
	return 1;
}

unsigned busmaster_all_off(const struct busmaster_cfg *cfg)
{
	unsigned n = 0;
	for (unsigned bus = 0; bus < 256; bus++)
		for (unsigned dev = 0; dev < 32; dev++) {
			if ((read32(cfg, bus, dev, 0, PCI_VENDOR) & 0xFFFFu) == 0xFFFFu)
				continue;
			unsigned fns = read32(cfg, bus, dev, 0, PCI_HEADER) >> 16 & 0x80u ? 8 : 1;
			for (unsigned fn = 0; fn < fns; fn++)
				if ((read32(cfg, bus, dev, fn, PCI_VENDOR) & 0xFFFFu) != 0xFFFFu)
					n += master_off(cfg, bus, dev, fn);
		}
	return n;
}
