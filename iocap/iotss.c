/*
 * iotss.c - bringing one CPU's TSS bitmap up to date at a task switch.
 */
#include "iocap/iotss.h"
#include "lib/string.h"

/* The word holding all of ext, or IOTSS_NO_WORD; any word if ext is empty. */
static uint32_t word_of(const struct iobitmap_extent *e)
{
	if (e->lo >= e->hi)
		return 0;
	return e->lo / 4 == (e->hi - 1) / 4 ? e->lo / 4 : IOTSS_NO_WORD;
}

void iotss_init(struct iotss *s, uint8_t *tss_bitmap, uint8_t *shared)
{
	s->bitmap = tss_bitmap;
	s->shared = shared;
	s->shared_gen = IOTSS_NO_GEN;
	s->loaded = (struct iobitmap_extent){ 0, 0 };
	s->version = 0;
	s->loads = 0;
	s->loaded_word = word_of(&s->loaded);
}

void iotss_view_init(struct iobm_view *v, uint32_t version, const uint8_t *bm,
		     struct iobitmap_extent ext)
{
	v->version = version;
	v->bm = bm;
	v->ext = ext;
	v->word = word_of(&ext);
	v->shared_gen = 0;
}

void iotss_load_shared(struct iotss *s, const struct iobm_view *next)
{
	memcpy(s->shared, next->bm, IOBITMAP_BYTES);
	s->shared_gen = next->shared_gen;
	s->loads++;
}

void iotss_load(struct iotss *s, const struct iobm_view *next, bool eager)
{
	s->loads++;
	/* On the word path only the word was kept: everything outside it is 0xFF. */
	if (s->loaded_word != IOTSS_NO_WORD)
		s->loaded = (struct iobitmap_extent){ s->loaded_word * 4, s->loaded_word * 4 + 4 };
	if (eager) {
		memcpy(s->bitmap, next->bm, IOBITMAP_BYTES);
		/* Everything may now differ from 0xFF, so the next lazy load restores all. */
		s->loaded = (struct iobitmap_extent){ 0, IOBITMAP_BYTES };
		s->loaded_word = IOTSS_NO_WORD;
	} else {
		iobitmap_load(s->bitmap, &s->loaded, next->bm, &next->ext);
		s->loaded_word = word_of(&s->loaded);
	}
	/*
	 * Either way the TSS now holds next's bitmap: the #GP path's question
	 * (is this CPU's copy the task's?) must hear yes, or it reloads and
	 * retries the faulting instruction for ever.
	 */
	s->version = next->version;
}
