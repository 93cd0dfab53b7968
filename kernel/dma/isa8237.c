/*
 * isa8237.c - the ISA DMA engine: plays back the port writes isarange.c
 * derives from a checked transfer, masks a channel to stop it, and keeps
 * each channel's terminal count.  Every 8237 port is the kernel's
 * (docs/dma.md), so nothing else reprograms a channel between these
 * writes, and the big lock serialises the CPUs.
 *
 * Reading a controller's status register clears the terminal-count bits
 * of all four of its channels, so one channel's read would lose another's
 * end of transfer: every read is folded into a per-controller latch, and
 * a channel's bit is cleared there only when it starts again.
 */
#include "kernel/dma/isa8237.h"
#include "arch/i386/arch.h"
#include "kernel/lib.h"

static uint8_t tc_latch[2];   /* the controllers' TC bits read so far: [0] channels 0-3, [1] 5-7 */

static unsigned ctl(unsigned chan)
{
	return chan >= 4;
}

static unsigned read_status(unsigned chan)
{
	uint8_t s = arch_isa_dma_in(isa_status_port(chan));
	tc_latch[ctl(chan)] |= s & 0x0F;
	return isa_status_bits(chan, (uint8_t)((s & 0xF0) | tc_latch[ctl(chan)]));
}

unsigned isa8237_init(void)
{
	unsigned found = 0;
	for (unsigned c = 0; c < 8; c++) {
		if (c == 4)
			continue;   /* the cascade: masking it would stop channels 0-3 */
		struct isa_out m = isa_mask(c);
		arch_isa_dma_out(m.port, m.val);
		found |= 1u << c;
	}
	(void)arch_isa_dma_in(isa_status_port(0));   /* stale TC bits from the firmware */
	(void)arch_isa_dma_in(isa_status_port(5));
	return found;
}

void isa8237_start(const struct isa_xfer *x)
{
	KASSERT(isa_check(x) == 0);
	struct isa_out o[ISA_PROG_MAX];
	unsigned n = isa_program(x, o);
	/* The first write masks the channel: a TC read after it belongs to the old transfer. */
	arch_isa_dma_out(o[0].port, o[0].val);
	(void)read_status(x->chan);
	tc_latch[ctl(x->chan)] &= (uint8_t)~(1u << (x->chan & 3));
	for (unsigned i = 1; i < n; i++)
		arch_isa_dma_out(o[i].port, o[i].val);
}

unsigned isa8237_stop(unsigned chan)
{
	struct isa_out m = isa_mask(chan);
	arch_isa_dma_out(m.port, m.val);
	return read_status(chan);
}

unsigned isa8237_status(unsigned chan)
{
	return read_status(chan);
}
