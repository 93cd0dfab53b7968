/*
 * test_rtcdate.c - drivers/rtc/rtcdate.c: the RTC's registers in every
 * mode the chip has (BCD or binary, 12- or 24-hour), the century
 * register, malformed and impossible dates, and the message packing.
 * Expected Unix times come from Python's datetime (UTC).
 */
#include "drivers/rtc/rtcdate.h"
#include "tests/unit/unit.h"

#define BCD24 RTC_B_24H
#define BIN24 (RTC_B_24H | RTC_B_BINARY)
#define BCD12 0
#define BIN12 RTC_B_BINARY

static void expect_time(const struct rtc_time *t, unsigned y, unsigned mo, unsigned d,
			unsigned h, unsigned mi, unsigned s)
{
	ck_assert_uint_eq(t->year, y);
	ck_assert_uint_eq(t->month, mo);
	ck_assert_uint_eq(t->day, d);
	ck_assert_uint_eq(t->hour, h);
	ck_assert_uint_eq(t->min, mi);
	ck_assert_uint_eq(t->sec, s);
}

START_TEST(test_bcd_digits)
{
	ck_assert_int_eq(rtc_bcd(0x00), 0);
	ck_assert_int_eq(rtc_bcd(0x59), 59);
	ck_assert_int_eq(rtc_bcd(0x99), 99);
	ck_assert_int_eq(rtc_bcd(0x0A), -1);
	ck_assert_int_eq(rtc_bcd(0xA0), -1);
	ck_assert_int_eq(rtc_bcd(0xFF), -1);
}
END_TEST

/* The same instant as the chip keeps it in BCD and in binary. */
START_TEST(test_decode_24h_bcd_and_binary)
{
	static const struct { struct rtc_raw raw; uint8_t reg_b; } cases[] = {
		{ { 0x56, 0x34, 0x23, 0x29, 0x02, 0x24, 0x20 }, BCD24 },
		{ { 56, 34, 23, 29, 2, 24, 20 }, BIN24 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rtc_time t;
		ck_assert_int_eq(rtc_decode(&cases[i].raw, cases[i].reg_b, &t), 0);
		expect_time(&t, 2024, 2, 29, 23, 34, 56);
	}
}
END_TEST

/* 12 AM is midnight, 12 PM noon; PM is bit 7 on top of the BCD or binary number. */
START_TEST(test_decode_12h)
{
	static const struct { uint8_t raw, reg_b; int hour; } cases[] = {
		{ 0x12, BCD12, 0 },  { 0x01, BCD12, 1 },  { 0x11, BCD12, 11 },
		{ 0x92, BCD12, 12 }, { 0x81, BCD12, 13 }, { 0x91, BCD12, 23 },
		{ 12, BIN12, 0 },    { 0x80 | 12, BIN12, 12 }, { 0x80 | 11, BIN12, 23 },
		{ 0x00, BCD12, -1 }, { 0x13, BCD12, -1 }, { 0x80, BCD12, -1 }, { 13, BIN12, -1 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rtc_raw r = { 0, 0, cases[i].raw, 1, 1, 0, 0x20 };
		struct rtc_time t;
		int ok = rtc_decode(&r, cases[i].reg_b, &t);
		if (cases[i].hour < 0) {
			ck_assert_msg(ok == -1, "case %u: 0x%02x accepted", i, cases[i].raw);
		} else {
			ck_assert_msg(ok == 0, "case %u: 0x%02x refused", i, cases[i].raw);
			ck_assert_uint_eq(t.hour, (unsigned)cases[i].hour);
		}
	}
}
END_TEST

/* A PM flag in 24-hour mode is not a time. */
START_TEST(test_decode_24h_rejects_pm_flag)
{
	struct rtc_raw r = { 0, 0, 0x81, 1, 1, 0, 0x20 };
	struct rtc_time t;
	ck_assert_int_eq(rtc_decode(&r, BCD24, &t), -1);
}
END_TEST

START_TEST(test_century_register)
{
	struct rtc_raw r = { 0, 0, 0, 0x31, 0x12, 0x99, 0x19 };
	struct rtc_time t;
	ck_assert_int_eq(rtc_decode(&r, BCD24, &t), 0);
	ck_assert_uint_eq(t.year, 1999);
	r.century = 0x21;
	ck_assert_int_eq(rtc_decode(&r, BCD24, &t), 0);
	ck_assert_uint_eq(t.year, 2199);
}
END_TEST

/* Garbage or nothing in register 0x32 means the 21st century, not a failure. */
START_TEST(test_century_garbage_means_2000s)
{
	static const uint8_t junk[] = { 0x00, 0x18, 0x22, 0x99, 0xFF, 0x3A };
	for (unsigned i = 0; i < sizeof(junk); i++) {
		struct rtc_raw r = { 0, 0, 0, 0x15, 0x06, 0x25, junk[i] };
		struct rtc_time t;
		ck_assert_int_eq(rtc_decode(&r, BCD24, &t), 0);
		ck_assert_uint_eq(t.year, 2025);
	}
	struct rtc_raw b = { 0, 0, 0, 15, 6, 25, 20 };
	struct rtc_time t;
	ck_assert_int_eq(rtc_decode(&b, BIN24, &t), 0);
	ck_assert_uint_eq(t.year, 2025);
}
END_TEST

START_TEST(test_decode_rejects_bad_fields)
{
	static const struct rtc_raw bad[] = {
		{ 0x60, 0, 0, 1, 1, 0, 0x20 },       /* second 60 */
		{ 0, 0x5A, 0, 1, 1, 0, 0x20 },       /* not BCD */
		{ 0, 0, 0x24, 1, 1, 0, 0x20 },       /* hour 24 */
		{ 0, 0, 0, 0x00, 1, 0, 0x20 },       /* day 0 */
		{ 0, 0, 0, 0x32, 1, 0, 0x20 },       /* January 32 */
		{ 0, 0, 0, 0x01, 0x00, 0, 0x20 },    /* month 0 */
		{ 0, 0, 0, 0x01, 0x13, 0, 0x20 },    /* month 13 */
		{ 0, 0, 0, 0x29, 0x02, 0x23, 0x20 }, /* 2023-02-29 */
		{ 0, 0, 0, 0x31, 0x04, 0x24, 0x20 }, /* April 31 */
		{ 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, /* nothing on the bus */
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rtc_time t;
		ck_assert_msg(rtc_decode(&bad[i], BCD24, &t) == -1, "case %u accepted", i);
	}
	struct rtc_raw big = { 0, 0, 0, 1, 1, 100, 20 };   /* binary year 100 */
	struct rtc_time t;
	ck_assert_int_eq(rtc_decode(&big, BIN24, &t), -1);
	big.year = 0xFF;
	ck_assert_int_eq(rtc_decode(&big, BIN24, &t), -1);
}
END_TEST

START_TEST(test_leap_years)
{
	ck_assert_uint_eq(rtc_days_in_month(2024, 2), 29);
	ck_assert_uint_eq(rtc_days_in_month(2023, 2), 28);
	ck_assert_uint_eq(rtc_days_in_month(2000, 2), 29);
	ck_assert_uint_eq(rtc_days_in_month(2100, 2), 28);
	ck_assert_uint_eq(rtc_days_in_month(1900, 2), 28);
	ck_assert_uint_eq(rtc_days_in_month(2023, 12), 31);
	ck_assert_uint_eq(rtc_days_in_month(2023, 0), 0);
	ck_assert_uint_eq(rtc_days_in_month(2023, 13), 0);
}
END_TEST

START_TEST(test_unix_seconds)
{
	static const struct { struct rtc_time t; int64_t s; } cases[] = {
		{ { 1970, 1, 1, 0, 0, 0 }, 0 },
		{ { 1999, 12, 31, 23, 59, 59 }, 946684799 },
		{ { 2000, 1, 1, 0, 0, 0 }, 946684800 },
		{ { 2024, 2, 29, 12, 34, 56 }, 1709210096 },
		{ { 2099, 12, 31, 23, 59, 59 }, 4102444799LL },
		{ { 2100, 3, 1, 0, 0, 0 }, 4107542400LL },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_int_eq(rtc_unix_seconds(&cases[i].t), cases[i].s);
}
END_TEST

START_TEST(test_pack_round_trip)
{
	struct rtc_time t = { 2031, 12, 31, 23, 59, 58 }, u;
	unsigned w0, w1;
	rtc_pack(&t, &w0, &w1);
	ck_assert_uint_eq(w0, 2031u << 16 | 12u << 8 | 31u);
	ck_assert_uint_eq(w1, 23u << 16 | 59u << 8 | 58u);
	rtc_unpack(w0, w1, &u);
	expect_time(&u, 2031, 12, 31, 23, 59, 58);
}
END_TEST

START_TEST(test_raw_equal)
{
	struct rtc_raw a = { 1, 2, 3, 4, 5, 6, 7 }, b = a;
	ck_assert(rtc_raw_equal(&a, &b));
	b.century = 8;
	ck_assert(!rtc_raw_equal(&a, &b));
	b = a;
	b.sec = 2;
	ck_assert(!rtc_raw_equal(&a, &b));
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("rtcdate");
	TCase *tc = tcase_create("rtcdate");
	tcase_add_test(tc, test_bcd_digits);
	tcase_add_test(tc, test_decode_24h_bcd_and_binary);
	tcase_add_test(tc, test_decode_12h);
	tcase_add_test(tc, test_decode_24h_rejects_pm_flag);
	tcase_add_test(tc, test_century_register);
	tcase_add_test(tc, test_century_garbage_means_2000s);
	tcase_add_test(tc, test_decode_rejects_bad_fields);
	tcase_add_test(tc, test_leap_years);
	tcase_add_test(tc, test_unix_seconds);
	tcase_add_test(tc, test_pack_round_trip);
	tcase_add_test(tc, test_raw_equal);
	suite_add_tcase(s, tc);
	return s;
}
