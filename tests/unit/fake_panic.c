/*
 * fake_panic.c - panic() for the host tests of modules that link nothing
 * else of the kernel: a KASSERT that fails (kernel/lib.h) fails the test
 * with its message instead of halting.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lib.h"
#include "tests/unit/unit.h"

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ck_abort_msg("panic: %s", msg);
	abort();
}
