/*
 * iotss.h - which task's bitmap one CPU's TSS holds, and the switch that
 * brings it up to date.  Pure C so the host tests can drive the exact logic
 * the kernel runs at every task switch (kernel/object/taskio.c).
 *
 * The scheme (docs/iocap.md): a task without ports costs one store (the
 * caller points iomap_base past the TSS limit).  A holder costs one store if
 * this TSS already holds its bitmap at the same version; otherwise only the
 * bytes that differ from all-deny are rewritten: the few 32-bit words a
 * driver's ports lie in, by the switch itself, or else an extent
 * (iobitmap_load).  Every rebuild of a task's bitmap takes a fresh version
 * from one counter for all tasks, so a copy made before a revoke, for an
 * earlier task in the same slot, or for another task, never matches: the
 * version alone says whose bitmap a TSS holds.  With SMP each CPU keeps its own iotss; a revoke then only needs
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

/*
 * A view lists at most this many 32-bit words: enough for any two blocks
 * of ports (ATA's 0x1F0-0x1F7 and 0x3F6 are words 15 and 31) and for any
 * grant of up to 64 ports, which touches at most three words.
 */
#define IOTSS_WORDS 4
/* nwords, nopen: more words than IOTSS_WORDS: the extent path (iotss_load). */
#define IOTSS_MANY  (IOTSS_WORDS + 1)

/* A task's built bitmap, as the switch sees it. */
struct iobm_view {
	uint32_t version;              /* changes whenever bm does, from one counter for every task:
					  it alone says whose bitmap at which state; never 0 */
	const uint8_t *bm;             /* IOBITMAP_BYTES, built by iobitmap_build */
	struct iobitmap_extent ext;
	uint32_t nwords;               /* 1..IOTSS_WORDS: every 32-bit word of bm that is not all-deny
					  is one of words[0..nwords-1]; IOTSS_MANY: more, or a shared
					  or eager view; 0: no ports */
	uint32_t words[IOTSS_WORDS];   /* word indices (byte offset / 4) */
	uint32_t shared_gen;           /* bm is every port but the kernel's, of this generation; 0: not
					  (never set when switches are eager: those copy everything) */
	bool eager;                    /* loaded whole (8 KiB) at every switch, never trusted as
					  current: iobitmap=eager, for measuring (iotss_view_eager) */
};

#define IOTSS_NO_GEN  0xFFFFFFFFu     /* no shared area written: no view's shared_gen (0 or a generation) matches */

struct iotss {
	uint8_t *bitmap;               /* the TSS's 8192 bytes (0xFF tail after) */
	struct iobitmap_extent loaded; /* nopen == IOTSS_MANY: every byte outside is 0xFF */
	uint32_t version;              /* whose bitmap at which state (the view's version); 0: nobody's */
	uint32_t loads;                /* bitmap rewrites, for tests and stats */
	uint32_t nopen;                /* 1..IOTSS_WORDS: every byte outside words open[0..nopen-1] is
					  0xFF; IOTSS_MANY: every byte outside loaded is; never 0 */
	uint32_t open[IOTSS_WORDS];
	uint8_t *shared;               /* the TSS's second area: every port but the kernel's */
	uint32_t shared_gen;           /* ... of this generation (IOTSS_NO_GEN: not written yet) */
};

/* Which of the TSS's bitmaps ring 3's port checks read (the caller points iomap_base). */
/*
 * IOTSS_OWN2: a kernel may keep two iotss over two own areas of one TSS
 * and point iomap_base at the second's (kernel/object/taskio.h); the
 * switch itself never returns it.
 */
enum iotss_mode { IOTSS_OFF, IOTSS_OWN, IOTSS_SHARED, IOTSS_OWN2 };

/* tss_bitmap must already be all 0xFF; shared (IOBITMAP_BYTES) is written before its first use. */
void iotss_init(struct iotss *s, uint8_t *tss_bitmap, uint8_t *shared);

/* The word at a time that the switch moves (the TSS bitmap and the built ones are aligned). */
typedef uint32_t __attribute__((may_alias)) iotss_word;

/*
 * The 32-bit words of a bitmap built from caps[0..n-1] that may be open,
 * as a list for the switch: every word a cap with both rights covers, each
 * once, into words[0..k-1], k returned; IOTSS_MANY if that takes more
 * than IOTSS_WORDS.  Found from the caps, not the 8 KiB, so a rebuild
 * costs its caps: a word the kernel's ports close may be listed all-deny,
 * which costs the switch a store, never a port.
 */
uint32_t iotss_list_words(const struct ioports *caps, int n, uint32_t *words);

/*
 * A task's view of the bitmap bm it has just built from caps[0..n-1]: its
 * words listed (the extent's, when it spans at most IOTSS_WORDS words; else
 * iotss_list_words); shared_gen 0, not eager.  Inline: every grant and
 * revoke rebuilds a view, and one that opens nothing costs a few stores.
 * An all-deny word on a list costs the switch a store, never a port.
 */
static inline void iotss_view_init(struct iobm_view *v, uint32_t version, const uint8_t *bm,
				   struct iobitmap_extent ext, const struct ioports *caps, int n)
{
	v->version = version;
	v->bm = bm;
	v->ext = ext;
	v->shared_gen = 0;
	v->eager = false;
	if (iobitmap_extent_empty(&ext)) {
		v->nwords = 0;          /* no ports: the switch never reaches the lists */
		return;
	}
	/* An extent of a few words (one block, most grants) is listed whole without a look. */
	uint32_t first = ext.lo / 4, last = (ext.hi - 1) / 4;
	if (last - first >= IOTSS_WORDS) {
		/* One cap over that many words (a wide grant, the whole space) lists nothing. */
		v->nwords = n == 1 ? IOTSS_MANY : iotss_list_words(caps, n, v->words);
		return;
	}
	v->nwords = last - first + 1;
	for (uint32_t i = 0; i < v->nwords; i++)
		v->words[i] = first + i;
}

/* Makes v eager: every switch to it copies all 8 KiB (no word list; the caller shares nothing then). */
static inline void iotss_view_eager(struct iobm_view *v)
{
	v->eager = true;
	if (v->nwords)
		v->nwords = IOTSS_MANY;         /* the list path never sees it: iotss_load does */
}

/*
 * Makes the TSS hold next's bitmap whatever it held before (an eager view:
 * all 8 KiB), or its shared area next's when next is shared: which of the
 * two ring 3 is to use.  The general case of iotss_switch, out of line.
 */
enum iotss_mode iotss_load(struct iotss *s, const struct iobm_view *next);

/* Makes s's shared area next's bitmap (next->shared_gen != 0): once per generation. */
void iotss_load_shared(struct iotss *s, const struct iobm_view *next);

/*
 * At a switch to next: which bitmap ring 3 is to use (the caller points
 * iomap_base at it, or past the TSS limit for IOTSS_OFF).  A whole-space
 * holder gets the shared area, and the TSS's own bitmap keeps what it
 * held.  A current copy is left alone.
 *
 * When the TSS holds a list of words and next lists its words (a driver
 * with one or two blocks of ports, a grant of up to 64 ports: the common
 * case), the switch itself puts the old words back to "deny" and copies
 * the new ones, old first, so a word in both ends up copied: every byte
 * outside the listed words is 0xFF in the TSS and in the built bitmap
 * alike, so moving whole words is exact.  One word each way is the
 * straight path; longer lists branch off it.  Anything else (an extent on
 * either side, a shared view of a new generation, an eager view) pays for
 * iotss_load's call and run logic.
 */
static inline __attribute__((always_inline)) enum iotss_mode iotss_switch(struct iotss *s,
								       const struct iobm_view *next)
{
	if (iobitmap_extent_empty(&next->ext))
		return IOTSS_OFF;
	/* One compare: an own view's 0 never equals a generation or IOTSS_NO_GEN. */
	if (next->shared_gen == s->shared_gen)
		return IOTSS_SHARED;
	if (s->version == next->version && !next->eager)
		return IOTSS_OWN;
	iotss_word *tss = (iotss_word *)s->bitmap;
	const iotss_word *bm = (const iotss_word *)next->bm;
	uint32_t on = s->nopen, n = next->nwords, w;
	/* nopen and nwords are never 0 here: one test says both are one word (the common pair). */
	if (__builtin_expect((on | n) == 1, 1)) {
		tss[s->open[0]] = 0xFFFFFFFFu;
		w = next->words[0];
		tss[w] = bm[w];
		s->open[0] = w;
		s->version = next->version;
		s->loads++;
		return IOTSS_OWN;
	}
	/* nopen is never 0 (iotss_init); an extent (IOTSS_MANY) is iotss_load's. */
	if (on != 1) {
		if (on == IOTSS_MANY)
			goto load;
		tss[s->open[1]] = 0xFFFFFFFFu;
		if (on > 2) {
			tss[s->open[2]] = 0xFFFFFFFFu;
			if (on > 3)
				tss[s->open[3]] = 0xFFFFFFFFu;
		}
		s->nopen = 1;                   /* until the copy below says more */
	}
	tss[s->open[0]] = 0xFFFFFFFFu;
	/* n is never 0: next holds ports */
	if (n != 1) {
		if (n == IOTSS_MANY) {
			/*
			 * A shared view of a new generation, an extent, an
			 * eager view: the TSS is all-deny now, and nobody's.
			 */
			s->version = 0;
			goto load;
		}
		w = next->words[1];
		tss[w] = bm[w];
		s->open[1] = w;
		if (n > 2) {
			w = next->words[2];
			tss[w] = bm[w];
			s->open[2] = w;
			if (n > 3) {
				w = next->words[3];
				tss[w] = bm[w];
				s->open[3] = w;
			}
		}
		s->nopen = n;
	}
	w = next->words[0];
	tss[w] = bm[w];
	s->open[0] = w;
	_Static_assert(IOTSS_WORDS == 4, "the runs above");
	s->version = next->version;
	s->loads++;
	return IOTSS_OWN;
load:
	return iotss_load(s, next);
}

#endif
