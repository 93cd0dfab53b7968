/*
 * i8042.h - the PS/2 controller: data port 0x60, status/command port 0x64.
 */
#ifndef DRIVERS_PS2KBD_I8042_H
#define DRIVERS_PS2KBD_I8042_H

#include <stdint.h>

#define I8042_DATA   0x60
#define I8042_STATUS 0x64    /* read: status; write: a controller command */

#define ST_OUT_FULL  0x01    /* a byte waits in port 0x60 */
#define ST_IN_FULL   0x02    /* the controller has not taken the last byte written */
#define ST_AUX       0x20    /* the waiting byte is from the second (mouse) port */

/* What i8042_init found; on anything but I8042_OK the keyboard is unusable. */
enum i8042_result {
	I8042_OK,
	I8042_NO_CONTROLLER,   /* status stuck, or no answer to a controller command */
	I8042_NO_KEYBOARD,     /* the controller works, the keyboard does not acknowledge */
};

/*
 * Disables both ports, flushes the output buffer, enables IRQ 1 and
 * translation to set 1 in the configuration byte (IRQ 12 and the mouse
 * port off), re-enables the keyboard port and tells the keyboard to scan.
 * Every wait is bounded.  *config gets the configuration byte written.
 */
enum i8042_result i8042_init(uint8_t *config);
const char *i8042_result_text(enum i8042_result r);

#endif
