/*
 * console.h - console output and input for every program.  Output goes to
 * the console service (drivers/uart16550) when the task holds its endpoint
 * in SLOT_CONSOLE, else to the kernel log (sys_write), which the console
 * driver prints too.  A call the console driver could not finish (it
 * faulted or was restarted: E_DEAD) is sent again, so no byte is lost
 * across a restart of the driver.
 */
#ifndef USER_LIB_CONSOLE_H
#define USER_LIB_CONSOLE_H

#include "user/lib/ipc.h"

/*
 * This program's own output goes to the kernel log even if it holds a
 * console endpoint: for a driver that feeds the console (ps2kbd), so that
 * a console that is busy or being tested can never stall it.
 */
void console_use_log(void);
/* console_write with CONS_* flags in every message (CONS_CRASH: the tests). */
long console_write_flags(const void *buf, unsigned n, unsigned flags);
/* Writes n bytes; returns n, or -E_x if neither the console nor the kernel log took them. */
long console_write(const void *buf, unsigned n);
/* Reads one line (with its '\n', at most max bytes); blocks.  -E_NOENT without a console. */
long console_read(char *buf, unsigned max);
/* Calls the console service retried after E_DEAD (the driver restarted); what the call returned. */
long console_call(struct ipc_msg *m);

#endif
