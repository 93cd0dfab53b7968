/*
 * kports.h - the kernel's one registry of the ports it owns
 * (iocap/ioowned.h): no cap_derive may name one, no task's bitmap opens
 * one, and io_in refuses them.  The fixed part is set in kmain before the
 * root task gets its caps; the IDE bus masters' registers are added when
 * the boot finds their BAR4.
 */
#ifndef KERNEL_KPORTS_H
#define KERNEL_KPORTS_H

#include <stdint.h>

#include "iocap/ioowned.h"

extern struct ioowned kports;

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
