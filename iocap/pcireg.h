/*
 * pcireg.h - the PCI configuration header's registers the kernel reads or
 * guards, and the one accessor every kernel walk of configuration space
 * goes through.  Defined once here: the boot scan (kernel/dma/busmaster.c),
 * the IDE bus master (kernel/dma/ide_bm.c), the write rule
 * (iocap/pciguard.c) and the capability walk (iocap/pcicap.c) read the
 * same offsets and bits, and the host tests put a fake behind the accessor.
 */
#ifndef IOCAP_PCIREG_H
#define IOCAP_PCIREG_H

#include <stdint.h>

/* Offsets in every header type. */
#define PCI_ID           0x00u   /* vendor (low half), device */
#define PCI_COMMAND      0x04u   /* low half: command; high half: status (write 1 to clear) */
#define PCI_CLASS        0x08u   /* high half: class, subclass */
#define PCI_HEADER       0x0Cu   /* byte 2: header type (low 7 bits), bit 7: several functions */
#define PCI_CAP_PTR      0x34u   /* the first capability (types 0 and 1) */
/* A PCI-to-PCI bridge (header type 1): the bus behind it. */
#define PCI_SECONDARY    0x19u

#define PCI_CMD_IO       0x0001u
#define PCI_CMD_BME      0x0004u /* bus-master enable */
#define PCI_STATUS_CAPS  0x0010u /* status bit 4: the function has a capability list */

#define PCI_HEADER_TYPE(hdr_dword) (((hdr_dword) >> 16) & 0x7Fu)
#define PCI_HEADER_MULTI(hdr_dword) (((hdr_dword) >> 23) & 1u)
#define PCI_HEADER_BRIDGE  1u    /* PCI-to-PCI */
#define PCI_HEADER_CARDBUS 2u    /* its bus number is at 0x19 too */

/* Capability IDs and their control word (at capability + 2). */
#define PCI_CAP_MSI      0x05u
#define PCI_CAP_MSIX     0x11u
#define PCI_MSI_ENABLE   0x0001u
#define PCI_MSI_64BIT    0x0080u
#define PCI_MSI_MASKING  0x0100u /* per-vector mask and pending bits follow the data */
#define PCI_MSIX_ENABLE  0x8000u

/*
 * Configuration access at addr = function << 8 | offset (abi/syscalls.h
 * PCICFG_ADDR), width 1, 2 or 4 and offset a multiple of it: the kernel's
 * is arch_pci_cfg_read/write (kernel/object/pcicfg.h, pcicfg_hw), the host
 * tests' a fake configuration space.
 */
struct pci_access {
	uint32_t (*read)(uint32_t addr, unsigned width);
	void (*write)(uint32_t addr, unsigned width, uint32_t value);
};

/* A function answers: vendor 0xFFFF is nothing there, and 0x0000 is no real vendor either. */
static inline int pci_function_present(uint32_t id)
{
	return (id & 0xFFFFu) != 0xFFFFu && (id & 0xFFFFu) != 0;
}

static inline uint32_t pci_read32(const struct pci_access *pa, uint32_t fn, uint32_t off)
{
	return pa->read(fn << 8 | off, 4);
}

#endif
