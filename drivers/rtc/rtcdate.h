/*
 * rtcdate.h - turning the MC146818 RTC's registers into a date, pure C:
 * BCD or binary, 12- or 24-hour, the century register, validity, and the
 * RTC_GET message layout (user/lib/proto.h).  The driver (rtc.c) and the
 * boot tests use it; tests/unit/test_rtcdate.c tests it on the host.
 */
#ifndef DRIVERS_RTC_RTCDATE_H
#define DRIVERS_RTC_RTCDATE_H

#include <stdint.h>

/* Status register B bits that change how the time registers read. */
#define RTC_B_24H    0x02u   /* 24-hour mode (else 12-hour, PM = hour bit 7) */
#define RTC_B_BINARY 0x04u   /* binary (else BCD) */
#define RTC_HOUR_PM  0x80u

/* The time registers as read: 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 and 0x32. */
struct rtc_raw {
	uint8_t sec, min, hour, day, month, year, century;
};

struct rtc_time {
	unsigned year, month, day, hour, min, sec;
};

/* A packed BCD byte's value, or -1 if a digit is above 9. */
int rtc_bcd(uint8_t v);
/* Two reads are the same instant (the driver reads until two agree). */
int rtc_raw_equal(const struct rtc_raw *a, const struct rtc_raw *b);
/*
 * raw read in the mode reg_b says into *t.  The year is 2000 + the year
 * register unless the century register decodes to 19..21.  Returns 0, or
 * -1 if any field is malformed or the date does not exist.
 */
int rtc_decode(const struct rtc_raw *raw, uint8_t reg_b, struct rtc_time *t);
unsigned rtc_days_in_month(unsigned year, unsigned month);
int rtc_valid(const struct rtc_time *t);
/* Seconds since 1970-01-01 00:00:00 (the RTC keeps no zone: QEMU's is UTC). */
int64_t rtc_unix_seconds(const struct rtc_time *t);
/* RTC_GET's reply words: w0 = year<<16 | month<<8 | day, w1 = hour<<16 | min<<8 | sec. */
void rtc_pack(const struct rtc_time *t, unsigned *w0, unsigned *w1);
void rtc_unpack(unsigned w0, unsigned w1, struct rtc_time *t);

#endif
