/*
 * isarange.h - the checks and the register program of one ISA 8237
 * transfer, pure so the host tests them (tests/unit/test_isarange.c): a
 * transfer the 8237 would run outside its buffer, above 16 MiB, across a
 * 64 KiB (128 KiB) page-register boundary, backwards or forever on a
 * buffer that can go, is refused here before any port is written.
 * kernel/dma/isa8237.c only plays back the writes isa_program() lists.
 */
#ifndef KERNEL_DMA_ISARANGE_H
#define KERNEL_DMA_ISARANGE_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"

/* The 8237 only drives 24 address lines. */
#define ISA_DMA_LIMIT 0x1000000u

/* One transfer as the caller decoded it: the buffer's physical range and the request. */
struct isa_xfer {
	unsigned chan;       /* 0-3 (bytes), 5-7 (words); 4 is the cascade */
	int to_device;       /* 1: the device reads memory; 0: it writes memory */
	unsigned mode;       /* DMA_ISA_SINGLE/DEMAND/BLOCK | DMA_ISA_AUTOINIT */
	uint32_t buf_pa;     /* the DmaBuffer: physical base and size in bytes */
	uint32_t buf_len;
	uint32_t offset;     /* the segment inside it */
	uint32_t len;
	int pinned;          /* the buffer stays pinned until dma_stop (autoinit needs it) */
};

/* A port write, in the order the 8237 must see them. */
struct isa_out {
	uint16_t port;
	uint8_t val;
};
#define ISA_PROG_MAX 10

/* 0, or the error the ABI names for the first rule the transfer breaks. */
int isa_check(const struct isa_xfer *x);
/*
 * The writes that program and start a checked transfer: the channel
 * masked first, the flip-flop cleared before each 16-bit pair, mode,
 * address, page, count, and the unmask last.  Returns how many.
 */
unsigned isa_program(const struct isa_xfer *x, struct isa_out out[ISA_PROG_MAX]);
/* The write that masks chan (stops it): how dma_stop ends a transfer. */
struct isa_out isa_mask(unsigned chan);
/* The controller's status port for chan, and chan's DMA_ISA_ST_x bits in what it read. */
uint16_t isa_status_port(unsigned chan);
unsigned isa_status_bits(unsigned chan, uint8_t status);

#endif
