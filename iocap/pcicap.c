/*
 * pcicap.c - the capability list walk (pcicap.h).  The list is the
 * device's to lay out, so the walk trusts nothing in it: every pointer is
 * masked to a dword and must lie past the header, and the walk stops
 * after as many entries as the space can hold, so a list that points back
 * into itself ends.
 */
#include "iocap/pcicap.h"

#define CAP_FIRST 0x40u    /* the first byte after the header */
#define CAP_SPACE 0x100u

unsigned pcicap_list(const struct pci_access *pa, uint32_t fn, struct pcicap out[PCICAP_MAX])
{
	if (!(pci_read32(pa, fn, PCI_COMMAND) >> 16 & PCI_STATUS_CAPS))
		return 0;
	uint32_t at = pci_read32(pa, fn, PCI_CAP_PTR & ~3u) >> 8 * (PCI_CAP_PTR & 3u) & 0xFCu;
	unsigned n = 0;
	while (at >= CAP_FIRST && n < PCICAP_MAX) {
		uint32_t head = pci_read32(pa, fn, at);     /* ID, next pointer, control */
		if ((head & 0xFFu) == 0xFFu)
			break;
		out[n++] = (struct pcicap){ (uint8_t)head, (uint8_t)at };
		at = head >> 8 & 0xFCu;
	}
	return n;
}

uint16_t pcicap_control(const struct pci_access *pa, uint32_t fn, const struct pcicap *c)
{
	return (uint16_t)(pci_read32(pa, fn, c->offset) >> 16);
}

unsigned pcicap_msi_len(const struct pci_access *pa, uint32_t fn, const struct pcicap *c)
{
	unsigned len;
	if (c->id == PCI_CAP_MSIX) {
		len = 12;         /* header, control, table offset and BIR, PBA offset and BIR */
	} else if (c->id == PCI_CAP_MSI) {
		uint16_t ctl = pcicap_control(pa, fn, c);
		len = 10;         /* header, control, a 32-bit address, the data */
		if (ctl & PCI_MSI_64BIT)
			len += 4;     /* the address's high half */
		if (ctl & PCI_MSI_MASKING)
			len += 10;    /* reserved half to align, mask bits, pending bits */
	} else {
		return 0;
	}
	return c->offset + len > CAP_SPACE ? CAP_SPACE - c->offset : len;
}
