/*
 * ioowned.h - the ports the kernel keeps for itself: no IoPorts cap may be
 * derived over one, and no task's bitmap ever opens one, whatever caps it
 * holds.  They are the registers that carry a physical address or steer a
 * DMA engine (the 8237, each IDE bus master's command and PRD pointer, PCI
 * configuration) and the devices the kernel drives itself (PIC, PIT, IMCR,
 * its debug console and the emulators' exit ports).  A driver that could
 * write one of them could point a device at any physical memory, or stop
 * the kernel's clock; docs/dma.md, "Owned registers and PCI configuration".
 *
 * Pure C: the kernel keeps one registry (kernel/object/kports.c), init's
 * manifest parser and the ring-3 tests read the fixed part, and the host
 * tests check every port.  The fixed part is IOOWNED_FIXED; ports found at
 * boot (an IDE bus master's BAR4) are added with ioowned_add before the
 * first task runs.
 */
#ifndef IOCAP_IOOWNED_H
#define IOCAP_IOOWNED_H

#include <stdbool.h>
#include <stdint.h>

#include "iocap/ioports.h"

/* X(first port, last port, what): the ports owned on every PC, whatever the boot finds. */
#define IOOWNED_FIXED(X)                                        \
	X(0x0000, 0x000F, "the 8237 DMA controller (channels 0-3)") \
	X(0x0020, 0x0021, "the master PIC")                     \
	X(0x0022, 0x0023, "the IMCR")                           \
	X(0x0040, 0x0043, "the PIT")                            \
	X(0x0081, 0x008F, "the 8237 page registers")            \
	X(0x00A0, 0x00A1, "the slave PIC")                      \
	X(0x00C0, 0x00DF, "the 8237 DMA controller (channels 4-7)") \
	X(0x00E9, 0x00E9, "the debug console")                  \
	X(0x00F4, 0x00F4, "QEMU's isa-debug-exit")              \
	X(0x0604, 0x0605, "QEMU's ACPI power-off")              \
	X(0x0CF8, 0x0CFF, "PCI configuration")                  \
	X(0x8900, 0x8900, "Bochs' power-off")

/* The fixed ranges plus room for each IDE bus master's two pairs of registers, and the 8237s A/B add. */
#define IOOWNED_MAX 24

struct ioowned_range {
	uint16_t first, last;          /* inclusive */
	const char *what;
};

struct ioowned {
	struct ioowned_range r[IOOWNED_MAX];
	int n;
};

/* o holds IOOWNED_FIXED and nothing else. */
void ioowned_init(struct ioowned *o);

/*
 * Adds ports first..last (inclusive) to o.  -E_RANGE if last < first or
 * last > 0xFFFF, -E_NOMEM if o is full; o is unchanged then.  An overlap
 * with a range already there is fine (owning a port twice is owning it).
 */
int ioowned_add(struct ioowned *o, uint32_t first, uint32_t last, const char *what);

/*
 * The range of o holding the lowest owned port in base..base+count-1, or 0
 * if none is owned; *port (if not null) is set to that port.  count 0 owns
 * nothing; the range is clamped to the port space.
 */
const struct ioowned_range *ioowned_first(const struct ioowned *o, uint32_t base, uint32_t count,
					  uint32_t *port);

/* True if any byte port..port+width-1 is owned. */
bool ioowned_touches(const struct ioowned *o, uint32_t port, uint32_t width);

/*
 * The same registry as a bit per port (set: owned), laid out like the TSS
 * bitmap: what the kernel's hot paths ask (a grant, io_in, every bitmap
 * build), at a cost that follows the range asked about, not the registry.
 */
#define IOOWNED_BITS_BYTES (IOPORTS_SPACE / 8)
void ioowned_bits(const struct ioowned *o, uint8_t bits[IOOWNED_BITS_BYTES]);
/* ioowned_touches on the bits: any of ports base..base+count-1 (clamped to the space) owned. */
bool ioowned_bits_touch(const uint8_t bits[IOOWNED_BITS_BYTES], uint32_t base, uint32_t count);

/*
 * The bytes of the bits that are not zero, in order: the few a bitmap
 * build must close (about 20; every owned port lies in one of them).
 */
struct ioowned_byte {
	uint16_t index;
	uint8_t mask;
};
#define IOOWNED_MAX_BYTES 64
/* The non-zero bytes of bits into out (at most max), in index order; their number, or -E_NOMEM. */
int ioowned_bytes(const uint8_t bits[IOOWNED_BITS_BYTES], struct ioowned_byte *out, int max);

/*
 * The model a task's bitmap must match: ioports_set_allows(caps, n, port,
 * width) and no byte of the access owned by the kernel.
 */
bool ioowned_allows(const struct ioowned *o, const struct ioports *caps, int n, uint32_t port,
		    uint32_t width);

#endif
