/*
 * scancode.h - PS/2 scan code set 1 (what the i8042 hands over with
 * translation on) to characters, US layout.  Pure C: the driver feeds it
 * the bytes read from port 0x60, the host unit tests feed it sequences.
 */
#ifndef DRIVERS_PS2KBD_SCANCODE_H
#define DRIVERS_PS2KBD_SCANCODE_H

#include <stdint.h>

#define KBD_NONE (-1)    /* this byte makes no character */

struct kbd_state {
	uint8_t prefix;      /* 0, or 0xE0 / 0xE1 when a prefix was seen */
	uint8_t skip;        /* bytes of an 0xE1 (Pause) sequence still to swallow */
	uint8_t shift;       /* bit 0 left, bit 1 right */
	uint8_t ctrl;        /* bit 0 left, bit 1 right */
	uint8_t caps;        /* Caps Lock is on */
	uint8_t caps_down;   /* the key is held: typematic repeats must not toggle it */
};

/* The state of a keyboard with nothing held and Caps Lock off. */
void kbd_reset(struct kbd_state *s);
/* One scan code byte: the character it types (0..255) or KBD_NONE. */
int kbd_translate(struct kbd_state *s, uint8_t code);

#endif
