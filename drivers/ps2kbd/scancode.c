/*
 * scancode.c - set 1 scan codes to characters, US layout (scancode.h).
 *
 * A make code is the key number; its break code has bit 7 set.  0xE0
 * prefixes the keys added by the 101-key keyboard: of those, only keypad
 * Enter, keypad '/' and right Ctrl mean something here.  The rest (arrows,
 * Insert/Delete/Home/End/PgUp/PgDn, the Windows keys) make no character,
 * and above all must not be taken for the keypad keys that share their
 * number (Up is E0 48, keypad 8 is 48).  The "fake shifts" a keyboard
 * wraps around some of them (E0 2A, E0 AA, E0 36, E0 B6) must not change
 * the shift state.  Pause is E1 1D 45 E1 9D C5 and is swallowed whole.
 * The keypad types digits (as with Num Lock on): this driver does not
 * drive the LEDs, and digits are what a user of a text console wants.
 */
#include "drivers/ps2kbd/scancode.h"

#define BREAK 0x80
#define SC_LCTRL  0x1D
#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CAPS   0x3A

/* Characters by make code; 0 = no character (modifiers, F keys, locks). */
static const char plain[] =
	"\0\033" "1234567890-=\b"
	"\tqwertyuiop[]\n"
	"\0" "asdfghjkl;'`"
	"\0" "\\zxcvbnm,./\0"
	"*\0 \0"
	"\0\0\0\0\0\0\0\0\0\0"   /* F1-F10 */
	"\0\0"                   /* Num Lock, Scroll Lock */
	"789-456+1230.";         /* keypad, 0x47-0x53 */
static const char shifted[] =
	"\0\033" "!@#$%^&*()_+\b"
	"\tQWERTYUIOP{}\n"
	"\0" "ASDFGHJKL:\"~"
	"\0" "|ZXCVBNM<>?\0"
	"*\0 \0"
	"\0\0\0\0\0\0\0\0\0\0"
	"\0\0"
	"789-456+1230.";

#define MAPPED (sizeof(plain) - 1)
_Static_assert(sizeof(plain) == sizeof(shifted), "the two layers must cover the same keys");
_Static_assert(MAPPED == 0x54, "the tables end with keypad '.', make code 0x53");

void kbd_reset(struct kbd_state *s)
{
	*s = (struct kbd_state){ 0 };
}

static int is_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Keeps the modifier state; returns 1 if the code was a modifier. */
static int modifier(struct kbd_state *s, uint8_t key, int up, int extended)
{
	uint8_t bit = extended ? 2 : 1;
	switch (key) {
	case SC_LCTRL:
		s->ctrl = up ? (uint8_t)(s->ctrl & ~bit) : (uint8_t)(s->ctrl | bit);
		return 1;
	case SC_LSHIFT:
	case SC_RSHIFT:
		if (!extended) {
			bit = key == SC_LSHIFT ? 1 : 2;
			s->shift = up ? (uint8_t)(s->shift & ~bit) : (uint8_t)(s->shift | bit);
		}
		return 1;
	case SC_CAPS:
		if (!up && !s->caps_down)
			s->caps ^= 1;
		s->caps_down = !up;
		return 1;
	default:
		return 0;
	}
}

static int extended_key(uint8_t key)
{
	switch (key) {
	case 0x1C: return '\n';   /* keypad Enter */
	case 0x35: return '/';    /* keypad / */
	default:   return KBD_NONE;
	}
}

int kbd_translate(struct kbd_state *s, uint8_t code)
{
	if (s->skip) {
		s->skip--;
		return KBD_NONE;
	}
	if (code == 0xE0) {
		s->prefix = code;
		return KBD_NONE;
	}
	if (code == 0xE1) {
		s->skip = 2;          /* 1D 45, then E1 9D C5 the same way */
		s->prefix = 0;
		return KBD_NONE;
	}
	int extended = s->prefix == 0xE0;
	s->prefix = 0;
	uint8_t key = code & (uint8_t)~BREAK;
	int up = code & BREAK;
	if (modifier(s, key, up, extended) || up)
		return KBD_NONE;
	if (extended)
		return extended_key(key);
	if (key >= MAPPED || !plain[key])
		return KBD_NONE;
	char c = plain[key];
	if (is_letter(c)) {
		if (s->ctrl)
			return c & 0x1F;
		return (!s->shift != !s->caps) ? c - 'a' + 'A' : c;
	}
	return (unsigned char)(s->shift ? shifted[key] : c);
}
