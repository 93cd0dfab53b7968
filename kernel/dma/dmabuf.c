/*
 * dmabuf.c - DmaBuffer caps in a transfer.  A DmaBuffer is a Frame
 * (kernel/object/untyped.c carves it, kernel/object/frame.c maps it)
 * whose rights say what a device may do there: MEM_W lets the device
 * write it, MEM_R read it.  Here a segment a driver names (cap, offset,
 * length) becomes physical bytes only if they lie inside what the cap
 * covers, and a transfer pins the buffer's object (a count in it) so that
 * its pages cannot be freed while the device may still reach them.
 */
#include "kernel/dma/dmabuf.h"
#include "kernel/object/decode.h"
#include "kernel/lib.h"
#include "kernel/mm/memobj.h"

long dmabuf_decode_seg(const struct dma_seg *seg, unsigned dir, struct dma_span *span, struct memframe **buf)
{
	struct cap *c;
	long r = cap_decode(seg->buf_slot, CAP_DMABUF, 0, &c);
	if (r)
		return r;
	uint32_t size = c->mem.npages * MEM_PAGE;
	if (seg->len == 0)
		return user_refuse(E_INVAL, "a segment of zero bytes");
	/* Offset first, then the length against what is left: neither sum can wrap. */
	if (seg->offset >= size || seg->len > size - seg->offset)
		return user_refuse(E_RANGE, "a segment outside its buffer (or wrapping 2^32)");
	uint32_t need = dir == DMA_FROM_DEVICE ? MEM_W : MEM_R;
	if (!(c->mem.rights & need))
		return user_refuse(E_PERM, "the buffer cap lacks the right the direction needs");
	*span = (struct dma_span){ c->mem.base + seg->offset, seg->len, c->mem.rights };
	*buf = c->mem.obj;
	return 0;
}

void dmabuf_pin(struct memframe *f)
{
	f->pins++;
}

void dmabuf_unpin(struct memframe *f)
{
	KASSERT(f->pins > 0);
	f->pins--;
}

int dmabuf_pinned(const struct cap *c)
{
	const struct memframe *f = c->mem.obj;
	return c->type == CAP_DMABUF && f->pins > 0;
}

/*
 * Called while the cap is leaving its slot, before its reference is
 * dropped (kernel/object/cap.h: cap_gone_hook runs first); a move keeps
 * the count, so refs == 1 is the last cap in every case.
 */
int dmabuf_last_pinned_cap(const struct cap *c)
{
	const struct memframe *f = c->mem.obj;
	return dmabuf_pinned(c) && f->refs == 1;
}
