/*
 * vgatext.h - an 80x25 colour text screen as the VGA shows it (one 16-bit
 * cell per character: attribute << 8 | code page 437 byte), fed the
 * console's output bytes.  Pure: it draws into a copy in ordinary memory
 * and says which rows changed, so drivers/vga/vga.c writes only those to
 * the text buffer (device memory, slow to read and uncached), and the
 * host tests (tests/unit/test_vgatext.c) check it without a VGA.
 */
#ifndef DRIVERS_VGA_VGATEXT_H
#define DRIVERS_VGA_VGATEXT_H

#include <stdint.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07   /* light grey on black, the BIOS's own */

struct vgatext {
	uint16_t cell[VGA_ROWS * VGA_COLS];
	unsigned row, col;          /* where the next character goes; col may be VGA_COLS (wrap pending) */
	int esc;                    /* inside an escape sequence (ESC [ ... final byte): skipped */
	unsigned dirty_lo, dirty_hi; /* rows changed since vgatext_clean: [lo, hi), empty if lo >= hi */
};

/* A blank screen, the cursor at the top left, every row dirty. */
void vgatext_init(struct vgatext *t);
/*
 * Draws n bytes: printable ones at the cursor (a full line wraps, the
 * bottom line scrolls the screen up), '\n' a new line, '\r' the line's
 * start, '\b' one column back, '\t' the next multiple of 8; other control
 * bytes and ANSI escape sequences show nothing.
 */
void vgatext_write(struct vgatext *t, const char *p, unsigned n);
/* The cell the hardware cursor belongs on: row * VGA_COLS + col. */
unsigned vgatext_cursor(const struct vgatext *t);
/* Forget the dirty rows (after they were copied out). */
void vgatext_clean(struct vgatext *t);

#endif
