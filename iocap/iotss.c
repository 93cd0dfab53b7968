/*
 * iotss.c - bringing one CPU's TSS bitmap up to date at a task switch:
 * the general case that iotss_switch (iotss.h) leaves out of line, and the
 * word lists it runs on, found when a bitmap is built.
 */
#include "iocap/iotss.h"
#include "lib/string.h"

void iotss_init(struct iotss *s, uint8_t *tss_bitmap, uint8_t *shared)
{
	s->bitmap = tss_bitmap;
	s->shared = shared;
	s->shared_gen = IOTSS_NO_GEN;
	s->loaded = (struct iobitmap_extent){ 0, 0 };
	s->version = 0;
	s->loads = 0;
	/*
	 * All 0xFF: nothing is open.  Said as word 0 open, which is all-deny
	 * like every word not open: putting it back to deny at the next switch
	 * is harmless, and spares the switch a test for an empty list.
	 */
	s->nopen = 1;
	s->open[0] = 0;
}

uint32_t iotss_list_words(const struct ioports *caps, int n, uint32_t *words)
{
	uint32_t k = 0;
	for (int i = 0; i < n; i++) {
		uint32_t lo, hi;
		if (!iobitmap_cap_opens(&caps[i], &lo, &hi))   /* the ports iobitmap_build opened */
			continue;
		uint32_t first = lo / 32, last = (hi - 1) / 32;
		if (last - first >= IOTSS_WORDS)
			return IOTSS_MANY;
		for (uint32_t w = first; w <= last; w++) {
			uint32_t j = 0;
			while (j < k && words[j] != w)
				j++;
			if (j < k)
				continue;       /* another cap's word too (the floppy's two blocks share one) */
			if (k == IOTSS_WORDS)
				return IOTSS_MANY;
			words[k++] = w;
		}
	}
	return k;
}

void iotss_load_shared(struct iotss *s, const struct iobm_view *next)
{
	memcpy(s->shared, next->bm, IOBITMAP_BYTES);
	s->shared_gen = next->shared_gen;
	s->loads++;
}

/* Listed words back to deny: then the TSS is all 0xFF outside an empty extent. */
static void deny_listed(struct iotss *s)
{
	iotss_word *tss = (iotss_word *)s->bitmap;
	for (uint32_t i = 0; i < s->nopen; i++)
		tss[s->open[i]] = 0xFFFFFFFFu;
	s->loaded = (struct iobitmap_extent){ 0, 0 };
}

enum iotss_mode iotss_load(struct iotss *s, const struct iobm_view *next)
{
	/* An eager view first: it is what iobitmap=eager measures, every switch. */
	if (next->eager) {
		if (s->nopen != IOTSS_MANY)
			deny_listed(s);
		memcpy(s->bitmap, next->bm, IOBITMAP_BYTES);
		/* Everything may now differ from 0xFF, so the next lazy load restores all. */
		s->loaded = (struct iobitmap_extent){ 0, IOBITMAP_BYTES };
		s->nopen = IOTSS_MANY;
	} else if (next->shared_gen) {
		iotss_load_shared(s, next);
		return IOTSS_SHARED;
	} else {
		/* Listed words go back to deny here; an extent is restored by iobitmap_load. */
		if (s->nopen != IOTSS_MANY)
			deny_listed(s);
		iobitmap_load(s->bitmap, &s->loaded, next->bm, &next->ext);
		/* s->loaded is next's extent; if next lists its words, the switch may move just those. */
		s->nopen = next->nwords;
		if (next->nwords <= IOTSS_WORDS)
			memcpy(s->open, next->words, sizeof(s->open));
		if (next->nwords == 0) {        /* no ports: nothing open, said as iotss_init says it */
			s->nopen = 1;
			s->open[0] = 0;
		}
	}
	s->loads++;
	/*
	 * Either way the TSS now holds next's bitmap: the #GP path's question
	 * (is this CPU's copy the task's?) must hear yes, or it reloads and
	 * retries the faulting instruction for ever.
	 */
	s->version = next->version;
	return IOTSS_OWN;
}
