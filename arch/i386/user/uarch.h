/*
 * uarch.h - the raw instructions ring-3 programs (tests, drivers) need to
 * execute on purpose: port I/O and the privileged ones that must fault.
 * Kept in arch/i386 like every other piece of inline assembly.
 */
#ifndef ARCH_I386_USER_UARCH_H
#define ARCH_I386_USER_UARCH_H

#include <stdint.h>

static inline void u_hlt(void) { __asm__ volatile("hlt"); }
static inline void u_cli(void) { __asm__ volatile("cli"); }
static inline void u_ud2(void) { __asm__ volatile("ud2"); }
static inline uint8_t u_inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline int u_div(int a, int b)
{
	int q;
	__asm__ volatile("cltd; idivl %2" : "=a"(q) : "a"(a), "r"(b) : "edx");
	return q;
}

static inline void u_jump(uint32_t addr)
{
	__asm__ volatile("jmp *%0" : : "r"(addr));
}

static inline uint32_t u_eflags(void)
{
	uint32_t f;
	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

/* SYSENTER with a chosen return eip/esp: the kernel must not care. */
static inline void u_sysenter_to(uint32_t eip, uint32_t esp)
{
	__asm__ volatile("sysenter" : : "a"(0), "d"(eip), "c"(esp) : "memory");
}

#endif
