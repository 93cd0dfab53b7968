/*
 * drvtests_rtc.c - the rtc driver (drivers/rtc) on QEMU's MC146818: a
 * plausible date, time that moves with the update interrupts, and a
 * driver missing one of its ports is trapped on it.
 */
#include "drivers/rtc/rtcdate.h"
#include "user/lib/proto.h"
#include "user/usertests/drvstart.h"
#include "user/usertests/drvtests.h"
#include "user/usertests/ipctests.h"

#define RTC_IRQ 8

static const struct ioports rtc_ports = { 0x70, 2, IOR_ALL };

static int get_time(struct rtc_time *t)
{
	struct ipc_msg m;
	CHECK_EQ(drv_call(DRV_CLIENT, RTC_GET, 0, 0, &m), 0);
	rtc_unpack(m.w0, m.w1, t);
	printf("# rtc: %04u-%02u-%02u %02u:%02u:%02u\n", t->year, t->month, t->day, t->hour,
	       t->min, t->sec);
	CHECK(t->year >= 2020 && t->year <= 2099);
	CHECK(t->month >= 1 && t->month <= 12);
	CHECK(t->day >= 1 && t->day <= 31);
	CHECK(t->hour < 24 && t->min < 60 && t->sec < 60);
	return 0;
}

static int get_stats(unsigned *irqs, unsigned *chip_reads)
{
	struct ipc_msg m;
	CHECK_EQ(drv_call(DRV_CLIENT, RTC_STATS, 0, 0, &m), 0);
	*irqs = m.w0;
	*chip_reads = m.w1;
	return 0;
}

/*
 * The second RTC_GET, 2.5 s after the first, must have come from the
 * cache (no more chip reads) and yet have advanced: the update interrupts
 * kept it fresh.
 */
static int date_and_interrupts(void)
{
	struct rtc_time a, b;
	unsigned irqs0, reads0, irqs1, reads1;
	struct ipc_msg m;
	CHECK_EQ(get_time(&a), 0);
	CHECK_EQ(get_stats(&irqs0, &reads0), 0);
	CHECK_EQ(sys_sleep(TIMER_HZ * 5 / 2), 0);
	CHECK_EQ(get_time(&b), 0);
	CHECK_EQ(get_stats(&irqs1, &reads1), 0);
	long delta = (long)(rtc_unix_seconds(&b) - rtc_unix_seconds(&a));
	printf("# rtc: advanced %ld s; update interrupts %u -> %u, chip reads %u -> %u\n", delta,
	       irqs0, irqs1, reads0, reads1);
	CHECK(delta >= 1 && delta <= 10);
	CHECK(irqs1 > irqs0);
	CHECK_EQ(reads1, reads0);
	CHECK_EQ(drv_call(DRV_CLIENT, 0x2FF, 0, 0, &m), -E_NOSYS);
	return 0;
}

int t_rtc_date_and_update_interrupts(void)
{
	static const struct drv_spec spec = { "rtc", &rtc_ports, 1, 1u << RTC_IRQ, 1, 0 };
	return drv_run(&spec, date_and_interrupts);
}

/* Given the index port but not the data port, its first register read traps. */
int t_rtc_port_outside_grant_traps(void)
{
	static const struct ioports index_only = { 0x70, 1, IOR_ALL };
	static const struct drv_spec spec = { "rtc", &index_only, 1, 0, 1, 0 };
	struct supmsg m;
	/*
	 * A supervisor from now on: until its first supervise() a task's
	 * faulting child is killed, not stopped, and on two CPUs the driver
	 * can reach its fault before the call below (the whole suite's first
	 * supervise(); once, in the fresh Debian run, it did: SUP_EXIT).
	 */
	sys_supervise(&m, SUP_POLL);
	int tid = drv_start(&spec);
	CHECK(tid > 0);
	long r = sys_supervise(&m, 0);
	if (!r)
		sys_fault_reply(m.tid, FA_KILL);
	CHECK_EQ(drv_stop(tid), 0);
	CHECK_EQ(r, 0);
	printf("# rtc with 0x70 only: kind %d vector %d op %d port 0x%x width %u\n", m.kind, m.vector,
	       m.io_op, m.port, m.width);
	CHECK_EQ(m.tid, tid);
	CHECK_EQ(m.kind, SUP_FAULT);
	CHECK_EQ(m.vector, 13);
	CHECK_EQ(m.io_op, IOOP_IN);
	CHECK_EQ(m.port, 0x71);
	CHECK_EQ(m.width, 1);
	return 0;
}

static int rtc_tid;

/*
 * Restarted twice, the rtc still gets its update interrupts (issue 11: the
 * second incarnation found its own notification slot occupied, bound no
 * interrupt and fell back to reading the chip on every request).  The
 * counters are the new incarnation's: they start again at 0.
 */
static int interrupts_after_restart(void)
{
	struct rtc_time t;
	struct taskinfo ti;
	unsigned irqs, reads;
	for (unsigned round = 0; round < 2; round++) {
		CHECK_EQ(get_time(&t), 0);            /* it serves: waiting in recv now */
		CHECK_EQ(sys_taskinfo(rtc_tid, &ti), 0);
		CHECK_EQ(ti.restarts, round);
		CHECK_EQ(sys_restart(rtc_tid), 0);
	}
	CHECK_EQ(get_time(&t), 0);
	CHECK_EQ(sys_taskinfo(rtc_tid, &ti), 0);
	CHECK_EQ(ti.restarts, 2);
	CHECK_EQ(sys_sleep(TIMER_HZ * 5 / 2), 0);
	CHECK_EQ(get_stats(&irqs, &reads), 0);
	printf("# rtc after 2 restarts: %u update interrupts, %u chip reads\n", irqs, reads);
	CHECK(irqs >= 1);
	return 0;
}

int t_rtc_restart_keeps_interrupts(void)
{
	static const struct drv_spec spec = { "rtc", &rtc_ports, 1, 1u << RTC_IRQ, 1, 0 };
	ipc_fresh();                              /* run among the IPC tests: free their slots */
	rtc_tid = drv_start(&spec);
	CHECK(rtc_tid > 0);
	int r = interrupts_after_restart();
	CHECK_EQ(drv_stop(rtc_tid), 0);
	return r;
}
