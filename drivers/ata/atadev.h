/*
 * atadev.h - one ATA drive on one IDE channel, driven with PIO or through
 * the bus master (DMA, docs/dma.md) and LBA28:
 * probing (reset, IDENTIFY), reading and writing a sector, and waiting for
 * the channel's interrupt with a polling fallback and a deadline, so that
 * nothing here waits forever (docs/drivers.md, "ata").
 */
#ifndef DRIVERS_ATA_ATADEV_H
#define DRIVERS_ATA_ATADEV_H

#include <stdint.h>
#include "abi/dma.h"

#define ATA_SECTOR 512

struct ata_stats {
	unsigned irqs;       /* commands completed by their interrupt */
	unsigned polled;     /* commands completed by the polling fallback (no interrupt came) */
	unsigned commands;   /* disk commands issued (IDENTIFY, READ, WRITE, FLUSH) */
	unsigned stale;      /* interrupts that arrived while the drive was idle or busy */
	unsigned errors;     /* commands the drive failed (ERR/DF) or that timed out */
	unsigned dma;        /* READ DMA / WRITE DMA commands done through the bus master */
};

struct ata_dev {
	uint16_t base;       /* command block: base..base+7 */
	uint16_t ctrl;       /* device control / alternate status */
	unsigned irq_slot;   /* Irq cap (one line) */
	unsigned ntf_slot;   /* the notification the line is bound to */
	int irq_bound;
	int slave;
	int present;         /* an ATA drive answered IDENTIFY */
	int need_reset;      /* a command timed out: reset the channel before the next */
	uint32_t sectors;    /* LBA28 sectors (IDENTIFY words 60-61) */
	unsigned dma_slot;   /* a DmaChan naming this channel's bus master, if dma_ok */
	int dma_ok;
	char model[41];
	struct ata_stats st;
};

/* Resets the channel and IDENTIFYs the drive; 0, or -E_NOENT with the reason printed. */
int ata_probe(struct ata_dev *d);
/* One sector at lba; 0 or -E_x (E_STATE: the drive failed it, E_DEAD: no answer in time). */
int ata_read(struct ata_dev *d, uint32_t lba, void *buf);
/* n sectors from lba on, a command each, then one flush: on the medium when it returns 0. */
int ata_write(struct ata_dev *d, uint32_t lba, unsigned n, const void *buf);
/*
 * n sectors (1..256) at lba through the bus master (DmaChan in d->dma_slot):
 * write from, or read into, the DmaBuffer segments of req, which cover
 * n * 512 bytes.  0 or -E_x (dma_start's refusal, E_STATE, E_DEAD).
 */
int ata_dma(struct ata_dev *d, int write, uint32_t lba, unsigned n, const struct dma_req *req);
/* An interrupt that arrived between commands: acknowledge the drive and the line. */
void ata_stray_irq(struct ata_dev *d);

#endif
