/*
 * test_scancode.c - drivers/ps2kbd/scancode.c: set 1 scan code sequences,
 * as a translating i8042 delivers them, into the characters they type.
 * EXPECT_TYPED feeds every byte and compares what came out, in order.
 */
#include <string.h>

#include "drivers/ps2kbd/scancode.h"
#include "tests/unit/unit.h"

static struct kbd_state st;

static void setup(void)
{
	memset(&st, 0x5A, sizeof(st));    /* kbd_reset must clear every field */
	kbd_reset(&st);
}

/* The characters codes[0..n-1] type, as a string (so '\0' cannot come out unnoticed). */
static const char *typed(const uint8_t *codes, size_t n)
{
	static char out[256];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		int c = kbd_translate(&st, codes[i]);
		ck_assert(c == KBD_NONE || (c > 0 && c < 256));
		if (c != KBD_NONE)
			out[len++] = (char)c;
		ck_assert_uint_lt(len, sizeof(out));
	}
	out[len] = 0;
	return out;
}

#define EXPECT_TYPED(expect, ...)                                                     \
	do {                                                                          \
		static const uint8_t codes_[] = { __VA_ARGS__ };                      \
		ck_assert_str_eq(typed(codes_, sizeof(codes_)), expect);              \
	} while (0)

/* Presses and releases each make code in turn. */
static const char *tap_all(uint8_t first, uint8_t last)
{
	uint8_t codes[256];
	size_t n = 0;
	for (unsigned c = first; c <= last; c++) {
		codes[n++] = (uint8_t)c;
		codes[n++] = (uint8_t)(c | 0x80);
	}
	return typed(codes, n);
}

START_TEST(test_letters_make_and_break)
{
	EXPECT_TYPED("h", 0x23);
	EXPECT_TYPED("", 0xA3);
	EXPECT_TYPED("hello", 0x23, 0xA3, 0x12, 0x92, 0x26, 0xA6, 0x26, 0xA6, 0x18, 0x98);
	ck_assert_str_eq(tap_all(0x10, 0x19), "qwertyuiop");
	ck_assert_str_eq(tap_all(0x1E, 0x26), "asdfghjkl");
	ck_assert_str_eq(tap_all(0x2C, 0x32), "zxcvbnm");
}
END_TEST

/* Typematic repeat: a held key sends its make code again and again. */
START_TEST(test_repeat_types_again)
{
	EXPECT_TYPED("aaa", 0x1E, 0x1E, 0x1E, 0x9E);
}
END_TEST

START_TEST(test_digits_and_punctuation)
{
	ck_assert_str_eq(tap_all(0x02, 0x0D), "1234567890-=");
	EXPECT_TYPED("[];'`\\,./", 0x1A, 0x1B, 0x27, 0x28, 0x29, 0x2B, 0x33, 0x34, 0x35);
	EXPECT_TYPED(" ", 0x39, 0xB9);
}
END_TEST

START_TEST(test_shift_both_sides)
{
	EXPECT_TYPED("!@#$%^&*()_+", 0x2A, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A,
		     0x0B, 0x0C, 0x0D, 0xAA);
	EXPECT_TYPED("{}:\"~|<>?", 0x36, 0x1A, 0x1B, 0x27, 0x28, 0x29, 0x2B, 0x33, 0x34, 0x35, 0xB6);
	EXPECT_TYPED("HeLLo", 0x2A, 0x23, 0xA3, 0xAA, 0x12, 0x36, 0x26, 0x26, 0xB6, 0x18);
	/* Both held, one let go: still shifted. */
	EXPECT_TYPED("AAa", 0x2A, 0x36, 0x1E, 0xAA, 0x1E, 0xB6, 0x1E);
}
END_TEST

START_TEST(test_hello_world_as_qemu_sends_it)
{
	EXPECT_TYPED("Hello, World!\n",
		     0x2A, 0x23, 0xA3, 0xAA,              /* shift-h */
		     0x12, 0x92, 0x26, 0xA6, 0x26, 0xA6, 0x18, 0x98,
		     0x33, 0xB3, 0x39, 0xB9,              /* comma, space */
		     0x2A, 0x11, 0x91, 0xAA,              /* shift-w */
		     0x18, 0x98, 0x13, 0x93, 0x26, 0xA6, 0x20, 0xA0,
		     0x2A, 0x02, 0x82, 0xAA,              /* shift-1 */
		     0x1C, 0x9C);
}
END_TEST

START_TEST(test_enter_backspace_tab_escape)
{
	EXPECT_TYPED("\n\b\t\033", 0x1C, 0x9C, 0x0E, 0x8E, 0x0F, 0x8F, 0x01, 0x81);
	/* Shift changes none of them. */
	EXPECT_TYPED("\n\b\t\033", 0x2A, 0x1C, 0x0E, 0x0F, 0x01, 0xAA);
}
END_TEST

START_TEST(test_caps_lock)
{
	EXPECT_TYPED("A", 0x3A, 0xBA, 0x1E);
	EXPECT_TYPED("a1[", 0x2A, 0x1E, 0xAA, 0x02, 0x1A);     /* shift undoes it; not digits or [ */
	EXPECT_TYPED("a", 0x3A, 0xBA, 0x1E);                   /* off again */
}
END_TEST

/* A held Caps Lock repeats its make code: only the first press toggles. */
START_TEST(test_caps_lock_repeat_toggles_once)
{
	EXPECT_TYPED("B", 0x3A, 0x3A, 0x3A, 0x3A, 0xBA, 0x30);
	EXPECT_TYPED("b", 0x3A, 0x3A, 0xBA, 0x30);
}
END_TEST

START_TEST(test_ctrl_letters)
{
	EXPECT_TYPED("\003", 0x1D, 0x2E, 0xAE, 0x9D);          /* Ctrl+C */
	EXPECT_TYPED("c", 0x2E);                               /* released */
	EXPECT_TYPED("\004", 0xE0, 0x1D, 0x20, 0xE0, 0x9D);    /* right Ctrl+D */
	EXPECT_TYPED("d", 0x20);
	/* Shift and Caps Lock do not matter; other keys type as usual. */
	EXPECT_TYPED("\001\032", 0x3A, 0xBA, 0x2A, 0x1D, 0x1E, 0x2C, 0xAA, 0x9D);
	EXPECT_TYPED("\0321\n", 0x1D, 0x2C, 0x02, 0x1C, 0x9D);
}
END_TEST

/* Right Ctrl released must not release a left Ctrl still held, and the other way round. */
START_TEST(test_ctrl_sides_independent)
{
	EXPECT_TYPED("\001", 0x1D, 0xE0, 0x1D, 0xE0, 0x9D, 0x1E);
	EXPECT_TYPED("\001", 0x9D, 0xE0, 0x1D, 0x1E);
	EXPECT_TYPED("a", 0xE0, 0x9D, 0x1E);
}
END_TEST

START_TEST(test_keypad)
{
	ck_assert_str_eq(tap_all(0x47, 0x53), "789-456+1230.");
	EXPECT_TYPED("*", 0x37, 0xB7);
	EXPECT_TYPED("\n/", 0xE0, 0x1C, 0xE0, 0x9C, 0xE0, 0x35, 0xE0, 0xB5);
}
END_TEST

/* E0 48 is Up, not keypad 8; the same for every grey key over a keypad code. */
START_TEST(test_extended_prefix_not_keypad)
{
	EXPECT_TYPED("", 0xE0, 0x48, 0xE0, 0xC8);             /* Up */
	EXPECT_TYPED("", 0xE0, 0x50, 0xE0, 0x4B, 0xE0, 0x4D); /* Down, Left, Right */
	EXPECT_TYPED("", 0xE0, 0x47, 0xE0, 0x4F, 0xE0, 0x49, 0xE0, 0x51); /* Home End PgUp PgDn */
	EXPECT_TYPED("", 0xE0, 0x52, 0xE0, 0x53);             /* Insert, Delete */
	EXPECT_TYPED("", 0xE0, 0x38, 0xE0, 0x5B, 0xE0, 0x5D); /* AltGr, Windows, Menu */
	/* The prefix covers one byte only. */
	EXPECT_TYPED("8", 0xE0, 0x48, 0x48);
	EXPECT_TYPED("x", 0xE0, 0xC8, 0x2D);
}
END_TEST

/* Keyboards wrap grey keys in fake shifts (E0 2A / E0 AA ...): the shift state must not move. */
START_TEST(test_fake_shifts_ignored)
{
	EXPECT_TYPED("a", 0xE0, 0x2A, 0xE0, 0x48, 0xE0, 0xC8, 0x1E);
	EXPECT_TYPED("A", 0x2A, 0xE0, 0xAA, 0xE0, 0x52, 0xE0, 0xD2, 0x1E, 0xAA);
	EXPECT_TYPED("a", 0xE0, 0x36, 0x1E, 0xE0, 0xB6);
	EXPECT_TYPED("A", 0x36, 0xE0, 0xB6, 0x1E, 0xB6);
}
END_TEST

/* Pause: E1 1D 45 E1 9D C5.  Its 1D must not leave Ctrl held. */
START_TEST(test_pause_swallowed)
{
	EXPECT_TYPED("", 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
	EXPECT_TYPED("a", 0x1E);
	EXPECT_TYPED("", 0xE1, 0x1D, 0x45);
	EXPECT_TYPED("b", 0x30);
	/* An E0 just before E1 does not carry over past it. */
	EXPECT_TYPED("8", 0xE0, 0xE1, 0x1D, 0x45, 0x48);
}
END_TEST

START_TEST(test_unknown_codes_dropped)
{
	/* Alt, the F keys, Num/Scroll Lock, codes past the table, controller replies. */
	EXPECT_TYPED("", 0x38, 0xB8, 0x3B, 0x44, 0x45, 0x46, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
		     0x7F, 0xFF, 0x00, 0x80);
	EXPECT_TYPED("", 0xFA, 0xFE, 0xEE, 0xFC);
	/* ...and none of them disturbed the state. */
	EXPECT_TYPED("q", 0x10);
	for (unsigned c = 0x59; c < 0x80; c++)
		ck_assert_int_eq(kbd_translate(&st, (uint8_t)c), KBD_NONE);
	for (unsigned c = 0x80; c < 0x100; c++)
		if (c != 0xE0 && c != 0xE1)
			ck_assert_int_eq(kbd_translate(&st, (uint8_t)c), KBD_NONE);
}
END_TEST

/* Every single byte, in any state: a character or nothing, never garbage. */
START_TEST(test_every_code_is_printable_or_control)
{
	for (unsigned mods = 0; mods < 8; mods++)
		for (unsigned c = 0; c < 0x100; c++) {
			kbd_reset(&st);
			if (mods & 1)
				kbd_translate(&st, 0x2A);
			if (mods & 2)
				kbd_translate(&st, 0x1D);
			if (mods & 4)
				kbd_translate(&st, 0x3A);
			int r = kbd_translate(&st, (uint8_t)c);
			ck_assert(r == KBD_NONE || (r >= 1 && r <= 0x7E));
		}
}
END_TEST

START_TEST(test_reset_forgets_state)
{
	EXPECT_TYPED("", 0x2A, 0x1D, 0x3A, 0xE0);
	kbd_reset(&st);
	EXPECT_TYPED("a8", 0x1E, 0x48);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("ps2kbd scancode");
	TCase *tc = tcase_create("translate");
	tcase_add_checked_fixture(tc, setup, 0);
	tcase_add_test(tc, test_letters_make_and_break);
	tcase_add_test(tc, test_repeat_types_again);
	tcase_add_test(tc, test_digits_and_punctuation);
	tcase_add_test(tc, test_shift_both_sides);
	tcase_add_test(tc, test_hello_world_as_qemu_sends_it);
	tcase_add_test(tc, test_enter_backspace_tab_escape);
	tcase_add_test(tc, test_caps_lock);
	tcase_add_test(tc, test_caps_lock_repeat_toggles_once);
	tcase_add_test(tc, test_ctrl_letters);
	tcase_add_test(tc, test_ctrl_sides_independent);
	tcase_add_test(tc, test_keypad);
	tcase_add_test(tc, test_extended_prefix_not_keypad);
	tcase_add_test(tc, test_fake_shifts_ignored);
	tcase_add_test(tc, test_pause_swallowed);
	tcase_add_test(tc, test_unknown_codes_dropped);
	tcase_add_test(tc, test_every_code_is_printable_or_control);
	tcase_add_test(tc, test_reset_forgets_state);
	suite_add_tcase(s, tc);
	return s;
}
