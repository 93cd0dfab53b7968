/*
 * iotss.h - which task's bitmap one CPU's TSS holds, and the switch that
 * brings it up to date.  Pure C so the host tests can drive the exact logic
 * the kernel runs at every task switch (kernel/taskio.c).
 *
 * The scheme (docs/iocap.md): a task without ports costs one store (the
 * caller points iomap_base past the TSS limit).  A holder costs one store if
 * this TSS already holds its bitmap at the same version; otherwise only the
 * bytes that differ from all-deny are rewritten (iobitmap_load).  Every
 * rebuild of a task's bitmap takes a fresh, never reused version, so a copy
 * made before a revoke, or for an earlier task in the same slot, never
 * matches.  With SMP each CPU keeps its own iotss; a revoke then only needs
 * the CPUs *running* the task to reload, since an idle copy is already stale.
 */
#ifndef IOCAP_IOTSS_H
#define IOCAP_IOTSS_H

#include <stdbool.h>
#include <stdint.h>

#include "iocap/iobitmap.h"

/* A task's built bitmap, as the switch sees it. */
struct iobm_view {
	const void *owner;             /* identifies the task (its slot) */
	uint32_t version;              /* changes whenever bm does; never 0 */
	const uint8_t *bm;             /* IOBITMAP_BYTES, built by iobitmap_build */
	struct iobitmap_extent ext;
};

struct iotss {
	uint8_t *bitmap;               /* the TSS's 8192 bytes (0xFF tail after) */
	struct iobitmap_extent loaded; /* every byte outside is 0xFF */
	const void *owner;             /* whose bitmap, at which version */
	uint32_t version;
	uint32_t loads;                /* bitmap rewrites, for tests and stats */
};

/* tss_bitmap must already be all 0xFF. */
void iotss_init(struct iotss *s, uint8_t *tss_bitmap);

/* iotss_switch's rewrite of the bitmap, out of line: the common cases need none. */
void iotss_load(struct iotss *s, const struct iobm_view *next, bool eager);

/*
 * Makes the TSS bitmap equal next->bm if next holds any port, and returns
 * whether it does: the caller then stores the bitmap offset, else the
 * "beyond the limit" offset.  eager: copy all 8192 bytes every time (the
 * naive scheme, kept for the benchmark's contrast).  Inline: it runs at
 * every task switch, and usually ends at the first test or two.
 */
static inline bool iotss_switch(struct iotss *s, const struct iobm_view *next, bool eager)
{
	if (iobitmap_extent_empty(&next->ext))
		return false;
	if (eager || s->owner != next->owner || s->version != next->version)
		iotss_load(s, next, eager);
	return true;
}

#endif
