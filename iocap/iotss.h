/*
 * iotss.h - which task's bitmap one CPU's TSS holds, and the switch that
 * brings it up to date.  Pure C so the host tests can drive the exact logic
 * the kernel runs at every task switch (kernel/object/taskio.c).
 *
 * The scheme (docs/iocap.md): a task without ports costs one store (the
 * caller points iomap_base past the TSS limit).  A holder costs one store if
 * this TSS already holds its bitmap at the same version; otherwise only the
 * bytes that differ from all-deny are rewritten (iobitmap_load).  Every
 * rebuild of a task's bitmap takes a fresh version from one counter for
 * all tasks, so a copy made before a revoke, for an earlier task in the
 * same slot, or for another task, never matches: the version alone says
 * whose bitmap a TSS holds.  With SMP each CPU keeps its own iotss; a revoke then only needs
 * the CPUs *running* the task to reload, since an idle copy is already stale.
 *
 * A holder of the whole port space (init, a supervisor, the benchmarks)
 * has one bitmap whoever it is: every port but the kernel's.  Each TSS
 * keeps that one in a second area, written once per CPU and registry
 * generation, and such a task costs one store at a switch, like a task
 * without ports, instead of the 8 KiB its extent spans.
 */
#ifndef IOCAP_IOTSS_H
#define IOCAP_IOTSS_H

#include <stdbool.h>
#include <stdint.h>

#include "iocap/iobitmap.h"

/* A task's built bitmap, as the switch sees it. */
struct iobm_view {
	uint32_t version;              /* changes whenever bm does, from one counter for every task:
					  it alone says whose bitmap at which state; never 0 */
	const uint8_t *bm;             /* IOBITMAP_BYTES, built by iobitmap_build */
	struct iobitmap_extent ext;
	uint32_t word;                 /* ext lies in this 32-bit word of bm, or IOTSS_NO_WORD */
	uint32_t shared_gen;           /* bm is every port but the kernel's, of this generation; 0: not
					  (never set when switches are eager: those copy everything) */
};

#define IOTSS_NO_WORD 0xFFFFFFFFu
#define IOTSS_NO_GEN  0xFFFFFFFFu     /* no shared area written: no view's shared_gen (0 or a generation) matches */

struct iotss {
	uint8_t *bitmap;               /* the TSS's 8192 bytes (0xFF tail after) */
	struct iobitmap_extent loaded; /* every byte outside is 0xFF (kept only while loaded_word is IOTSS_NO_WORD) */
	uint32_t version;              /* whose bitmap at which state (the view's version) */
	uint32_t loads;                /* bitmap rewrites, for tests and stats */
	uint32_t loaded_word;          /* every byte outside this word is 0xFF, or IOTSS_NO_WORD */
	uint8_t *shared;               /* the TSS's second area: every port but the kernel's */
	uint32_t shared_gen;           /* ... of this generation (IOTSS_NO_GEN: not written yet) */
};

/* Which of the TSS's bitmaps ring 3's port checks read (the caller points iomap_base). */
enum iotss_mode { IOTSS_OFF, IOTSS_OWN, IOTSS_SHARED };

/* tss_bitmap must already be all 0xFF; shared (IOBITMAP_BYTES) is written before its first use. */
void iotss_init(struct iotss *s, uint8_t *tss_bitmap, uint8_t *shared);

/*
 * Makes the TSS hold next's bitmap whatever it held before (eager: copies
 * all 8 KiB).  The general case of iotss_switch.
 */
void iotss_load(struct iotss *s, const struct iobm_view *next, bool eager);

/* A task's view of the bitmap it has just built (fills in word; shared_gen 0). */
void iotss_view_init(struct iobm_view *v, uint32_t version, const uint8_t *bm,
		     struct iobitmap_extent ext);

/* The word at a time that the short path moves (the TSS bitmap and the built ones are aligned). */
typedef uint32_t __attribute__((may_alias)) iotss_word;

/* Makes s's shared area next's bitmap (next->shared_gen != 0): once per generation. */
void iotss_load_shared(struct iotss *s, const struct iobm_view *next);

/*
 * At a switch to next: which bitmap ring 3 is to use (the caller points
 * iomap_base at it, or past the TSS limit for IOTSS_OFF).  A whole-space
 * holder gets the shared area, and the TSS's own bitmap keeps what it
 * held.  A current copy is left alone.  When the old and the new ports each lie in one 32-bit word
 * of the bitmap (a driver with one block of ports, the common case), the
 * switch itself puts the old word back to "deny" and copies the new one:
 * every byte outside an extent is 0xFF in the TSS and in the built bitmap
 * alike, so moving whole words is exact.  Anything larger pays for
 * iotss_load's call and run logic.
 */
static inline enum iotss_mode iotss_switch(struct iotss *s, const struct iobm_view *next, bool eager)
{
	if (iobitmap_extent_empty(&next->ext))
		return IOTSS_OFF;
	/* One compare: an own view's 0 never equals a generation or IOTSS_NO_GEN. */
	if (next->shared_gen == s->shared_gen)
		return IOTSS_SHARED;
	if (!eager && s->version == next->version)
		return IOTSS_OWN;
	uint32_t w = next->word, ow = s->loaded_word;
	/*
	 * A shared view spans every word (IOTSS_NO_WORD): the word path below
	 * never sees one.  A word index is below 2^11, so the top bit of the
	 * two or-ed says whether either is IOTSS_NO_WORD: one test for both.
	 */
	_Static_assert(IOBITMAP_BYTES / 4 <= 0x80000000u && (IOTSS_NO_WORD & 0x80000000u), "word");
	if (eager || (int32_t)(w | ow) < 0) {
		if (next->shared_gen) {
			iotss_load_shared(s, next);
			return IOTSS_SHARED;
		}
		iotss_load(s, next, eager);
		return IOTSS_OWN;
	}
	iotss_word *tss = (iotss_word *)s->bitmap;
	tss[ow] = 0xFFFFFFFFu;
	tss[w] = ((const iotss_word *)next->bm)[w];
	s->loaded_word = w;                 /* (loaded is the word's, iotss_load knows) */
	s->version = next->version;
	s->loads++;
	return IOTSS_OWN;
}

#endif
