/*
 * dmachan.c - DmaChan caps and the calls that drive a DMA engine:
 * dma_start and dma_stop (docs/dma.md).  The table holds, per engine,
 * who may drive it (the kind's ops, or none: not found at boot) and the
 * transfer in flight: the DmaChan cap it was started through and the
 * buffers it pins.  A transfer stays in flight from dma_start to
 * dma_stop whatever the device did meanwhile: the kernel cannot know when
 * a device is done with memory, so the driver says so, and until then
 * the engine is busy and its buffers cannot be freed.  Whatever ends the
 * authority behind a transfer - its DmaChan cap leaving its slot, the
 * last cap of one of its buffers leaving, a revoke of either, the driver
 * dying with its caps - stops the engine first (dma_cap_gone).  The big
 * kernel lock makes every one of these a single step on any CPU.
 */
#include "kernel/dma/dmachan.h"
#include "kernel/dma/busmaster.h"
#include "kernel/dma/dmabuf.h"
#include "kernel/dma/ide_bm.h"
#include "kernel/dma/isa8237.h"
#include "kernel/object/decode.h"
#include "kernel/object/pcicfg.h"
#include "kernel/lib.h"
#include "kernel/mm/memobj.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/task.h"

struct dma_engine {
	const struct dma_engine_ops *ops;      /* 0: the kernel found no such engine */
	int busy;                              /* a transfer is in flight */
	struct cspace *chan_cs;                /* where the DmaChan cap it was started through was */
	uint32_t chan_slot;
	unsigned nbuf;
	struct memframe *buf[DMA_MAX_SEGS];    /* what it pins, one entry per segment */
};

static struct dma_engine engines[DMA_ENGINES];

void dma_engine_add(unsigned engine, const struct dma_engine_ops *ops)
{
	KASSERT(engine < DMA_ENGINES && !engines[engine].ops);
	engines[engine].ops = ops;
	kprintf("dma: engine %u (%s)\n", engine, ops->name);
}

/* Ends the transfer on e: the engine stops, its buffers are free to go.  The engine's status. */
static uint32_t engine_stop(struct dma_engine *e)
{
	KASSERT(e->busy);
	uint32_t status = e->ops->stop((unsigned)(e - engines));
	for (unsigned i = 0; i < e->nbuf; i++)
		dmabuf_unpin(e->buf[i]);
	e->busy = 0;
	e->nbuf = 0;
	e->chan_cs = 0;
	return status & 0x7FFFFFFFu;
}

/* The DmaChan cap in slot and the one engine it names. */
static long decode_chan(uint32_t slot, struct dma_engine **e)
{
	struct cap *c;
	long r = cap_decode(slot, CAP_DMACHAN, 0, &c);
	if (r)
		return r;
	uint32_t m = c->dma_mask;
	if (m & (m - 1))
		return user_refuse(E_INVAL, "the DmaChan cap names more than one engine");
	/* A DmaChan names only engines found at boot: the root's names them all, and a mint narrows. */
	KASSERT(m && __builtin_ctz(m) < (int)DMA_ENGINES && engines[__builtin_ctz(m)].ops);
	*e = &engines[__builtin_ctz(m)];
	return 0;
}

/*
 * dma_start(chan_slot, req): decodes in a fixed order - the DmaChan cap,
 * the request (copied in once: the kernel never reads it twice), its
 * direction and segment count, each segment against its buffer cap, the
 * engine's own rules, and last whether the engine is free - then pins the
 * buffers and starts the engine, which cannot fail.
 */
SYSCALL(dma_start)
{
	struct dma_engine *e;
	struct dma_req req;
	struct dma_span span[DMA_MAX_SEGS];
	struct memframe *buf[DMA_MAX_SEGS];
	long r = decode_chan(a->chan_slot, &e);
	if (r)
		return r;
	if (copyin(&current()->as, &req, a->req, sizeof(req)))
		return user_error(E_FAULT);
	if (req.dir != DMA_TO_DEVICE && req.dir != DMA_FROM_DEVICE)
		return user_refuse(E_INVAL, "dir is neither DMA_TO_DEVICE nor DMA_FROM_DEVICE");
	if (req.nseg == 0 || req.nseg > DMA_MAX_SEGS)
		return user_refuse(E_INVAL, "nseg is 0 or more than DMA_MAX_SEGS");
	for (unsigned i = 0; i < req.nseg; i++)
		if ((r = dmabuf_decode_seg(&req.seg[i], req.dir, &span[i], &buf[i])))
			return r;
	unsigned idx = (unsigned)(e - engines);
	int bad = e->ops->check(idx, &req, span);
	if (bad)
		return user_refuse((enum pc_error)bad, "the engine's own rules (docs/dma.md)");
	if (e->busy)
		return user_refuse(E_BUSY, "a transfer is in flight on this engine");

	for (unsigned i = 0; i < req.nseg; i++) {
		dmabuf_pin(buf[i]);
		e->buf[i] = buf[i];
	}
	e->nbuf = req.nseg;
	e->busy = 1;
	e->chan_cs = &current()->cs;
	e->chan_slot = a->chan_slot;
	e->ops->start(idx, &req, span);
	return 0;
}

/* dma_stop(chan_slot): stops the engine and ends its transfer; the engine's status. */
SYSCALL(dma_stop)
{
	struct dma_engine *e;
	long r = decode_chan(a->chan_slot, &e);
	if (r)
		return r;
	if (!e->busy)
		return user_refuse(E_STATE, "no transfer in flight on this engine");
	return (long)engine_stop(e);
}

/* Every transfer started through the DmaChan cap that was in (cs, slot). */
static void stop_chan(const struct cspace *cs, uint32_t slot)
{
	for (unsigned i = 0; i < DMA_ENGINES; i++)
		if (engines[i].busy && engines[i].chan_cs == cs && engines[i].chan_slot == slot)
			engine_stop(&engines[i]);
}

/* Every transfer that pins the buffer f. */
static void stop_buf(const struct memframe *f)
{
	for (unsigned i = 0; i < DMA_ENGINES; i++)
		for (unsigned k = 0; engines[i].busy && k < engines[i].nbuf; k++)
			if (engines[i].buf[k] == f)
				engine_stop(&engines[i]);
}

void dma_cap_gone(const struct cap *val, struct cspace *from, uint32_t slot)
{
	if (val->type == CAP_DMACHAN)
		stop_chan(from, slot);
	else if (val->type == CAP_DMABUF && dmabuf_last_pinned_cap(val))
		stop_buf(val->mem.obj);
}

void dma_cap_revoked(const struct cap *c)
{
	if (c->type == CAP_DMACHAN)
		stop_chan(c->space, (uint32_t)(c - c->space->slot));
	else if (dmabuf_pinned(c))
		stop_buf(c->mem.obj);
}

void dma_space_reset(const struct cspace *cs)
{
	for (unsigned i = 0; i < DMA_ENGINES; i++)
		if (engines[i].busy && engines[i].chan_cs == cs)
			engine_stop(&engines[i]);
}

void dma_boot(struct task *root)
{
	uint32_t mask = 0;
	busmaster_all_off(&pcicfg_hw);  /* first: then only the engines the kernel checks master the bus */
	ide_bm_boot(&pcicfg_hw);
	isa8237_boot();
	for (unsigned i = 0; i < DMA_ENGINES; i++)
		if (engines[i].ops)
			mask |= 1u << i;
	if (!mask)
		return;
	struct cap val = { .type = CAP_DMACHAN, .dma_mask = mask };
	cap_install_root(&root->cs.slot[ROOT_SLOT_DMA], &val);
}
