/*
 * dma.h - the DMA contract between drivers and the kernel (docs/dma.md).
 * Without an IOMMU a device that does DMA can write anywhere, so a driver
 * never names a physical address: it names a DmaBuffer cap (pinned,
 * physically contiguous RAM from mem_retype(..., MEM_DMABUF, n)), an
 * offset and a length, and a DmaChan cap names the engine.  The kernel
 * copies the request, checks every field and builds the descriptors in
 * its own memory, where the driver cannot rewrite them after the check.
 */
#ifndef ABI_DMA_H
#define ABI_DMA_H

/*
 * DmaChan values: a mask of engines.  DMA_IDE0 and DMA_IDE1 are the
 * primary and secondary IDE bus masters (PIIX3 00:01.1); DMA_ISA(n) the
 * 8237 channel n (0-3, 5-7; 4 is the cascade and never exists).
 * cap_mint(chan, dst, mask, 0) makes a cap naming a subset; dma_start and
 * dma_stop want a cap naming exactly one engine.
 */
#define DMA_IDE0       (1u << 0)
#define DMA_IDE1       (1u << 1)
#define DMA_ISA(n)     (1u << (2 + (n)))
#define DMA_ENGINES    10u                 /* bits 0 .. DMA_ENGINES - 1 */

/* mem_retype's type MEM_DMABUF | MEM_DMA_ISA: a buffer an ISA channel can reach. */
#define MEM_DMA_ISA    0x100u

/* dma_req.dir: which way the bytes go, seen from the device. */
#define DMA_TO_DEVICE   1u                 /* the device reads memory (a disk write): MEM_R */
#define DMA_FROM_DEVICE 2u                 /* the device writes memory (a disk read): MEM_W */

/*
 * dma_req.mode: 0 for IDE; for ISA one of the transfer modes (the 8237's
 * own numbering; 3, its cascade mode, is refused), or-ed with
 * DMA_ISA_AUTOINIT (allowed: a buffer in flight stays pinned until
 * dma_stop).  DMA_ISA_DECREMENT is named so a request can ask for it: it
 * is always refused (E_INVAL), as is any bit not named here.
 */
#define DMA_ISA_DEMAND   0u
#define DMA_ISA_SINGLE   1u
#define DMA_ISA_BLOCK    2u
#define DMA_ISA_KIND     3u                /* the mask of the three above */
#define DMA_ISA_AUTOINIT 0x10u
#define DMA_ISA_DECREMENT 0x20u

#define DMA_MAX_SEGS 8

struct dma_seg {
	unsigned buf_slot;   /* a DmaBuffer cap of the caller */
	unsigned offset;     /* bytes into the range that cap covers */
	unsigned len;        /* bytes; even, not zero */
};

/*
 * dma_start(chan_slot, req): one transfer on the engine the DmaChan cap
 * in chan_slot names, through nseg segments in order.  Returns 0 or -E_x;
 * the transfer stays in flight (its buffers pinned, the engine busy)
 * until dma_stop(chan_slot), which returns the engine's status.
 */
struct dma_req {
	unsigned dir;
	unsigned mode;
	unsigned nseg;
	struct dma_seg seg[DMA_MAX_SEGS];
};

/* The IDE bus master's status byte, as dma_stop returns it. */
#define DMA_IDE_ACTIVE 0x01u   /* still transferring when stopped */
#define DMA_IDE_ERROR  0x02u
#define DMA_IDE_IRQ    0x04u   /* the drive raised its interrupt */

/* An ISA channel's status bits, as dma_stop returns them: the count ran out; the device still asks. */
#define DMA_ISA_ST_TC  0x01u
#define DMA_ISA_ST_REQ 0x02u

/*
 * dma_audit(chan_slot, &report): the kernel checks its own memory where a
 * DMA that escaped its buffer would land first (docs/dma.md, "Canaries"):
 * the canary pages just below and above the memory DmaBuffers come from,
 * and a checksum of the kernel image's code and read-only data taken at
 * boot.  Any DmaChan cap is the authority: a supervisor that hands out
 * DMA checks afterwards.
 */
struct dma_audit {
	unsigned pages;       /* canary pages checked */
	unsigned bytes;       /* bytes read: the canary pages and the image */
	unsigned bad_words;   /* canary words changed, plus 1 if the image's checksum changed */
	unsigned first_bad;   /* physical address of the first changed word (the image's start for its checksum); 0 if none */
};

#endif
