/*
 * i8042.c - bringing up the PS/2 controller and its keyboard with bounded
 * waits, so that a machine without them costs a fraction of a second and
 * an error report, never a hang.  An absent controller floats the bus:
 * status reads 0xFF, "output full" and "input full" never clear.
 */
#include "user/lib/i386/uarch.h"
#include "drivers/ps2kbd/i8042.h"
#include "user/lib/ulib.h"

/* 200 ms, far above what a controller or keyboard takes to answer. */
#define WAIT_TICKS (TIMER_HZ / 5)
/* More than any controller or keyboard buffers (QEMU queues 16 bytes). */
#define FLUSH_MAX 64

#define CMD_READ_CONFIG   0x20
#define CMD_WRITE_CONFIG  0x60
#define CMD_DISABLE_AUX   0xA7
#define CMD_DISABLE_KBD   0xAD
#define CMD_ENABLE_KBD    0xAE
#define KBD_ENABLE_SCAN   0xF4
#define KBD_ACK           0xFA
#define KBD_RESEND        0xFE

#define CFG_IRQ1          0x01
#define CFG_IRQ12         0x02
#define CFG_KBD_CLOCK_OFF 0x10
#define CFG_AUX_CLOCK_OFF 0x20
#define CFG_TRANSLATE     0x40

/* Waits until (status & mask) == want; 0, or -1 after WAIT_TICKS. */
static int wait_status(uint8_t mask, uint8_t want)
{
	unsigned deadline = (unsigned)sys_uptime() + WAIT_TICKS + 1;
	for (;;) {
		if ((u_inb(I8042_STATUS) & mask) == want)
			return 0;
		if ((unsigned)sys_uptime() >= deadline)
			return -1;
		sys_yield();
	}
}

static int write_port(uint16_t port, uint8_t v)
{
	if (wait_status(ST_IN_FULL, 0))
		return -1;
	u_outb(port, v);
	return 0;
}

/* The next byte from port 0x60, or -1 if none comes in time. */
static int read_data(void)
{
	if (wait_status(ST_OUT_FULL, ST_OUT_FULL))
		return -1;
	return u_inb(I8042_DATA);
}

static int flush(void)
{
	for (int i = 0; i < FLUSH_MAX; i++) {
		if (!(u_inb(I8042_STATUS) & ST_OUT_FULL))
			return 0;
		u_inb(I8042_DATA);
	}
	return -1;
}

static int write_config(uint8_t config)
{
	if (write_port(I8042_STATUS, CMD_WRITE_CONFIG))
		return -1;
	return write_port(I8042_DATA, config);
}

/* Sends the keyboard a command until it acknowledges; a few resends at most. */
static int keyboard_command(uint8_t cmd)
{
	for (int tries = 0; tries < 3; tries++) {
		if (write_port(I8042_DATA, cmd))
			return -1;
		int r = read_data();
		if (r == KBD_ACK)
			return 0;
		if (r != KBD_RESEND)
			return -1;
	}
	return -1;
}

enum i8042_result i8042_init(uint8_t *config)
{
	if (write_port(I8042_STATUS, CMD_DISABLE_KBD) || write_port(I8042_STATUS, CMD_DISABLE_AUX) ||
	    flush() || write_port(I8042_STATUS, CMD_READ_CONFIG))
		return I8042_NO_CONTROLLER;
	int cfg = read_data();
	if (cfg < 0)
		return I8042_NO_CONTROLLER;
	/*
	 * IRQ 1 stays off until the keyboard has acknowledged, so its answer
	 * does not count as an interrupt and the first interrupt is a key.
	 */
	uint8_t quiet = (uint8_t)((cfg | CFG_AUX_CLOCK_OFF | CFG_TRANSLATE) &
				  ~(CFG_IRQ1 | CFG_IRQ12 | CFG_KBD_CLOCK_OFF));
	if (write_config(quiet) || write_port(I8042_STATUS, CMD_ENABLE_KBD))
		return I8042_NO_CONTROLLER;
	int kbd_ok = keyboard_command(KBD_ENABLE_SCAN) == 0;
	*config = quiet | CFG_IRQ1;
	if (flush() || write_config(*config))
		return I8042_NO_CONTROLLER;
	return kbd_ok ? I8042_OK : I8042_NO_KEYBOARD;
}

const char *i8042_result_text(enum i8042_result r)
{
	switch (r) {
	case I8042_OK:            return "ok";
	case I8042_NO_CONTROLLER: return "no PS/2 controller (no answer within 200 ms)";
	case I8042_NO_KEYBOARD:   return "no keyboard (no acknowledge within 200 ms)";
	}
	return "?";
}
