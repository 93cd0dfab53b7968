/*
 * linedisc.h - the console's line discipline: typed bytes are edited into
 * a line (echo, backspace, Ctrl-U) and become readable only once Enter
 * completes it.  Ctrl-C drops the line and everything typed ahead, and is
 * counted: the console tells init, which interrupts the foreground.  Other
 * control bytes (Ctrl-D...) and VT100 escape sequences (arrow and function
 * keys on a serial terminal) type nothing.  Pure C, host-tested
 * (tests/unit/test_linedisc.c).
 */
#ifndef DRIVERS_UART16550_LINEDISC_H
#define DRIVERS_UART16550_LINEDISC_H

#define LD_LINE   128   /* longest line being edited */
#define LD_COOKED 512   /* completed lines not yet read */

struct linedisc {
	char line[LD_LINE];
	unsigned len;
	char cooked[LD_COOKED];
	unsigned head, tail;     /* ring of completed bytes: [tail, head) */
	unsigned lines;          /* newlines in the ring */
	unsigned dropped;        /* completed lines lost to a full ring */
	int last_cr;             /* a '\n' right after '\r' is the same Enter */
	int esc;                 /* inside an escape sequence: 1 after ESC, 2 after ESC [ or ESC O */
	unsigned interrupts;     /* Ctrl-Cs typed so far */
};

typedef void (*ld_echo_fn)(const char *p, unsigned n);

void linedisc_init(struct linedisc *ld);
/* Feeds typed bytes; what the user should see goes to echo. */
void linedisc_input(struct linedisc *ld, const char *p, unsigned n, ld_echo_fn echo);
/* A complete line is waiting. */
int linedisc_ready(const struct linedisc *ld);
/* Up to max bytes of the oldest line, through its '\n' if it fits; how many. */
unsigned linedisc_take(struct linedisc *ld, char *buf, unsigned max);

#endif
