/*
 * uflags.h - EFLAGS bits and the crossings of user/lib/i386/flags.S, for
 * ring-3 tests of the trap paths.  Plain defines, so flags.S includes it.
 */
#ifndef ARCH_I386_USER_UFLAGS_H
#define ARCH_I386_USER_UFLAGS_H

#define U_EFL_TF   0x00000100u
#define U_EFL_IF   0x00000200u
#define U_EFL_DF   0x00000400u
#define U_EFL_IOPL 0x00003000u
#define U_EFL_NT   0x00004000u
#define U_EFL_RF   0x00010000u
#define U_EFL_VM   0x00020000u
#define U_EFL_AC   0x00040000u
#define U_EFL_VIF  0x00080000u
#define U_EFL_VIP  0x00100000u
#define U_EFL_ID   0x00200000u

/* How u_flags_across enters the kernel. */
#define U_VIA_INT80    0
#define U_VIA_SYSENTER 1
#define U_VIA_INT3     2

#ifndef __ASSEMBLER__
#include <stdint.h>

uint32_t u_flags_across(unsigned via, unsigned nr, uint32_t clear, uint32_t set);
uint32_t u_iret_flags(uint32_t set);
void u_iret_to(const uint32_t frame[9]) __attribute__((noreturn));
#endif

#endif
