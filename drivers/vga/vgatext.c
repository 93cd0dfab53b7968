/*
 * vgatext.c - the console's bytes drawn on an 80x25 text screen in memory
 * (drivers/vga/vgatext.h).  A full line wraps lazily: the column may stand
 * at VGA_COLS, and the wrap happens only when another character comes, so
 * a line of exactly 80 characters and its '\n' make one line, not two.
 */
#include "drivers/vga/vgatext.h"

#define BLANK ((uint16_t)(VGA_ATTR << 8 | ' '))

static void dirty(struct vgatext *t, unsigned lo, unsigned hi)
{
	if (t->dirty_lo >= t->dirty_hi) {
		t->dirty_lo = lo;
		t->dirty_hi = hi;
		return;
	}
	if (lo < t->dirty_lo)
		t->dirty_lo = lo;
	if (hi > t->dirty_hi)
		t->dirty_hi = hi;
}

static void blank_row(struct vgatext *t, unsigned row)
{
	for (unsigned c = 0; c < VGA_COLS; c++)
		t->cell[row * VGA_COLS + c] = BLANK;
}

void vgatext_init(struct vgatext *t)
{
	for (unsigned r = 0; r < VGA_ROWS; r++)
		blank_row(t, r);
	t->row = t->col = 0;
	t->esc = 0;
	t->dirty_lo = 0;
	t->dirty_hi = VGA_ROWS;
}

void vgatext_clean(struct vgatext *t)
{
	t->dirty_lo = t->dirty_hi = 0;
}

/* To the next line's start; at the bottom every row moves up one. */
static void newline(struct vgatext *t)
{
	t->col = 0;
	if (t->row + 1 < VGA_ROWS) {
		t->row++;
		return;
	}
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		t->cell[i] = t->cell[i + VGA_COLS];
	blank_row(t, VGA_ROWS - 1);
	dirty(t, 0, VGA_ROWS);
}

static void put(struct vgatext *t, unsigned char c)
{
	if (t->col == VGA_COLS)
		newline(t);
	t->cell[t->row * VGA_COLS + t->col++] = (uint16_t)(VGA_ATTR << 8 | c);
	dirty(t, t->row, t->row + 1);
}

/* ESC starts a sequence; ESC [ params... ends at a byte in 0x40-0x7e; ESC x ends at x. */
static int escape(struct vgatext *t, unsigned char c)
{
	if (t->esc == 1) {
		t->esc = c == '[' ? 2 : 0;
		return 1;
	}
	if (c >= 0x40 && c <= 0x7E)
		t->esc = 0;
	return 1;
}

void vgatext_write(struct vgatext *t, const char *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (t->esc && escape(t, c))
			continue;
		switch (c) {
		case '\n':
			newline(t);
			break;
		case '\r':
			t->col = 0;
			break;
		case '\b':
			if (t->col > 0)
				t->col--;
			break;
		case '\t':
			t->col = (t->col + 8) & ~7u;
			if (t->col > VGA_COLS)
				t->col = VGA_COLS;
			break;
		case 0x1B:
			t->esc = 1;
			break;
		default:
			if (c >= 0x20 && c != 0x7F)
				put(t, c);
		}
	}
}

unsigned vgatext_cursor(const struct vgatext *t)
{
	unsigned col = t->col < VGA_COLS ? t->col : VGA_COLS - 1;
	return t->row * VGA_COLS + col;
}
