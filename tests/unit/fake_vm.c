/*
 * fake_vm.c - vm_user_page() over host buffers (see fake_vm.h).  It
 * applies the same rule as kernel/mm/vm.c, mapped and writable-if-asked,
 * but maps pages outside user space on purpose to catch a missing range
 * check in the code under test.
 */
#include <stddef.h>
#include <string.h>

#include "tests/unit/fake_vm.h"

const struct aspace fake_as = { .pgdir = 0x1000 };
unsigned fake_vm_calls;

/*
 * One buffer per page, so a copy that runs past the end of a page without
 * asking for the next one hits an AddressSanitizer redzone instead of
 * silently landing in the neighbour.
 */
static uint8_t ro[FAKE_PAGE], rw0[FAKE_PAGE], rw1[FAKE_PAGE], after[FAKE_PAGE];
static uint8_t last[FAKE_PAGE], below[FAKE_PAGE], above[FAKE_PAGE];

static const struct {
	uint32_t va;
	int writable;
	uint8_t *mem;
} layout[] = {
	{ FAKE_RO_VA, 0, ro },
	{ FAKE_RW_VA, 1, rw0 },
	{ FAKE_RW_VA + FAKE_PAGE, 1, rw1 },
	{ FAKE_AFTER_VA, 1, after },
	{ FAKE_LAST_VA, 1, last },
	{ FAKE_BELOW_VA, 1, below },
	{ FAKE_ABOVE_VA, 1, above },
};
#define NPAGES (sizeof(layout) / sizeof(layout[0]))

void fake_vm_reset(void)
{
	for (size_t i = 0; i < NPAGES; i++)
		memset(layout[i].mem, FAKE_FILL, FAKE_PAGE);
	fake_vm_calls = 0;
}

static int page_index(uint32_t va)
{
	for (size_t i = 0; i < NPAGES; i++)
		if (layout[i].va == (va & ~(FAKE_PAGE - 1)))
			return (int)i;
	return -1;
}

uint8_t *fake_vm_byte(uint32_t va)
{
	int i = page_index(va);
	return i < 0 ? NULL : &layout[i].mem[va & (FAKE_PAGE - 1)];
}

void *vm_user_page(const struct aspace *as, uint32_t va, int write)
{
	fake_vm_calls++;
	int i = page_index(va);
	if (as != &fake_as || i < 0 || (write && !layout[i].writable))
		return NULL;
	return &layout[i].mem[va & (FAKE_PAGE - 1)];
}
