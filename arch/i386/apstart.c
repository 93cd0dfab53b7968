/*
 * apstart.c - starting an application processor: the real-mode trampoline
 * (trampoline.S) copied to AP_TRAMPOLINE, then INIT, STARTUP, STARTUP
 * (Intel SDM vol. 3A, 9.4.4.1; the MP specification, B.4), each AP in
 * turn, since they share the trampoline.  No BIOS warm-reset vector: ports
 * 0x70-0x71 belong to the rtc driver, and INIT-SIPI-SIPI needs no reset
 * path.  QEMU's Multiboot loader leaves its information at 0x9000 and
 * 0x9500; the kernel has read it by now, and the trampoline's page below
 * it is one the frame pool never hands out (low memory is reserved).
 */
#include "arch/i386/arch.h"
#include "arch/i386/x86.h"
#include "kernel/lib.h"

#define AP_TRAMPOLINE 0x7000u

extern char ap_tramp_start[], ap_tramp_end[];
extern uint32_t ap_tramp_stack, ap_tramp_entry, ap_tramp_arg;

/* The word at the trampoline's copy that corresponds to sym in the original. */
static volatile uint32_t *tramp_word(const uint32_t *sym)
{
	return (volatile uint32_t *)(AP_TRAMPOLINE + ((const char *)sym - ap_tramp_start));
}

int arch_ap_start(uint32_t apic_id, uint32_t stack_top, void (*entry)(void *), void *arg,
		  volatile int *up)
{
	uint32_t len = (uint32_t)(ap_tramp_end - ap_tramp_start);
	KASSERT(len <= 4096 && arch_lapic_present());
	memcpy((void *)AP_TRAMPOLINE, ap_tramp_start, len);
	*tramp_word(&ap_tramp_stack) = stack_top;
	*tramp_word(&ap_tramp_entry) = (uint32_t)entry;
	*tramp_word(&ap_tramp_arg) = (uint32_t)arg;

	arch_ipi_init(apic_id);
	arch_delay_us(10000);
	for (int i = 0; i < 2 && !*up; i++) {
		arch_ipi_startup(apic_id, AP_TRAMPOLINE);
		arch_delay_us(200);
	}
	/* Up to a second for the AP to report in (it sets *up from its C entry). */
	for (int ms = 0; ms < 1000 && !*up; ms++)
		arch_delay_us(1000);
	return *up ? 0 : -1;
}
