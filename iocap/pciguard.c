/*
 * pciguard.c - the PCI configuration access and write rules (pciguard.h).
 * A write is judged byte by byte, so that no width or alignment can reach
 * a kept byte by starting beside it (a dword at 0x04 writes COMMAND too).
 */
#include "iocap/pciguard.h"
#include "abi/errno.h"

int pciguard_access(uint32_t addr, uint32_t width)
{
	if (addr >= 1u << 24)
		return -E_RANGE;
	if ((width != 1 && width != 2 && width != 4) || pciguard_offset(addr) % width != 0)
		return -E_INVAL;
	return 0;
}

/* The BARs, the expansion ROM BAR, and a bridge's ROM BAR (reserved in a type 0 header). */
static int kept_byte(uint32_t offset)
{
	return (offset >= 0x10 && offset <= 0x27) || (offset >= 0x30 && offset <= 0x33) ||
	       (offset >= 0x38 && offset <= 0x3B);
}

int pciguard_write(uint32_t addr, uint32_t width, uint32_t value)
{
	int r = pciguard_access(addr, width);
	if (r)
		return r;
	uint32_t off = pciguard_offset(addr);
	for (uint32_t i = 0; i < width; i++) {
		uint32_t byte = (value >> (8 * i)) & 0xFFu;
		if (kept_byte(off + i))
			return -E_PERM;
		if (off + i == PCIGUARD_COMMAND && (byte & PCIGUARD_BME))
			return -E_PERM;
	}
	return 0;
}
