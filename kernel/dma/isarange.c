/*
 * isarange.c - what the kernel checks before it lets the 8237 run, and
 * the exact port writes that start it (the 8237's registers: Intel 8237A
 * data sheet; the IBM PC/AT's page registers and second, word-wide
 * controller for channels 5-7).  Pure: tests/unit/test_isarange.c.
 *
 * The 8237 counts a 16-bit address and the page register supplies the
 * bits above it without carrying into them, so a transfer that crosses a
 * 64 KiB boundary (128 KiB on the word channels, whose address is in
 * words) wraps to the start of its page: memory outside the buffer.  It
 * drives 24 address lines, so nothing above 16 MiB is reachable, and
 * anything above would alias low memory.  Decrement runs the transfer
 * backwards from its address, below the buffer.  Autoinit reloads the
 * registers at the end and runs again forever, so it is allowed only on
 * a buffer that stays pinned until dma_stop.
 */
#include "kernel/dma/isarange.h"

/* Per channel (index 0-7; 4 is the cascade and never valid). */
static const uint8_t page_port[8] = { 0x87, 0x83, 0x81, 0x82, 0, 0x8B, 0x89, 0x8A };

static int word_chan(unsigned chan)
{
	return chan >= 4;
}

/* The controller's command ports: status, single mask, mode, clear flip-flop. */
static uint16_t ctl_port(unsigned chan, unsigned reg8)
{
	return word_chan(chan) ? (uint16_t)(0xC0 + 2 * reg8) : (uint16_t)reg8;
}
#define REG_STATUS 0x08
#define REG_MASK   0x0A
#define REG_MODE   0x0B
#define REG_FLIP   0x0C

static uint16_t addr_port(unsigned chan)
{
	return word_chan(chan) ? (uint16_t)(0xC0 + 4 * (chan & 3)) : (uint16_t)(2 * chan);
}

static uint16_t count_port(unsigned chan)
{
	return word_chan(chan) ? (uint16_t)(addr_port(chan) + 2) : (uint16_t)(addr_port(chan) + 1);
}

int isa_check(const struct isa_xfer *x)
{
	if (x->chan > 7 || x->chan == 4)
		return E_INVAL;
	unsigned kind = x->mode & DMA_ISA_KIND;
	if (kind == DMA_ISA_KIND || (x->mode & ~(DMA_ISA_KIND | DMA_ISA_AUTOINIT)))
		return E_INVAL;                   /* cascade, decrement, and every bit the ABI does not name */
	if ((x->mode & DMA_ISA_AUTOINIT) && !x->pinned)
		return E_INVAL;
	if (x->len == 0)
		return E_INVAL;
	/* The buffer's parity with the offset's: a word channel's address counts words. */
	if (word_chan(x->chan) && (((x->buf_pa + x->offset) | x->len) & 1))
		return E_INVAL;
	/* Range and wrap, each as a subtraction that cannot overflow. */
	if (x->offset > x->buf_len || x->len > x->buf_len - x->offset)
		return E_RANGE;
	if (x->buf_pa >= ISA_DMA_LIMIT || x->buf_len > ISA_DMA_LIMIT - x->buf_pa)
		return E_RANGE;
	uint32_t first = x->buf_pa + x->offset, last = first + x->len - 1;
	unsigned shift = word_chan(x->chan) ? 17 : 16;
	if (first >> shift != last >> shift)
		return E_RANGE;
	return 0;
}

unsigned isa_program(const struct isa_xfer *x, struct isa_out out[ISA_PROG_MAX])
{
	unsigned c = x->chan, n = 0, sel = c & 3;
	uint32_t pa = x->buf_pa + x->offset;
	uint32_t addr = word_chan(c) ? (pa >> 1) & 0xFFFF : pa & 0xFFFF;
	uint32_t count = (word_chan(c) ? x->len / 2 : x->len) - 1;
	/* 8237 mode bits 7-6: the DMA_ISA_x kind (00 demand, 01 single, 10 block); 5 decrement
	 * (never); 4 autoinit; 3-2: 10 read memory (to the device), 01 write memory. */
	uint8_t mode = (uint8_t)((x->mode & DMA_ISA_KIND) << 6 | (x->to_device ? 0x08 : 0x04) | sel);
	if (x->mode & DMA_ISA_AUTOINIT)
		mode |= 0x10;

	out[n++] = isa_mask(c);
	out[n++] = (struct isa_out){ ctl_port(c, REG_MODE), mode };
	out[n++] = (struct isa_out){ ctl_port(c, REG_FLIP), 0 };
	out[n++] = (struct isa_out){ addr_port(c), (uint8_t)addr };
	out[n++] = (struct isa_out){ addr_port(c), (uint8_t)(addr >> 8) };
	out[n++] = (struct isa_out){ page_port[c], (uint8_t)((pa >> 16) & (word_chan(c) ? 0xFE : 0xFF)) };
	out[n++] = (struct isa_out){ ctl_port(c, REG_FLIP), 0 };
	out[n++] = (struct isa_out){ count_port(c), (uint8_t)count };
	out[n++] = (struct isa_out){ count_port(c), (uint8_t)(count >> 8) };
	/* ISA_PROG_MAX counts the unmask too. */
	_Static_assert(ISA_PROG_MAX == 10, "the writes above and the unmask");
	out[n++] = (struct isa_out){ ctl_port(c, REG_MASK), (uint8_t)sel };
	return n;
}

struct isa_out isa_mask(unsigned chan)
{
	return (struct isa_out){ ctl_port(chan, REG_MASK), (uint8_t)(0x04 | (chan & 3)) };
}

uint16_t isa_status_port(unsigned chan)
{
	return ctl_port(chan, REG_STATUS);
}

unsigned isa_status_bits(unsigned chan, uint8_t status)
{
	unsigned sel = chan & 3;
	return ((status >> sel) & 1 ? DMA_ISA_ST_TC : 0) | ((status >> (4 + sel)) & 1 ? DMA_ISA_ST_REQ : 0);
}
