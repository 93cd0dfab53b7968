/*
 * busmaster.h - the PCI functions' bus-master enable, which only the
 * kernel sets (kernel/dma/busmaster.c).
 */
#ifndef KERNEL_DMA_BUSMASTER_H
#define KERNEL_DMA_BUSMASTER_H

#include <stdint.h>

/* PCI configuration access (arch_pci_cfg_read/write; fakes in the host test). */
struct busmaster_cfg {
	uint32_t (*read)(uint32_t addr, unsigned width);
	void (*write)(uint32_t addr, unsigned width, uint32_t value);
};

/* Clears bus-master enable on every PCI function the firmware left it on; how many. */
unsigned busmaster_all_off(const struct busmaster_cfg *cfg);

#endif
