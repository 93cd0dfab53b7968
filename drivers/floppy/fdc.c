/*
 * fdc.c - the controller's commands (Intel 82077AA data sheet; the same
 * command set as the NEC uPD765).  A command is bytes written to the
 * FIFO while the main status register says the controller wants one
 * (RQM set, DIO clear); its result is bytes read while RQM and DIO are
 * set.  Seek, recalibrate and the data commands end with IRQ 6, after
 * which SENSE INTERRUPT STATUS (seek, recalibrate, reset) or the result
 * phase (data) says how it went.  If the interrupt never comes the
 * command fails with E_DEAD after CMD_TICKS and the next one resets
 * the controller.
 */
#include "drivers/floppy/fdc.h"
#include "user/lib/i386/uarch.h"
#include "user/lib/ipc.h"
#include "user/lib/ulib.h"

#define REG_DOR  2
#define REG_MSR  4      /* read: main status; write: data rate select */
#define REG_FIFO 5

#define DOR_DRIVE0  0x00
#define DOR_NRESET  0x04
#define DOR_DMA     0x08    /* DMA and the interrupt line enabled */
#define DOR_MOTOR0  0x10

#define MSR_RQM 0x80
#define MSR_DIO 0x40
#define MSR_CB  0x10

#define CMD_SPECIFY    0x03
#define CMD_WRITE      0x45     /* MFM */
#define CMD_READ       0x46     /* MFM */
#define CMD_RECAL      0x07
#define CMD_SENSE_INT  0x08
#define CMD_SEEK       0x0F

#define CMD_TICKS   (2 * TIMER_HZ)   /* a command's deadline */
#define BYTE_TRIES  100000           /* MSR polls per byte (emulated: ready at once) */

static unsigned now(void)
{
	return (unsigned)sys_uptime();
}

void fdc_chs(uint32_t lba, unsigned *c, unsigned *h, unsigned *s)
{
	*c = lba / (FDC_SPT * FDC_HEADS);
	*h = (lba / FDC_SPT) % FDC_HEADS;
	*s = lba % FDC_SPT + 1;
}

unsigned fdc_track_left(uint32_t lba)
{
	return FDC_SPT - lba % FDC_SPT;
}

static int put(struct fdc *f, uint8_t v)
{
	for (unsigned i = 0; i < BYTE_TRIES; i++) {
		uint8_t msr = u_inb((uint16_t)(f->base + REG_MSR));
		if ((msr & (MSR_RQM | MSR_DIO)) == MSR_RQM) {
			u_outb((uint16_t)(f->base + REG_FIFO), v);
			return 0;
		}
	}
	return -E_DEAD;
}

static int get(struct fdc *f, uint8_t *v)
{
	for (unsigned i = 0; i < BYTE_TRIES; i++) {
		uint8_t msr = u_inb((uint16_t)(f->base + REG_MSR));
		if ((msr & (MSR_RQM | MSR_DIO)) == (MSR_RQM | MSR_DIO)) {
			*v = u_inb((uint16_t)(f->base + REG_FIFO));
			return 0;
		}
	}
	return -E_DEAD;
}

static int command(struct fdc *f, const uint8_t *bytes, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (put(f, bytes[i]))
			return -E_DEAD;
	return 0;
}

/* Takes what the line left in our notification: 1 if it had fired. */
static int irq_came(struct fdc *f)
{
	unsigned bits = 0;
	if (!f->irq_bound || ntf_poll(f->ntf_slot, &bits) < 0 || !bits)
		return 0;
	f->st_count.irqs++;
	sys_irq_ack(f->irq_slot);
	return 1;
}

/* Waits for the command's interrupt, yielding between looks, for CMD_TICKS at most. */
static int wait_irq(struct fdc *f)
{
	unsigned deadline = now() + CMD_TICKS;
	while (!irq_came(f)) {
		if (now() >= deadline)
			return -E_DEAD;
		sys_yield();
	}
	return 0;
}

void fdc_stray_irq(struct fdc *f)
{
	f->st_count.irqs++;
	sys_irq_ack(f->irq_slot);
}

/* SENSE INTERRUPT STATUS: ST0 and the present cylinder. */
static int sense(struct fdc *f, uint8_t *st0, uint8_t *pcn)
{
	static const uint8_t cmd[] = { CMD_SENSE_INT };
	if (command(f, cmd, 1) || get(f, st0))
		return -E_DEAD;
	if (*st0 == 0x80)          /* invalid command: no interrupt was pending */
		return -E_STATE;
	return get(f, pcn) ? -E_DEAD : 0;
}

static int reset(struct fdc *f)
{
	uint8_t st0, pcn;
	f->cyl = -1;
	f->st_count.resets++;
	while (irq_came(f))
		;
	u_outb((uint16_t)(f->base + REG_DOR), 0);
	u_outb((uint16_t)(f->base + REG_DOR), DOR_NRESET | DOR_DMA | DOR_DRIVE0);
	if (wait_irq(f))
		return -E_DEAD;
	/* Polling mode after a reset: one interrupt status per drive. */
	for (int i = 0; i < 4; i++)
		if (sense(f, &st0, &pcn) == -E_DEAD)
			return -E_DEAD;
	u_outb(f->ccr, 0);                                     /* 500 kbit/s: 1.44 MB */
	static const uint8_t spec[] = { CMD_SPECIFY, 0xDF, 0x02 };  /* step 3 ms, unload 240 ms, load 4 ms; DMA */
	if (command(f, spec, sizeof(spec)))
		return -E_DEAD;
	u_outb((uint16_t)(f->base + REG_DOR), DOR_NRESET | DOR_DMA | DOR_DRIVE0 | DOR_MOTOR0);
	return 0;
}

/* Recalibrate or seek, then sense: 0 when the head is on cylinder c. */
static int move_head(struct fdc *f, const uint8_t *cmd, unsigned n, unsigned c)
{
	uint8_t st0 = 0, pcn = 0;
	int r = command(f, cmd, n);
	if (!r)
		r = wait_irq(f);
	if (!r)
		r = sense(f, &st0, &pcn);
	if (!r && ((st0 & 0xE0) != 0x20 || pcn != c))   /* seek end, normal termination */
		r = -E_STATE;
	f->cyl = r ? -1 : (int)c;
	return r;
}

static int recalibrate(struct fdc *f)
{
	static const uint8_t cmd[] = { CMD_RECAL, 0 };
	/* A real drive may need a second one past 77 steps; an emulated one never does. */
	return move_head(f, cmd, sizeof(cmd), 0) && move_head(f, cmd, sizeof(cmd), 0) ? -E_STATE : 0;
}

int fdc_seek(struct fdc *f, unsigned c)
{
	if (f->cyl == (int)c)
		return 0;
	const uint8_t cmd[] = { CMD_SEEK, 0, (uint8_t)c };
	return move_head(f, cmd, sizeof(cmd), c);
}

int fdc_init(struct fdc *f)
{
	int r = reset(f);
	if (!r)
		r = recalibrate(f);
	f->present = !r;
	return r;
}

int fdc_rw(struct fdc *f, uint32_t lba, unsigned n, int write)
{
	unsigned c, h, s;
	if (!f->present || n == 0 || lba >= FDC_SECTORS || n > fdc_track_left(lba))
		return -E_RANGE;
	fdc_chs(lba, &c, &h, &s);
	int r = f->cyl < 0 ? fdc_init(f) : 0;
	if (!r)
		r = fdc_seek(f, c);
	if (r)
		return r;
	/* EOT = the last sector wanted: the controller ends there as the 8237's count does. */
	const uint8_t cmd[] = { write ? CMD_WRITE : CMD_READ, (uint8_t)(h << 2), (uint8_t)c, (uint8_t)h,
				(uint8_t)s, 2, (uint8_t)(s + n - 1), 0x1B, 0xFF };
	f->st_count.commands++;
	r = command(f, cmd, sizeof(cmd));
	if (!r)
		r = wait_irq(f);
	for (unsigned i = 0; !r && i < 7; i++)
		r = get(f, &f->st[i]);
	if (!r && (f->st[0] & 0xC0))
		r = -E_STATE;
	if (r) {
		f->st_count.errors++;
		f->cyl = -1;    /* reset and recalibrate before the next */
	}
	return r;
}
