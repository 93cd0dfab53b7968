/* rtcdate.c - the RTC's registers as a date (rtcdate.h). */
#include "drivers/rtc/rtcdate.h"

int rtc_bcd(uint8_t v)
{
	if ((v >> 4) > 9 || (v & 0xF) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0xF);
}

int rtc_raw_equal(const struct rtc_raw *a, const struct rtc_raw *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year && a->century == b->century;
}

static int field(uint8_t v, uint8_t reg_b)
{
	return (reg_b & RTC_B_BINARY) ? v : rtc_bcd(v);
}

/* 12-hour mode counts 12, 1, ..., 11 with the PM flag on top of the number. */
static int decode_hour(uint8_t raw, uint8_t reg_b)
{
	if (reg_b & RTC_B_24H)
		return (raw & RTC_HOUR_PM) ? -1 : field(raw, reg_b);
	int h = field(raw & (uint8_t)~RTC_HOUR_PM, reg_b);
	if (h < 1 || h > 12)
		return -1;
	return h % 12 + ((raw & RTC_HOUR_PM) ? 12 : 0);
}

int rtc_decode(const struct rtc_raw *raw, uint8_t reg_b, struct rtc_time *t)
{
	int sec = field(raw->sec, reg_b), min = field(raw->min, reg_b);
	int hour = decode_hour(raw->hour, reg_b);
	int day = field(raw->day, reg_b), month = field(raw->month, reg_b);
	int year = field(raw->year, reg_b), century = field(raw->century, reg_b);
	if (sec < 0 || min < 0 || hour < 0 || day < 0 || month < 0 || year < 0 || year > 99)
		return -1;
	/* Register 0x32 is only a convention (ACPI's FADT names it); elsewhere it holds anything. */
	if (century < 19 || century > 21)
		century = 20;
	*t = (struct rtc_time){ (unsigned)(century * 100 + year), (unsigned)month, (unsigned)day,
				(unsigned)hour, (unsigned)min, (unsigned)sec };
	return rtc_valid(t) ? 0 : -1;
}

static int leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned rtc_days_in_month(unsigned year, unsigned month)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && leap(year));
}

int rtc_valid(const struct rtc_time *t)
{
	return t->year >= 1900 && t->year <= 2199 && t->day >= 1 &&
	       t->day <= rtc_days_in_month(t->year, t->month) && t->hour < 24 && t->min < 60 &&
	       t->sec < 60;
}

/* Days from 1970-01-01 to year-month-day (H. Hinnant's days_from_civil, years >= 1900). */
static int days_since_epoch(unsigned y, unsigned m, unsigned d)
{
	y -= m <= 2;
	unsigned yoe = y % 400;
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int)(y / 400) * 146097 + (int)doe - 719468;
}

int64_t rtc_unix_seconds(const struct rtc_time *t)
{
	int64_t days = days_since_epoch(t->year, t->month, t->day);
	return days * 86400 + t->hour * 3600 + t->min * 60 + t->sec;
}

void rtc_pack(const struct rtc_time *t, unsigned *w0, unsigned *w1)
{
	*w0 = t->year << 16 | (t->month & 0xFF) << 8 | (t->day & 0xFF);
	*w1 = (t->hour & 0xFF) << 16 | (t->min & 0xFF) << 8 | (t->sec & 0xFF);
}

void rtc_unpack(unsigned w0, unsigned w1, struct rtc_time *t)
{
	*t = (struct rtc_time){ w0 >> 16, (w0 >> 8) & 0xFF, w0 & 0xFF,
				(w1 >> 16) & 0xFF, (w1 >> 8) & 0xFF, w1 & 0xFF };
}
