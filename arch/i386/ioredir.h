/*
 * ioredir.h - an IOAPIC redirection entry as the kernel programs it, from
 * what the firmware's tables say about the line (MP/ACPI INTI flags).
 * Pure, so the host tests check the encoding (tests/unit/test_ioredir.c)
 * without an IOAPIC; arch/i386/ioapic.c writes what it returns.
 */
#ifndef ARCH_I386_IOREDIR_H
#define ARCH_I386_IOREDIR_H

#include <stdint.h>

#define IOREDIR_ACTIVE_LOW (1u << 13)
#define IOREDIR_LEVEL      (1u << 15)
#define IOREDIR_MASKED     (1u << 16)

/*
 * The low word: vector, fixed delivery, physical destination, and the
 * polarity and trigger that flags give (bits 0-1 and 2-3; 0 and the
 * reserved 2 mean "as the bus says", which for an ISA line is active high
 * and edge), masked or not.
 */
uint32_t ioredir_low(uint8_t vector, uint16_t flags, int masked);
/* The high word: the destination CPU's local APIC id, physical mode. */
uint32_t ioredir_high(uint8_t apic_id);
/* The number of input pins from the version register (its max redirection entry + 1). */
uint32_t ioredir_pins(uint32_t version);

#endif
