/*
 * iotss.c - bringing one CPU's TSS bitmap up to date at a task switch.
 */
#include "iocap/iotss.h"
#include "kernel/lib.h"

void iotss_init(struct iotss *s, uint8_t *tss_bitmap)
{
	s->bitmap = tss_bitmap;
	s->loaded = (struct iobitmap_extent){ 0, 0 };
	s->owner = 0;
	s->version = 0;
	s->loads = 0;
}

void iotss_load(struct iotss *s, const struct iobm_view *next, bool eager)
{
	s->loads++;
	if (eager) {
		memcpy(s->bitmap, next->bm, IOBITMAP_BYTES);
		/* Everything may now differ from 0xFF, so the next lazy load restores all. */
		s->loaded = (struct iobitmap_extent){ 0, IOBITMAP_BYTES };
		s->owner = 0;
		return;
	}
	iobitmap_load(s->bitmap, &s->loaded, next->bm, &next->ext);
	s->owner = next->owner;
	s->version = next->version;
}
