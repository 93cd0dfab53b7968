/*
 * rtc.c - the CMOS real-time clock (MC146818) on ports 0x70-0x71, IRQ 8
 * (docs/drivers.md, "rtc").
 *
 * The chip's update-ended interrupt comes once a second, right after the
 * time registers changed; the driver reads the time then and keeps it, so
 * RTC_GET is answered from memory.  Until the first interrupt, or when
 * they stop coming, RTC_GET reads the chip itself.  Any read waits out the
 * update-in-progress flag (bounded in time) and repeats until two reads
 * agree.  A chip that reads 0xFF in every status register is absent:
 * RTC_GET then answers E_NOENT.
 *
 * Slots (user/lib/slots.h): SLOT_SERVICE, SLOT_PORTS(0) = 0x70-0x71,
 * SLOT_IRQ(0) = line 8 (optional: without it the driver only polls).
 */
#include "user/lib/i386/uarch.h"
#include "drivers/rtc/rtcdate.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define RTC_IRQ    8
#define SLOT_NTF   SLOT_FREE

enum {
	REG_SEC = 0x00, REG_MIN = 0x02, REG_HOUR = 0x04, REG_DAY = 0x07, REG_MONTH = 0x08,
	REG_YEAR = 0x09, REG_A = 0x0A, REG_B = 0x0B, REG_C = 0x0C, REG_D = 0x0D,
	REG_CENTURY = 0x32,
};
#define A_UIP 0x80u      /* update in progress: the time registers are changing */
#define B_SET 0x80u      /* updates halted (someone is setting the clock) */
#define B_PIE 0x40u
#define B_AIE 0x20u
#define B_UIE 0x10u
#define C_UF  0x10u      /* the update-ended flag */

/* An update takes under 2 ms; 5 ticks (50 ms) is a stuck chip, not a slow one. */
#define UIP_TICKS   5
#define READ_TRIES  5
/* Updates come every 100 ticks; a cache older than this means they stopped. */
#define STALE_TICKS 150

static struct {
	int absent;
	int have_irq;
	int cached;                /* cache holds a time read after an update */
	struct rtc_time cache;
	unsigned cached_at;        /* sys_uptime() of that read */
	unsigned update_irqs;      /* interrupts with the update-ended flag */
	unsigned chip_reads;       /* RTC_GETs answered by reading the chip */
} rtc;

/*
 * Bit 7 of the index port disables NMI.  The port cannot be read back on
 * most chipsets, so "as it was" is unknowable; the kernel never disables
 * NMI, so every index is written with it clear (NMI enabled).
 */
static uint8_t cmos_read(uint8_t reg)
{
	u_outb(CMOS_INDEX, reg & 0x7F);
	return u_inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	u_outb(CMOS_INDEX, reg & 0x7F);
	u_outb(CMOS_DATA, v);
}

static int wait_not_updating(void)
{
	unsigned deadline = (unsigned)sys_uptime() + UIP_TICKS;
	while (cmos_read(REG_A) & A_UIP)
		if ((unsigned)sys_uptime() > deadline)
			return -1;
	return 0;
}

static int read_raw_once(struct rtc_raw *r)
{
	if (wait_not_updating())
		return -1;
	*r = (struct rtc_raw){ cmos_read(REG_SEC), cmos_read(REG_MIN), cmos_read(REG_HOUR),
			       cmos_read(REG_DAY), cmos_read(REG_MONTH), cmos_read(REG_YEAR),
			       cmos_read(REG_CENTURY) };
	return 0;
}

/* Returns 0 or the E_x status RTC_GET answers with. */
static unsigned read_chip(struct rtc_time *t)
{
	struct rtc_raw prev, cur;
	if (rtc.absent)
		return E_NOENT;
	if (read_raw_once(&prev))
		return E_AGAIN;
	for (int i = 0; i < READ_TRIES; i++) {
		if (read_raw_once(&cur))
			return E_AGAIN;
		if (rtc_raw_equal(&prev, &cur))
			return rtc_decode(&cur, cmos_read(REG_B), t) ? E_RANGE : 0;
		prev = cur;
	}
	return E_AGAIN;
}

/* Nothing drives the bus: every register reads 0xFF (register D is 0x80 on a live chip). */
static int chip_absent(void)
{
	return cmos_read(REG_A) == 0xFF && cmos_read(REG_B) == 0xFF && cmos_read(REG_D) == 0xFF;
}

/* Update-ended interrupts only: periodic and alarm ones would be noise to us. */
static void setup_irq(void)
{
	long r = sys_ntf_create(SLOT_NTF);
	if (!r)
		r = sys_ntf_bind(SLOT_NTF);
	if (!r)
		r = sys_irq_bind(SLOT_IRQ(0), SLOT_NTF);
	if (r) {
		printf("rtc: no interrupt (%s): reading the chip on every request\n", strerror(r));
		return;
	}
	uint8_t b = cmos_read(REG_B);
	cmos_write(REG_B, (uint8_t)((b | B_UIE) & ~(B_PIE | B_AIE)));
	cmos_read(REG_C);          /* drop anything latched before */
	rtc.have_irq = 1;
}

static void on_interrupt(void)
{
	struct rtc_time t;
	if (cmos_read(REG_C) & C_UF) {
		rtc.update_irqs++;
		if (read_chip(&t) == 0) {
			rtc.cache = t;
			rtc.cached_at = (unsigned)sys_uptime();
			rtc.cached = 1;
		}
	}
	sys_irq_ack(SLOT_IRQ(0));
}

static unsigned get_time(struct rtc_time *t)
{
	if (rtc.cached && (unsigned)sys_uptime() - rtc.cached_at <= STALE_TICKS) {
		*t = rtc.cache;
		return 0;
	}
	rtc.chip_reads++;
	return read_chip(t);
}

static void serve(struct ipc_msg *m)
{
	struct rtc_time t;
	unsigned status;
	switch (IPC_TAG_LABEL(m->tag)) {
	case RTC_GET:
		status = get_time(&t);
		*m = ipc_msg(status, 0, 0);
		if (!status)
			rtc_pack(&t, &m->w0, &m->w1);
		break;
	case RTC_STATS:
		*m = ipc_msg(0, rtc.update_irqs, rtc.chip_reads);
		break;
	default:
		*m = ipc_msg(E_NOSYS, 0, 0);
		break;
	}
}

static void report_start(void)
{
	struct rtc_time t;
	if (rtc.absent) {
		printf("rtc: no chip at 0x70 (every register reads 0xff); RTC_GET answers E_NOENT\n");
		return;
	}
	uint8_t b = cmos_read(REG_B);
	unsigned status = read_chip(&t);
	if (status) {
		printf("rtc: cannot read the time: %s\n", strerror((long)status));
		return;
	}
	printf("rtc: %04u-%02u-%02u %02u:%02u:%02u (%s, %s%s)\n", t.year, t.month, t.day, t.hour,
	       t.min, t.sec, (b & RTC_B_BINARY) ? "binary" : "BCD", (b & RTC_B_24H) ? "24h" : "12h",
	       (b & B_SET) ? ", updates halted" : "");
}

int main(void)
{
	struct ipc_msg m;
	rtc.absent = chip_absent();
	if (!rtc.absent)
		setup_irq();
	report_start();
	long r = ipc_recv(SLOT_SERVICE, &m);
	for (;;) {
		if (r) {
			printf("rtc: receive failed: %s\n", strerror(r));
			return 2;
		}
		if (IPC_TAG_LABEL(m.tag) == IPC_LABEL_NOTIFY) {
			if (rtc.have_irq && (m.badge & (1u << RTC_IRQ)))
				on_interrupt();
			r = ipc_recv(SLOT_SERVICE, &m);
			continue;
		}
		serve(&m);
		r = ipc_reply_recv(SLOT_SERVICE, &m);
	}
}
