/*
 * atadev.h - one ATA drive on one IDE channel, driven with PIO and LBA28:
 * probing (reset, IDENTIFY), reading and writing a sector, and waiting for
 * the channel's interrupt with a polling fallback and a deadline, so that
 * nothing here waits forever (docs/drivers.md, "ata").
 */
#ifndef DRIVERS_ATA_ATADEV_H
#define DRIVERS_ATA_ATADEV_H

#include <stdint.h>

#define ATA_SECTOR 512

struct ata_stats {
	unsigned irqs;       /* commands completed by their interrupt */
	unsigned polled;     /* commands completed by the polling fallback (no interrupt came) */
	unsigned commands;   /* disk commands issued (IDENTIFY, READ, WRITE, FLUSH) */
	unsigned stale;      /* interrupts that arrived while the drive was idle or busy */
	unsigned errors;     /* commands the drive failed (ERR/DF) or that timed out */
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
	char model[41];
	struct ata_stats st;
};

/* Resets the channel and IDENTIFYs the drive; 0, or -E_NOENT with the reason printed. */
int ata_probe(struct ata_dev *d);
/* One sector at lba; 0 or -E_x (E_STATE: the drive failed it, E_DEAD: no answer in time). */
int ata_read(struct ata_dev *d, uint32_t lba, void *buf);
/* n sectors from lba on, a command each, then one flush: on the medium when it returns 0. */
int ata_write(struct ata_dev *d, uint32_t lba, unsigned n, const void *buf);
/* An interrupt that arrived between commands: acknowledge the drive and the line. */
void ata_stray_irq(struct ata_dev *d);

#endif
