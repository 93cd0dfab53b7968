/*
 * fdc.h - the floppy controller (an 82077AA as QEMU and Bochs emulate
 * it) with one 1.44 MB drive: reset, specify, recalibrate, seek, sense
 * interrupt and the READ DATA / WRITE DATA commands, whose data moves by
 * ISA DMA channel 2 into a buffer the kernel programs the 8237 for
 * (fdc_dma_start, drivers/floppy/floppy.c).  Every wait is bounded.
 */
#ifndef DRIVERS_FLOPPY_FDC_H
#define DRIVERS_FLOPPY_FDC_H

#include <stdint.h>

#define FDC_SECTOR    512u
#define FDC_SPT       18u      /* sectors per track */
#define FDC_HEADS     2u
#define FDC_CYLS      80u
#define FDC_SECTORS   (FDC_SPT * FDC_HEADS * FDC_CYLS)   /* 2880 */

struct fdc_stats {
	unsigned irqs;       /* interrupts taken */
	unsigned commands;   /* READ/WRITE DATA issued */
	unsigned errors;     /* commands that failed or timed out */
	unsigned resets;
};

struct fdc {
	uint16_t base;       /* 0x3F0: DOR at +2, MSR/DSR at +4, FIFO at +5 */
	uint16_t ccr;        /* 0x3F7 */
	unsigned irq_slot;
	unsigned ntf_slot;
	int irq_bound;
	int present;
	int cyl;             /* where the head is, -1 unknown */
	uint8_t st[7];       /* the last command's result bytes */
	struct fdc_stats st_count;
};

/* Cylinder, head and 1-based sector of an LBA on the 1.44 MB geometry. */
void fdc_chs(uint32_t lba, unsigned *c, unsigned *h, unsigned *s);
/* Sectors from lba to the end of its track: the most one command moves. */
unsigned fdc_track_left(uint32_t lba);

/* Resets the controller, sets the data rate and timings, recalibrates; 0 or -E_x. */
int fdc_init(struct fdc *f);
/* Seeks to cylinder c (a no-op if there); 0 or -E_x. */
int fdc_seek(struct fdc *f, unsigned c);
/*
 * n sectors at lba (one track at most) through the DMA buffer: the caller
 * has started the 8237 for n * 512 bytes, and stops it after.  0, or
 * -E_STATE (the controller reported an error), -E_DEAD (no answer in time).
 */
int fdc_rw(struct fdc *f, uint32_t lba, unsigned n, int write);
/* An interrupt between commands: take it and acknowledge the line. */
void fdc_stray_irq(struct fdc *f);

#endif
