/*
 * kports.h - the kernel's one registry of the ports it owns
 * (iocap/ioowned.h): no cap_derive may name one, no task's bitmap opens
 * one, and io_in refuses them.  The fixed part is set in kmain before the
 * root task gets its caps; the IDE bus masters' registers are added when
 * the boot finds their BAR4.
 */
#ifndef KERNEL_KPORTS_H
#define KERNEL_KPORTS_H

#include <stdbool.h>
#include <stdint.h>

#include "iocap/ioowned.h"

extern struct ioowned kports;
/* The same ports, a bit each (ioowned_bits): what grants, io_in and bitmap builds ask. */
extern uint8_t kports_bits[IOOWNED_BITS_BYTES];

/* Its non-zero bytes (ioowned_bytes): what every bitmap build closes. */
extern struct ioowned_byte kports_bytes[IOOWNED_MAX_BYTES];
extern int kports_nbytes;
/* Counts the registry's changes from 1: a whole-space holder's bitmap is of one generation. */
extern uint32_t kports_gen;

/* Any of ports base..base+count-1 owned by the kernel (a grant). */
static inline bool kports_touch(uint32_t base, uint32_t count)
{
	return ioowned_bits_touch(kports_bits, base, count);
}

/* An access of width 1, 2 or 4 at port < 0x10000 touches an owned port (io_in: two bytes, one shift). */
static inline bool kports_touch_access(uint32_t port, uint32_t width)
{
	uint32_t i = port / 8;
	uint32_t two = kports_bits[i] | (i + 1 < IOOWNED_BITS_BYTES ? (uint32_t)kports_bits[i + 1] << 8 : 0);
	return (two >> (port % 8)) & ((1u << width) - 1);
}

/* kports holds IOOWNED_FIXED (kmain, before any task exists). */
void kports_boot(void);

/*
 * Owns first..last (inclusive) from now on; for the ports the kernel finds
 * at boot.  Every live task's bitmap is marked for a rebuild, which the
 * caller's next caps_commit() does, so a port added after tasks exist is
 * closed as well.  Returns 0 or -E_RANGE / -E_NOMEM (ioowned_add).
 */
int kports_add(uint32_t first, uint32_t last, const char *what);

#endif
