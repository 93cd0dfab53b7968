/*
 * atadev.c - the drive itself: PIO commands on one channel.
 *
 * Every wait is bounded.  A command is finished when its interrupt has come
 * and the drive is no longer busy; if the drive is ready but no interrupt
 * follows (line not wired, interrupt lost), the status is polled instead
 * and the command still completes, only slower.  A drive that stays busy
 * past the deadline fails the request with E_DEAD and the channel is reset
 * before the next command.  Waiting yields the CPU between looks and takes
 * its deadlines from sys_uptime: sleeping would add a tick to every command,
 * and no timer could cut a blocking wait for the interrupt short.
 */
#include "user/lib/i386/uarch.h"
#include "drivers/ata/atadev.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

/* Command block registers (offsets from base). */
#define REG_DATA    0
#define REG_COUNT   2
#define REG_LBA0    3
#define REG_LBA1    4
#define REG_LBA2    5
#define REG_DEVICE  6
#define REG_STATUS  7     /* reading it acknowledges the drive's interrupt */
#define REG_COMMAND 7

#define ST_BSY  0x80
#define ST_DF   0x20
#define ST_DRQ  0x08
#define ST_ERR  0x01

#define CTL_NIEN 0x02
#define CTL_SRST 0x04

#define CMD_READ     0x20
#define CMD_WRITE    0x30
#define CMD_READ_DMA  0xC8
#define CMD_WRITE_DMA 0xCA
#define CMD_FLUSH    0xE7
#define CMD_IDENTIFY 0xEC

#define DEV_LBA  0xE0     /* LBA mode, plus the two obsolete always-one bits */

#define CMD_TICKS   (3 * TIMER_HZ)   /* a busy drive gets this long per command */
#define RESET_TICKS (5 * TIMER_HZ)
/* Status 0 this long after a reset: no drive (a present one is busy, then shows DRDY). */
#define ABSENT_TICKS (TIMER_HZ / 2)
/*
 * Ready but no interrupt for this many ticks: poll instead.  Time, not a
 * count of looks: under emulation the interrupt can trail the status by
 * more looks than any fixed count (QEMU raises it from its main loop), and
 * a count would depend on how fast the CPU looks.
 */
#define LOST_IRQ_TICKS 3

static uint8_t status(struct ata_dev *d)
{
	return u_inb((uint16_t)(d->base + REG_STATUS));
}

static uint8_t altstatus(struct ata_dev *d)
{
	return u_inb(d->ctrl);
}

static void out(struct ata_dev *d, unsigned reg, unsigned v)
{
	u_outb((uint16_t)(d->base + reg), (uint8_t)v);
}

/* The drive may take 400 ns to show a new status; each read is at least 100 ns. */
static void settle(struct ata_dev *d)
{
	for (int i = 0; i < 5; i++)
		altstatus(d);
}

static unsigned now(void)
{
	return (unsigned)sys_uptime();
}

/* Takes the bits the interrupt line left in our notification, if any. */
static int irq_came(struct ata_dev *d)
{
	unsigned bits = 0;
	if (!d->irq_bound || ntf_poll(d->ntf_slot, &bits) < 0)
		return 0;
	return bits != 0;
}

/* An interrupt from an earlier command must not finish the next one. */
static void drain_irq(struct ata_dev *d)
{
	if (irq_came(d)) {
		d->st.stale++;
		sys_irq_ack(d->irq_slot);
	}
}

void ata_stray_irq(struct ata_dev *d)
{
	status(d);
	d->st.stale++;
	sys_irq_ack(d->irq_slot);
}

/* Polls until (status & mask) == want, or the drive reports an error; 0 or -E_DEAD. */
static int wait_status(struct ata_dev *d, uint8_t mask, uint8_t want, unsigned ticks, uint8_t *st)
{
	unsigned deadline = now() + ticks;
	for (;;) {
		uint8_t a = altstatus(d);
		*st = a;
		if ((a & mask) == want || (!(a & ST_BSY) && (a & (ST_ERR | ST_DF))))
			return 0;
		if (now() >= deadline)
			return -E_DEAD;
		sys_yield();
	}
}

/*
 * Waits for the command just issued: its interrupt, or the polling
 * fallback.  *st is the status register, read once (which acknowledges the
 * drive) only when the drive is no longer busy: no bit of `busy` set.
 */
static int wait_done_of(struct ata_dev *d, uint8_t busy, uint8_t *st)
{
	unsigned deadline = now() + CMD_TICKS, ready_at = 0;
	int ready = 0;
	settle(d);
	for (;;) {
		int irq = irq_came(d);
		uint8_t a = altstatus(d);
		unsigned t = now();
		if (!(a & busy)) {
			if (!ready) {
				ready = 1;
				ready_at = t;
			}
			if (irq || t - ready_at >= LOST_IRQ_TICKS) {
				*st = status(d);
				if (irq) {
					d->st.irqs++;
					sys_irq_ack(d->irq_slot);
				} else {
					d->st.polled++;
				}
				return 0;
			}
		} else {
			/* Busy, yet it interrupted: that interrupt was not this command's. */
			if (irq) {
				d->st.stale++;
				sys_irq_ack(d->irq_slot);
			}
			ready = 0;
			if (t >= deadline) {
				d->st.errors++;
				d->need_reset = 1;
				return -E_DEAD;
			}
		}
		sys_yield();
	}
}

static int wait_done(struct ata_dev *d, uint8_t *st)
{
	return wait_done_of(d, ST_BSY, st);
}

static int absent(struct ata_dev *d, const char *why)
{
	printf("ata: %s 0x%x %s: no ATA drive (%s); every request will fail\n",
	       d->base == 0x1F0 ? "primary" : d->base == 0x170 ? "secondary" : "channel", d->base,
	       d->slave ? "slave" : "master", why);
	d->present = 0;
	return -E_NOENT;
}

static void select_lba(struct ata_dev *d, uint32_t lba)
{
	out(d, REG_DEVICE, DEV_LBA | (d->slave ? 0x10 : 0) | ((lba >> 24) & 0x0F));
}

/* The signature a packet device leaves in LBA mid/high after a reset or an aborted IDENTIFY. */
static int is_packet(struct ata_dev *d)
{
	return u_inb((uint16_t)(d->base + REG_LBA1)) == 0x14 && u_inb((uint16_t)(d->base + REG_LBA2)) == 0xEB;
}

/* Our drive is selected, idle, and there: some status bits, or a packet device's signature. */
static int answers(struct ata_dev *d)
{
	uint8_t st = altstatus(d);
	int ours = (u_inb((uint16_t)(d->base + REG_DEVICE)) & 0x10) == (d->slave ? 0x10 : 0);
	return ours && !(st & ST_BSY) && (st || is_packet(d));
}

/*
 * Resets both drives of the channel and selects ours.  A drive ignores a
 * write to the device register while the selected one is busy, as both
 * are for a while after a reset (QEMU even finishes it later, in its main
 * loop), so the selection is written again on every look and believed
 * only when two looks in a row agree.  0; -E_NOENT: status 0 all along
 * (no drive); -E_DEAD: still busy at the deadline.
 */
static int reset(struct ata_dev *d)
{
	unsigned start = now(), agree = 0;
	u_outb(d->ctrl, CTL_SRST | CTL_NIEN);
	settle(d);
	u_outb(d->ctrl, 0);        /* nIEN clear: the drive interrupts */
	d->need_reset = 0;
	for (;;) {
		select_lba(d, 0);
		settle(d);
		agree = answers(d) ? agree + 1 : 0;
		if (agree == 2)
			return 0;
		uint8_t st = altstatus(d);
		if (!st && now() - start >= ABSENT_TICKS)
			return -E_NOENT;
		if (now() - start >= RESET_TICKS)
			return -E_DEAD;
		sys_yield();
	}
}

/* Reset if the last command timed out, wait until idle, forget old interrupts, issue. */
static int issue_n(struct ata_dev *d, unsigned cmd, uint32_t lba, unsigned count)
{
	uint8_t st;
	if (d->need_reset && reset(d) < 0) {
		/* Hopeless: from now on requests fail at once rather than after a reset each. */
		absent(d, "no answer to a reset after a command timed out");
		return -E_DEAD;
	}
	if (wait_status(d, ST_BSY | ST_DRQ, 0, CMD_TICKS, &st) < 0 || (st & (ST_BSY | ST_DRQ))) {
		d->st.errors++;
		d->need_reset = 1;
		return -E_DEAD;
	}
	drain_irq(d);
	select_lba(d, lba);
	out(d, REG_COUNT, count & 0xFF);   /* 0 is 256 sectors */
	out(d, REG_LBA0, lba);
	out(d, REG_LBA1, lba >> 8);
	out(d, REG_LBA2, lba >> 16);
	out(d, REG_COMMAND, cmd);
	d->st.commands++;
	return 0;
}

static int issue(struct ata_dev *d, unsigned cmd, uint32_t lba)
{
	return issue_n(d, cmd, lba, 1);
}

/* Status after a command: 0, or E_STATE if the drive reports a fault. */
static int check(struct ata_dev *d, uint8_t st, uint8_t need)
{
	if ((st & (ST_ERR | ST_DF)) || (st & need) != need) {
		d->st.errors++;
		return -E_STATE;
	}
	return 0;
}

int ata_read(struct ata_dev *d, uint32_t lba, void *buf)
{
	uint8_t st;
	if (!d->present)
		return -E_NOENT;
	int r = issue(d, CMD_READ, lba);
	if (!r)
		r = wait_done(d, &st);
	if (!r)
		r = check(d, st, ST_DRQ);
	if (!r)
		u_rep_insw((uint16_t)(d->base + REG_DATA), buf, ATA_SECTOR / 2);
	return r;
}

/* One WRITE command: the sector's data when the drive asks (DRQ, no interrupt), then its end. */
static int write_one(struct ata_dev *d, uint32_t lba, const void *buf)
{
	uint8_t st;
	int r = issue(d, CMD_WRITE, lba);
	if (!r && wait_status(d, ST_BSY | ST_DRQ, ST_DRQ, CMD_TICKS, &st) < 0) {
		d->st.errors++;
		d->need_reset = 1;
		r = -E_DEAD;
	}
	if (!r)
		r = check(d, st, ST_DRQ);
	if (!r) {
		u_rep_outsw((uint16_t)(d->base + REG_DATA), buf, ATA_SECTOR / 2);
		r = wait_done(d, &st);
	}
	if (!r)
		r = check(d, st, 0);
	return r;
}

int ata_write(struct ata_dev *d, uint32_t lba, unsigned n, const void *buf)
{
	uint8_t st;
	const uint8_t *p = buf;
	if (!d->present)
		return -E_NOENT;
	int r = 0;
	for (unsigned i = 0; !r && i < n; i++)
		r = write_one(d, lba + i, p + i * ATA_SECTOR);
	/* Written means on the medium, not in the drive's cache: one flush for the request. */
	if (!r)
		r = issue(d, CMD_FLUSH, lba);
	if (!r)
		r = wait_done(d, &st);
	if (!r)
		r = check(d, st, 0);
	return r;
}

/*
 * READ DMA or WRITE DMA: the command to the drive first, then the bus
 * master started by the kernel on req's segments (dma_start checks them;
 * the PRD table is the kernel's), then the drive's interrupt or status,
 * then dma_stop, which gives the bus master's status.  A refused
 * dma_start leaves the drive waiting for data that never comes: reset it.
 * A write ends with a flush, as ata_write's does.
 */
int ata_dma(struct ata_dev *d, int write, uint32_t lba, unsigned n, const struct dma_req *req)
{
	uint8_t st;
	if (!d->present)
		return -E_NOENT;
	int r = issue_n(d, write ? CMD_WRITE_DMA : CMD_READ_DMA, lba, n);
	if (r)
		return r;
	long started = sys_dma_start(d->dma_slot, req);
	if (started) {
		d->st.errors++;
		d->need_reset = 1;
		return (int)started;
	}
	/* During DMA QEMU's drive shows BSY, Bochs's DRQ (it waits for the bus master): done is neither. */
	r = wait_done_of(d, ST_BSY | ST_DRQ, &st);
	long bm = sys_dma_stop(d->dma_slot);
	if (r)
		return r;
	if (bm < 0 || (bm & (DMA_IDE_ERROR | DMA_IDE_ACTIVE))) {
		d->st.errors++;
		d->need_reset = 1;
		return -E_STATE;
	}
	if ((r = check(d, st, 0)))
		return r;
	d->st.dma++;
	if (write && !(r = issue(d, CMD_FLUSH, lba)) && !(r = wait_done(d, &st)))
		r = check(d, st, 0);
	return r;
}

/* IDENTIFY strings: two characters per word, the first in the high byte; space padded. */
static void ident_string(char *dst, const uint16_t *w, unsigned words)
{
	unsigned n = 0;
	for (unsigned i = 0; i < words; i++) {
		dst[n++] = (char)(w[i] >> 8);
		dst[n++] = (char)w[i];
	}
	while (n && (dst[n - 1] == ' ' || dst[n - 1] == '\0'))
		n--;
	dst[n] = '\0';
}

int ata_probe(struct ata_dev *d)
{
	static uint16_t id[ATA_SECTOR / 2];
	uint8_t st;
	/* Nobody drives the bus: every bit reads as 1, BSY included, forever. */
	if (status(d) == 0xFF)
		return absent(d, "floating bus, status 0xff");
	int r = reset(d);
	if (r == -E_NOENT)
		return absent(d, "status 0x00 after a reset");
	if (r < 0)
		return absent(d, "still busy 5 s after a reset");
	if (issue(d, CMD_IDENTIFY, 0) < 0)
		return absent(d, "never idle");
	if (wait_done(d, &st) < 0)
		return absent(d, "no answer to IDENTIFY");
	if ((st & (ST_ERR | ST_DF)) && is_packet(d))
		return absent(d, "IDENTIFY aborted, ATAPI signature: a packet device");
	if (st & (ST_ERR | ST_DF))
		return absent(d, "IDENTIFY aborted");
	if (!(st & ST_DRQ))
		return absent(d, "IDENTIFY gave no data");
	u_rep_insw((uint16_t)(d->base + REG_DATA), id, ATA_SECTOR / 2);
	ident_string(d->model, &id[27], 20);
	d->sectors = id[60] | (uint32_t)id[61] << 16;
	if (!(id[49] & (1u << 9)))
		return absent(d, "no LBA support");
	if (!d->sectors)
		return absent(d, "0 LBA28 sectors");
	d->present = 1;
	return 0;
}
