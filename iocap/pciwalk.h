/*
 * pciwalk.h - every present PCI function, found the way firmware numbered
 * them: bus 0, then each bus a bridge leads to, each bus once.  The
 * kernel's boot scan (kernel/dma/busmaster.c) and the ring-3 pci driver
 * (drivers/pci) both walk with it, each through its own accessor, so
 * neither probes 256 buses (8,192 reads, each a system call for the
 * driver).  Pure C, host-tested (tests/unit/test_busmaster.c).
 */
#ifndef IOCAP_PCIWALK_H
#define IOCAP_PCIWALK_H

#include <stdint.h>

#include "iocap/pcireg.h"

/*
 * Calls visit(ctx, fn, id, header) for each present function (fn = bus << 8
 * | dev << 3 | func; id and header the dwords at 0x00 and 0x0C), in bus
 * order of discovery, then device and function order.  A bridge's (type 1)
 * or CardBus bridge's (type 2) secondary bus is walked after, unless seen
 * already (an unnumbered bridge says 0; a bad one may point back).
 */
void pci_walk(const struct pci_access *pa,
	      void (*visit)(void *ctx, uint32_t fn, uint32_t id, uint32_t header), void *ctx);

#endif
