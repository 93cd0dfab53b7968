/*
 * iopl.c - EFLAGS sanitising for ring 3.  A whitelist rather than a list of
 * bits to clear: a flag the CPU adds later, or a reserved bit a task sets,
 * is dropped by default instead of passing through.  The reasons for each
 * bit are in iopl.h.
 */
#include "iocap/iopl.h"

uint32_t eflags_sanitize(uint32_t user_eflags, bool holds_iopl)
{
	uint32_t f = user_eflags & EFL_USER_MASK;
	f |= EFL_FIXED | EFL_IF;
	if (holds_iopl)
		f |= EFL_IOPL3;
	return f;
}
