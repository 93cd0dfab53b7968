/*
 * ioredir.c - encoding an IOAPIC redirection entry (ioredir.h): pure, one
 * place for the bit layout of the 82093AA's table (its datasheet, 3.2.4).
 */
#include "arch/i386/ioredir.h"

#define FW_POLARITY_LOW 3u     /* MP/ACPI INTI flags, bits 0-1 */
#define FW_TRIGGER_LEVEL 3u    /* bits 2-3 */

uint32_t ioredir_low(uint8_t vector, uint16_t flags, int masked)
{
	uint32_t lo = vector;                  /* delivery 000 fixed, destination mode 0 physical */
	if ((flags & 3u) == FW_POLARITY_LOW)
		lo |= IOREDIR_ACTIVE_LOW;
	if (((flags >> 2) & 3u) == FW_TRIGGER_LEVEL)
		lo |= IOREDIR_LEVEL;
	if (masked)
		lo |= IOREDIR_MASKED;
	return lo;
}

uint32_t ioredir_high(uint8_t apic_id)
{
	return (uint32_t)apic_id << 24;
}

uint32_t ioredir_pins(uint32_t version)
{
	return ((version >> 16) & 0xFFu) + 1;
}
