/*
 * test_vgatext.c - drivers/vga/vgatext.c, the text screen the VGA driver
 * draws the console on: characters and their attribute, new lines, the
 * lazy wrap, scrolling, backspace, tab, escape sequences, the cursor and
 * the dirty rows.  The screen is a heap block filled with garbage before
 * vgatext_init, so a cell or field that init forgets shows up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/vga/vgatext.h"
#include "tests/unit/unit.h"

static struct vgatext *t;

static void setup(void)
{
	t = malloc(sizeof(*t));
	ck_assert_ptr_nonnull(t);
	memset(t, 0xA5, sizeof(*t));
	vgatext_init(t);
}

static void teardown(void)
{
	free(t);
}

static void say(const char *s)
{
	vgatext_write(t, s, (unsigned)strlen(s));
}

/* Row r's characters, trailing blanks cut. */
static const char *row(unsigned r)
{
	static char buf[VGA_COLS + 1];
	unsigned n = 0;
	for (unsigned c = 0; c < VGA_COLS; c++) {
		uint16_t cell = t->cell[r * VGA_COLS + c];
		ck_assert_uint_eq(cell >> 8, VGA_ATTR);
		buf[c] = (char)(cell & 0xFF);
		if (buf[c] != ' ')
			n = c + 1;
	}
	buf[n] = '\0';
	return buf;
}

START_TEST(test_init_is_blank_with_the_cursor_home)
{
	for (unsigned r = 0; r < VGA_ROWS; r++)
		ck_assert_str_eq(row(r), "");
	ck_assert_uint_eq(vgatext_cursor(t), 0);
	ck_assert_uint_eq(t->dirty_lo, 0);
	ck_assert_uint_eq(t->dirty_hi, VGA_ROWS);
}
END_TEST

START_TEST(test_characters_and_newlines)
{
	say("$ ps\n  tid\n");
	ck_assert_str_eq(row(0), "$ ps");
	ck_assert_str_eq(row(1), "  tid");
	ck_assert_str_eq(row(2), "");
	ck_assert_uint_eq(vgatext_cursor(t), 2 * VGA_COLS);
	ck_assert_uint_eq(t->cell[0], VGA_ATTR << 8 | '$');
}
END_TEST

START_TEST(test_carriage_return_backspace_tab)
{
	say("abc\rX");
	ck_assert_str_eq(row(0), "Xbc");
	say("\b\b\b");                      /* never left of column 0 */
	ck_assert_uint_eq(vgatext_cursor(t), 0);
	say("\n1\t2");
	ck_assert_str_eq(row(1), "1       2");
	say("xy\b \b");                     /* the line discipline's erase */
	ck_assert_str_eq(row(1), "1       2x");
	ck_assert_uint_eq(vgatext_cursor(t), VGA_COLS + 10);
}
END_TEST

START_TEST(test_a_full_line_wraps_only_when_more_comes)
{
	char line[VGA_COLS + 1];
	memset(line, 'a', VGA_COLS);
	line[VGA_COLS] = '\0';
	say(line);
	ck_assert_str_eq(row(0), line);
	ck_assert_uint_eq(vgatext_cursor(t), VGA_COLS - 1);   /* shown on the last cell */
	say("\nb");
	ck_assert_str_eq(row(1), "b");                       /* one line, not two */
	say("\n");
	say(line);
	say("c");
	ck_assert_str_eq(row(2), line);
	ck_assert_str_eq(row(3), "c");
	say("\n\t\t\t\t\t\t\t\t\t\td");                        /* tabs past the edge wrap too */
	ck_assert_str_eq(row(5), "d");
}
END_TEST

START_TEST(test_the_bottom_line_scrolls)
{
	char s[32];
	for (int i = 0; i < VGA_ROWS + 3; i++) {
		snprintf(s, sizeof(s), "line %d\n", i);
		say(s);
	}
	/* 28 lines and the cursor's empty one: lines 4..27 are left, in order. */
	for (unsigned r = 0; r < VGA_ROWS - 1; r++) {
		snprintf(s, sizeof(s), "line %u", r + 4);
		ck_assert_str_eq(row(r), s);
	}
	ck_assert_str_eq(row(VGA_ROWS - 1), "");
	ck_assert_uint_eq(vgatext_cursor(t), (VGA_ROWS - 1) * VGA_COLS);
}
END_TEST

START_TEST(test_escape_sequences_and_controls_show_nothing)
{
	say("a\x1b[2J\x1b[1;31mb\x1b" "Dc\x01\x7f\x07" "d");
	ck_assert_str_eq(row(0), "abcd");
	say("\xdb");                         /* code page 437: a full block */
	ck_assert_uint_eq(t->cell[4], VGA_ATTR << 8 | 0xDB);
}
END_TEST

START_TEST(test_dirty_rows)
{
	vgatext_clean(t);
	ck_assert_uint_ge(t->dirty_lo, t->dirty_hi);
	say("\n\nx");
	ck_assert_uint_eq(t->dirty_lo, 2);
	ck_assert_uint_eq(t->dirty_hi, 3);
	say("\n\ny");
	ck_assert_uint_eq(t->dirty_lo, 2);
	ck_assert_uint_eq(t->dirty_hi, 5);
	vgatext_clean(t);
	say("\b\r");                         /* moves, draws nothing */
	ck_assert_uint_ge(t->dirty_lo, t->dirty_hi);
	for (int i = 0; i < VGA_ROWS; i++)
		say("\n");
	ck_assert_uint_eq(t->dirty_lo, 0);   /* a scroll moves every row */
	ck_assert_uint_eq(t->dirty_hi, VGA_ROWS);
}
END_TEST

Suite *unit_suite(void)
{
	Suite *s = suite_create("vgatext");
	TCase *tc = tcase_create("vgatext");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_init_is_blank_with_the_cursor_home);
	tcase_add_test(tc, test_characters_and_newlines);
	tcase_add_test(tc, test_carriage_return_backspace_tab);
	tcase_add_test(tc, test_a_full_line_wraps_only_when_more_comes);
	tcase_add_test(tc, test_the_bottom_line_scrolls);
	tcase_add_test(tc, test_escape_sequences_and_controls_show_nothing);
	tcase_add_test(tc, test_dirty_rows);
	suite_add_tcase(s, tc);
	return s;
}
