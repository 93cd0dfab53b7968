/*
 * dmachan.h - the DMA engines the kernel drives for ring-3 drivers and
 * the DmaChan caps that name them (kernel/dma/dmachan.c, docs/dma.md):
 * how an engine joins the table at boot, and what the cap tree and the
 * lifecycle tell it.
 */
#ifndef KERNEL_DMA_DMACHAN_H
#define KERNEL_DMA_DMACHAN_H

#include <stdint.h>
#include "abi/dma.h"
#include "kernel/dma/dmaspan.h"

struct cap;
struct cspace;
struct task;

/*
 * What one kind of engine does; each engine's index is its bit in a
 * DmaChan mask (abi/dma.h DMA_x).  The table checks what every engine
 * needs (the caps, each span inside its buffer, the right its direction
 * needs) and then asks the engine.
 */
struct dma_engine_ops {
	const char *name;
	/* The engine's own rules on a decoded request: 0 or E_x (positive). Changes nothing. */
	int (*check)(unsigned engine, const struct dma_req *req, const struct dma_span *span);
	/* Programs the engine from kernel memory and starts it; cannot fail (check said 0). */
	void (*start)(unsigned engine, const struct dma_req *req, const struct dma_span *span);
	/* Stops it at once; its status, for dma_stop to return (at most 0x7FFFFFFF). */
	uint32_t (*stop)(unsigned engine);
};

/* An engine the kernel found at boot (dma_boot's probes, before the root cap is made). */
void dma_engine_add(unsigned engine, const struct dma_engine_ops *ops);

/* Finds the engines and gives root ROOT_SLOT_DMA, a DmaChan naming all of them (none: no cap). */
void dma_boot(struct task *root);

/*
 * The lifecycle (kernel/object/lifecycle.c, docs/dma.md): a DmaChan cap
 * that leaves its slot stops the transfer started through it; the last
 * cap of a buffer a transfer uses stops that transfer.  Both before the
 * call that moved the cap returns.
 */
void dma_cap_gone(const struct cap *val, struct cspace *from, uint32_t slot);
/* cap_revoke on a DmaBuffer or DmaChan cap: the DMA it enabled stops too. */
void dma_cap_revoked(const struct cap *c);

#endif
