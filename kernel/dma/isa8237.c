/*
 * isa8237.c - the ISA DMA engine: each 8237 channel (0-3, 5-7) is one
 * engine of the DMA table (kernel/dma/dmachan.c, engine DMA_ISA(n)'s bit).
 * It checks a request with isarange.c, plays back the port writes
 * isarange.c derives from it, masks a channel to stop it, and keeps each
 * channel's terminal count.  Every 8237 port is the kernel's (docs/dma.md),
 * so nothing else reprograms a channel between these writes, and the big
 * lock serialises the CPUs.
 *
 * Reading a controller's status register clears the terminal-count bits
 * of all four of its channels, so one channel's read would lose another's
 * end of transfer: every read is folded into a per-controller latch, and
 * a channel's bit is cleared there only when it starts again.
 */
#include "kernel/dma/isa8237.h"
#include "arch/i386/arch.h"
#include "kernel/dma/dmachan.h"
#include "kernel/dma/isarange.h"
#include "kernel/lib.h"

#define ENGINE_ISA0 2u    /* DMA_ISA(n) is bit 2 + n: the engine index */

static uint8_t tc_latch[2];   /* the controllers' TC bits read so far: [0] channels 0-3, [1] 5-7 */

static unsigned ctl(unsigned chan)
{
	return chan >= 4;
}

static void out(struct isa_out o)
{
	arch_io_write(o.port, 1, o.val);
}

static unsigned read_status(unsigned chan)
{
	uint8_t s = (uint8_t)arch_io_read(isa_status_port(chan), 1);
	tc_latch[ctl(chan)] |= s & 0x0F;
	return isa_status_bits(chan, (uint8_t)((s & 0xF0) | tc_latch[ctl(chan)]));
}

/* The one segment the core placed inside its buffer, as isarange.c takes it. */
static struct isa_xfer xfer(unsigned engine, const struct dma_req *req, const struct dma_span *span)
{
	/* Every buffer in flight stays pinned until dma_stop: autoinit may run on it. */
	return (struct isa_xfer){ .chan = engine - ENGINE_ISA0, .to_device = req->dir == DMA_TO_DEVICE,
				  .mode = req->mode, .buf_pa = span->pa, .buf_len = span->len,
				  .offset = 0, .len = span->len, .pinned = 1 };
}

static int isa_eng_check(unsigned engine, const struct dma_req *req, const struct dma_span *span)
{
	if (req->nseg != 1)
		return E_INVAL;   /* one address and one count: nothing to chain */
	struct isa_xfer x = xfer(engine, req, span);
	return isa_check(&x);
}

static void isa_eng_start(unsigned engine, const struct dma_req *req, const struct dma_span *span)
{
	struct isa_xfer x = xfer(engine, req, span);
	KASSERT(isa_check(&x) == 0);
	struct isa_out o[ISA_PROG_MAX];
	unsigned n = isa_program(&x, o);
	/* The first write masks the channel: a TC read after it belongs to the old transfer. */
	out(o[0]);
	(void)read_status(x.chan);
	tc_latch[ctl(x.chan)] &= (uint8_t)~(1u << (x.chan & 3));
	for (unsigned i = 1; i < n; i++)
		out(o[i]);
}

static uint32_t isa_eng_stop(unsigned engine)
{
	unsigned chan = engine - ENGINE_ISA0;
	out(isa_mask(chan));
	return read_status(chan);
}

static const struct dma_engine_ops isa_ops = {
	.name = "ISA 8237", .check = isa_eng_check, .start = isa_eng_start, .stop = isa_eng_stop,
};

void isa8237_boot(void)
{
	/* Every channel masked: whatever the firmware left running stops. */
	for (unsigned c = 0; c < 8; c++)
		if (c != 4)   /* the cascade: masking it would stop channels 0-3 */
			out(isa_mask(c));
	(void)arch_io_read(isa_status_port(0), 1);   /* and its TC bits go */
	(void)arch_io_read(isa_status_port(5), 1);
	for (unsigned c = 0; c < 8; c++)
		if (c != 4)
			dma_engine_add(ENGINE_ISA0 + c, &isa_ops);
}
