/*
 * fake_log.c - test doubles for kernel/debug/log.c.  No code under test should
 * print: a call means a path the test did not expect, so it fails the test.
 */
#include "kernel/lib.h"
#include "tests/unit/unit.h"

void kprintf(const char *fmt, ...)
{
	ck_abort_msg("unexpected kprintf(\"%s\")", fmt);
}
