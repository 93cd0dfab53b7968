/*
 * fake_memcap.c - kernel/object/frame.c's and kernel/dma/dmachan.c's
 * lifetime hooks for the host tests that link kernel/object/lifecycle.c
 * without the memory objects or DMA: those tests make no Untyped, Frame,
 * Mmio, DmaBuffer or DmaChan cap, so any hook being called is a failure.
 */
#include "kernel/dma/dmachan.h"
#include "kernel/object/frame.h"
#include "tests/unit/unit.h"

void memcap_gone(struct cspace *cs, uint32_t slot)
{
	(void)cs;
	ck_abort_msg("memcap_gone(slot %u) in a test without memory caps", slot);
}

void memcap_ref(const struct cap *c, int delta)
{
	(void)c;
	ck_abort_msg("memcap_ref(%d) in a test without memory caps", delta);
}

void dma_cap_gone(const struct cap *val, struct cspace *from, uint32_t slot)
{
	(void)val;
	(void)from;
	ck_abort_msg("dma_cap_gone(slot %u) in a test without DMA caps", slot);
}
