/*
 * pciwalk.c - the bus walk (pciwalk.h): a queue of buses, 256 at most,
 * each entered once.
 */
#include "iocap/pciwalk.h"
#include "abi/syscalls.h"

struct walk {
	uint8_t queue[256];
	uint32_t seen[256 / 32];
	unsigned tail;
};

static void found(const struct pci_access *pa, struct walk *w, uint32_t fn, uint32_t id,
		  uint32_t header, void (*visit)(void *, uint32_t, uint32_t, uint32_t), void *ctx)
{
	unsigned type = PCI_HEADER_TYPE(header);
	if (type == PCI_HEADER_BRIDGE || type == PCI_HEADER_CARDBUS) {
		uint32_t sec = pci_read32(pa, fn, PCI_SECONDARY & ~3u) >> 8 * (PCI_SECONDARY & 3u) & 0xFFu;
		if (!(w->seen[sec / 32] >> (sec % 32) & 1)) {
			w->seen[sec / 32] |= 1u << (sec % 32);
			w->queue[w->tail++] = (uint8_t)sec;
		}
	}
	visit(ctx, fn, id, header);
}

void pci_walk(const struct pci_access *pa,
	      void (*visit)(void *ctx, uint32_t fn, uint32_t id, uint32_t header), void *ctx)
{
	struct walk w = { .queue = { 0 }, .seen = { 1 }, .tail = 1 };   /* bus 0 */
	for (unsigned head = 0; head < w.tail; head++) {
		unsigned bus = w.queue[head];
		for (unsigned dev = 0; dev < 32; dev++) {
			uint32_t fn0 = PCICFG_FN(bus, dev, 0);
			uint32_t id = pci_read32(pa, fn0, PCI_ID);
			if (!pci_function_present(id))
				continue;
			uint32_t header = pci_read32(pa, fn0, PCI_HEADER);
			unsigned fns = PCI_HEADER_MULTI(header) ? 8 : 1;
			found(pa, &w, fn0, id, header, visit, ctx);
			for (unsigned f = 1; f < fns; f++) {
				uint32_t fn = PCICFG_FN(bus, dev, f);
				id = pci_read32(pa, fn, PCI_ID);
				if (pci_function_present(id))
					found(pa, &w, fn, id, pci_read32(pa, fn, PCI_HEADER), visit, ctx);
			}
		}
	}
}
