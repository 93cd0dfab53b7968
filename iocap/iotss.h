/*
 * iotss.h - which task's bitmap one CPU's TSS holds, and the switch that
 * brings it up to date.  Pure C so the host tests can drive the exact logic
 * the kernel runs at every task switch (kernel/object/taskio.c).
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
	uint32_t word;                 /* ext lies in this 32-bit word of bm, or IOTSS_NO_WORD */
};

#define IOTSS_NO_WORD 0xFFFFFFFFu

struct iotss {
	uint8_t *bitmap;               /* the TSS's 8192 bytes (0xFF tail after) */
	struct iobitmap_extent loaded; /* every byte outside is 0xFF */
	const void *owner;             /* whose bitmap, at which version */
	uint32_t version;
	uint32_t loads;                /* bitmap rewrites, for tests and stats */
	uint32_t loaded_word;          /* every byte outside this word is 0xFF, or IOTSS_NO_WORD */
};

/* tss_bitmap must already be all 0xFF. */
void iotss_init(struct iotss *s, uint8_t *tss_bitmap);

/*
 * Makes the TSS hold next's bitmap whatever it held before (eager: copies
 * all 8 KiB).  The general case of iotss_switch.
 */
void iotss_load(struct iotss *s, const struct iobm_view *next, bool eager);

/* A task's view of the bitmap it has just built (fills in word). */
void iotss_view_init(struct iobm_view *v, const void *owner, uint32_t version, const uint8_t *bm,
		     struct iobitmap_extent ext);

/* The word at a time that the short path moves (the TSS bitmap and the built ones are aligned). */
typedef uint32_t __attribute__((may_alias)) iotss_word;

/*
 * At a switch to next: true if next holds ports (the caller then points
 * iomap_base at the bitmap, else past the TSS limit).  A current copy is
 * left alone.  When the old and the new ports each lie in one 32-bit word
 * of the bitmap (a driver with one block of ports, the common case), the
 * switch itself puts the old word back to "deny" and copies the new one:
 * every byte outside an extent is 0xFF in the TSS and in the built bitmap
 * alike, so moving whole words is exact.  Anything larger pays for
 * iotss_load's call and run logic.
 */
static inline bool iotss_switch(struct iotss *s, const struct iobm_view *next, bool eager)
{
	if (iobitmap_extent_empty(&next->ext))
		return false;
	if (!eager && s->owner == next->owner && s->version == next->version)
		return true;
	uint32_t w = next->word, ow = s->loaded_word;
	if (eager || w == IOTSS_NO_WORD || ow == IOTSS_NO_WORD) {
		iotss_load(s, next, eager);
		return true;
	}
	iotss_word *tss = (iotss_word *)s->bitmap;
	tss[ow] = 0xFFFFFFFFu;
	tss[w] = ((const iotss_word *)next->bm)[w];
	s->loaded_word = w;
	s->loaded = next->ext;
	s->owner = next->owner;
	s->version = next->version;
	s->loads++;
	return true;
}

#endif
