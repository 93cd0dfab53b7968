/*
 * pciguard.c - the PCI configuration access and write rules (pciguard.h).
 * A write is judged byte by byte, so that no width or alignment can reach
 * a kept byte by starting beside it (a dword at 0x04 writes COMMAND too).
 * The MSI structures move with the device's capability list, so they are
 * found again, by the bounded walk of iocap/pcicap.c, before every write.
 */
#include "iocap/pciguard.h"
#include "iocap/pcicap.h"
#include "abi/errno.h"

int pciguard_access(uint32_t addr, uint32_t width)
{
	if (addr >= 1u << 24)
		return -E_RANGE;
	if ((width != 1 && width != 2 && width != 4) || pciguard_offset(addr) % width != 0)
		return -E_INVAL;
	return 0;
}

/*
 * Kept whatever the header type, so the rule needs no read of it: in a
 * type 0 header 0x10-0x27 are the BARs, 0x28-0x2F the CardBus CIS pointer
 * and subsystem IDs (read-only), 0x30-0x33 the expansion ROM BAR and
 * 0x38-0x3B reserved; in a type 1 (PCI-to-PCI bridge) header 0x10-0x17
 * are its BARs, 0x18-0x1B its bus numbers, 0x1C-0x1D and 0x30-0x33 its
 * I/O window, 0x20-0x2F its memory and prefetchable windows (0x1E-0x1F,
 * the secondary status, come with them) and 0x38-0x3B its ROM BAR.  A
 * window says which addresses the bridge forwards: moved, it hands a
 * device behind it addresses another device or the kernel decodes, and a
 * bus number moved re-routes configuration cycles.
 */
static int kept_byte(uint32_t offset)
{
	return (offset >= 0x10 && offset <= 0x33) || (offset >= 0x38 && offset <= 0x3B);
}

static int msi_byte(const struct pciguard_now *now, uint32_t offset)
{
	return now->msi[offset / 8] >> (offset % 8) & 1;
}

void pciguard_now_read(const struct pci_access *pa, uint32_t fn, struct pciguard_now *now)
{
	struct pcicap caps[PCICAP_MAX];
	*now = (struct pciguard_now){ (uint16_t)pci_read32(pa, fn, PCI_COMMAND), { 0 } };
	unsigned n = pcicap_list(pa, fn, caps);
	for (unsigned i = 0; i < n; i++) {
		unsigned len = pcicap_msi_len(pa, fn, &caps[i]);
		for (unsigned b = caps[i].offset; b < caps[i].offset + len; b++)
			now->msi[b / 8] |= (uint8_t)(1u << (b % 8));
	}
}

int pciguard_write(uint32_t addr, uint32_t width, uint32_t value, const struct pciguard_now *now)
{
	int r = pciguard_access(addr, width);
	if (r)
		return r;
	uint32_t off = pciguard_offset(addr);
	for (uint32_t i = 0; i < width; i++) {
		uint32_t byte = (value >> (8 * i)) & 0xFFu;
		if (kept_byte(off + i) || msi_byte(now, off + i))
			return -E_PERM;
		/* Set, a device masters the bus unchecked; cleared, the kernel's engine stops. */
		if (off + i == PCI_COMMAND && ((byte ^ now->command) & PCI_CMD_BME))
			return -E_PERM;
	}
	return 0;
}
