/*
 * linedisc.c - editing typed bytes into lines (linedisc.h).
 */
#include "drivers/uart16550/linedisc.h"

void linedisc_init(struct linedisc *ld)
{
	ld->len = ld->head = ld->tail = ld->lines = ld->dropped = 0;
	ld->last_cr = ld->esc = 0;
	ld->interrupts = 0;
}

/* ESC [ or ESC O, parameters, then one final byte 0x40..0x7e (ECMA-48); all dropped. */
static int in_escape(struct linedisc *ld, char c)
{
	if (c == 0x1B) {
		ld->esc = 1;
		return 1;
	}
	if (ld->esc == 1)
		ld->esc = c == '[' || c == 'O' ? 2 : 0;
	else if (ld->esc == 2 && c >= 0x40 && c <= 0x7E)
		ld->esc = 0;
	else if (ld->esc != 2)
		return 0;
	return 1;
}

static unsigned cooked_used(const struct linedisc *ld)
{
	return ld->head - ld->tail;
}

static void complete_line(struct linedisc *ld)
{
	if (cooked_used(ld) + ld->len + 1 > LD_COOKED) {
		ld->dropped++;          /* nobody reads: keep the older lines */
	} else {
		for (unsigned i = 0; i < ld->len; i++)
			ld->cooked[ld->head++ % LD_COOKED] = ld->line[i];
		ld->cooked[ld->head++ % LD_COOKED] = '\n';
		ld->lines++;
	}
	ld->len = 0;
}

static void input_byte(struct linedisc *ld, char c, ld_echo_fn echo)
{
	if (in_escape(ld, c))
		return;
	if (c == 0x03) {                /* Ctrl-C: nothing typed so far counts */
		echo("^C\n", 3);
		ld->len = 0;
		ld->tail = ld->head;
		ld->lines = 0;
		ld->interrupts++;
		ld->last_cr = 0;
		return;
	}
	int cr = c == '\r';
	if (c == '\n' && ld->last_cr) {
		ld->last_cr = 0;
		return;
	}
	ld->last_cr = cr;
	if (cr || c == '\n') {
		echo("\n", 1);
		complete_line(ld);
	} else if (c == '\b' || c == 0x7F) {
		if (ld->len) {
			ld->len--;
			echo("\b \b", 3);
		}
	} else if (c == 0x15) {         /* Ctrl-U: forget the line */
		for (; ld->len; ld->len--)
			echo("\b \b", 3);
	} else if ((c >= 0x20 && c < 0x7F) || c == '\t') {
		if (ld->len < LD_LINE - 1) {
			ld->line[ld->len++] = c;
			echo(&c, 1);
		}
	}
}

void linedisc_input(struct linedisc *ld, const char *p, unsigned n, ld_echo_fn echo)
{
	for (unsigned i = 0; i < n; i++)
		input_byte(ld, p[i], echo);
}

int linedisc_ready(const struct linedisc *ld)
{
	return ld->lines > 0;
}

unsigned linedisc_take(struct linedisc *ld, char *buf, unsigned max)
{
	unsigned n = 0;
	while (n < max && ld->tail != ld->head) {
		char c = ld->cooked[ld->tail++ % LD_COOKED];
		buf[n++] = c;
		if (c == '\n') {
			ld->lines--;
			break;
		}
	}
	return n;
}
