/*
 * memrange.h - the range arithmetic of the memory calls, in one place and
 * pure (tests/unit/test_memrange.c): where a mapping may go, what a
 * minted sub-range covers, and which physical ranges may ever be Mmio.
 * Each returns 0 or the error the ABI names (abi/syscalls.h), so the
 * handlers check in one fixed order: overflow and range first.
 */
#ifndef KERNEL_MM_MEMRANGE_H
#define KERNEL_MM_MEMRANGE_H

#include <stdint.h>
#include "abi/errno.h"
#include "abi/syscalls.h"
#include "kernel/mm/layout.h"

#define MEMR_PAGE 4096u
/* Nothing at or above this is ever grantable: IOAPIC, HPET, local APIC, firmware. */
#define MMIO_LIMIT 0xFEC00000u
#define MMIO_LEGACY_BASE 0xA0000u
#define MMIO_LEGACY_END  0x100000u

/* npages pages at va in user space: E_INVAL unaligned, E_RANGE outside [USER_BASE, USER_END) or wrapping. */
static inline int memr_user_range(uint32_t va, uint32_t npages)
{
	if (va % MEMR_PAGE)
		return E_INVAL;
	if (npages == 0 || va < USER_BASE || va >= USER_END)
		return E_RANGE;
	if (npages > (USER_END - va) / MEMR_PAGE)
		return E_RANGE;
	return 0;
}

/*
 * The rights a mapping may ask for: MEM_R is required (E_INVAL; i386
 * cannot map a page it cannot read), nothing but MEM_R | MEM_W exists
 * (E_INVAL), and never more than the cap holds (E_PERM).
 */
static inline int memr_rights(uint32_t want, uint32_t cap_rights)
{
	if (want & ~(MEM_R | MEM_W))
		return E_INVAL;
	if (!(want & MEM_R))
		return E_INVAL;
	if (want & ~cap_rights)
		return E_PERM;
	return 0;
}

/*
 * cap_mint's value on a Frame or Mmio cap of npages pages, with hi the
 * high half of its rights word (MEM_SUB_RIGHTS: first's high 16 bits):
 * pages [first, first + n), or the whole range for value and hi both 0.
 * *first and *n, or E_RANGE (empty, or past the end).
 */
static inline int memr_sub(uint32_t value, uint32_t hi, uint32_t npages, uint32_t *first, uint32_t *n)
{
	if (value == 0 && hi == 0) {
		*first = 0;
		*n = npages;
		return 0;
	}
	uint32_t f = (value >> 16) | (hi & 0xFFFF0000u), c = value & 0xFFFFu;
	if (c == 0 || f >= npages || c > npages - f)
		return E_RANGE;
	*first = f;
	*n = c;
	return 0;
}

/* A RAM region [base, base + len) of the firmware's map, for memr_mmio_ok. */
struct memr_region {
	uint64_t base, len;
};

/*
 * Whether npages pages at base may be Mmio: page-aligned, not wrapping,
 * wholly below MMIO_LIMIT, and touching none of the RAM regions.
 */
static inline int memr_mmio_ok(uint32_t base, uint32_t npages, const struct memr_region *ram, int nram)
{
	if (base % MEMR_PAGE || npages == 0 || base >= MMIO_LIMIT ||
	    npages > (MMIO_LIMIT - base) / MEMR_PAGE)
		return 0;
	uint64_t end = (uint64_t)base + (uint64_t)npages * MEMR_PAGE;
	for (int i = 0; i < nram; i++)
		if (ram[i].len && ram[i].base < end && base < ram[i].base + ram[i].len)
			return 0;
	return 1;
}

#endif
