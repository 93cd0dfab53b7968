/*
 * fake_vm.h - a stand-in for kernel/mm/vm.c's vm_user_page(): a handful of
 * 4 KiB "user pages" backed by host buffers, enough for usercopy.c.
 *
 * Layout (in fake_as only; any other aspace has nothing mapped):
 *   FAKE_RO_VA      read-only
 *   FAKE_RW_VA      writable, two pages
 *   FAKE_HOLE_VA    unmapped
 *   FAKE_AFTER_VA   writable
 *   FAKE_LAST_VA    writable, the last page below USER_END
 *   FAKE_BELOW_VA   writable, just below USER_BASE   } traps: the real vm.c
 *   FAKE_ABOVE_VA   writable, at USER_END            } never maps these, so
 * only usercopy.c's own range check keeps a copy away from them.
 */
#ifndef TESTS_UNIT_FAKE_VM_H
#define TESTS_UNIT_FAKE_VM_H

#include <stdint.h>

#include "kernel/mm/vm.h"

#define FAKE_PAGE     4096u
#define FAKE_RO_VA    USER_BASE
#define FAKE_RW_VA    (USER_BASE + 0x1000u)
#define FAKE_HOLE_VA  (USER_BASE + 0x3000u)
#define FAKE_AFTER_VA (USER_BASE + 0x4000u)
#define FAKE_LAST_VA  (USER_END - 0x1000u)
#define FAKE_BELOW_VA (USER_BASE - 0x1000u)
#define FAKE_ABOVE_VA USER_END
#define FAKE_FILL     0xEE

extern const struct aspace fake_as;
/* Number of vm_user_page() calls since fake_vm_reset(). */
extern unsigned fake_vm_calls;

/* Fills every page with FAKE_FILL and zeroes the call count. */
void fake_vm_reset(void);
/* The host byte behind user address va, or NULL if va is not mapped. */
uint8_t *fake_vm_byte(uint32_t va);

#endif
