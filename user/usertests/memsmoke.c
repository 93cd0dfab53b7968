/*
 * memsmoke.c - one end-to-end pass over the memory calls (docs/memory.md):
 * retype a Frame from the Untyped init gave us, map it twice in our own
 * space, write through one mapping and read through the other, protect,
 * unmap, delete, and find the Untyped's count of outstanding pages back
 * where it started.  The mapping goes where our stack's page table
 * already is, so that no page table is carved (a carved table stays
 * until the space dies and would keep the count up).
 */
#include "user/lib/ulib.h"
#include "user/usertests/memsmoke.h"
#include "user/usertests/ut.h"

#define FRAME_SLOT 27
#define COPY_SLOT 26
#define FRAME_PAGES 2u
/* The stack's page table covers the top 4 MiB; the stack uses its last pages. */
#define MAP_VA  0xBFC00000u
#define MAP_VA2 (MAP_VA + FRAME_PAGES * 4096u)
/* A 4 MiB region nothing in usertests maps: its page table does not exist. */
#define NO_TABLE_VA 0x90000000u

int t_mem_core_smoke(void)
{
	struct capinfo ut, ci;
	CHECK_EQ(sys_cap_info(ROOT_SLOT_UNTYPED, &ut), 0);
	CHECK_EQ(ut.type, CAPT_UNTYPED);
	CHECK(ut.count >= 16);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NULL);

	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED, FRAME_SLOT, MEM_FRAME, FRAME_PAGES), 0);
	CHECK_EQ(sys_cap_info(ROOT_SLOT_UNTYPED, &ci), 0);
	CHECK_EQ(ci.badge, ut.badge + FRAME_PAGES);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.type, CAPT_FRAME);
	CHECK_EQ(ci.count, FRAME_PAGES);
	CHECK_EQ(ci.rights, MEM_R | MEM_W);
	CHECK_EQ(ci.object, 0);

	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)NO_TABLE_VA, MEM_R | MAP_PT_NONE), -E_NOMEM);
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MEM_W | MAP_PT_NONE), 0);
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MAP_PT_NONE), -E_MAPPED);
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA2, MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.object, 2);

	volatile uint32_t *w = (volatile uint32_t *)MAP_VA;
	volatile const uint32_t *r = (volatile const uint32_t *)MAP_VA2;
	for (unsigned i = 0; i < FRAME_PAGES * 1024; i++)
		CHECK_EQ(r[i], 0);                    /* retype zeroes */
	for (unsigned i = 0; i < FRAME_PAGES * 1024; i++)
		w[i] = i * 2654435761u;
	for (unsigned i = 0; i < FRAME_PAGES * 1024; i++)
		CHECK_EQ(r[i], i * 2654435761u);     /* one frame, two mappings */

	CHECK_EQ(sys_mem_protect(FRAME_SLOT, 0, (void *)MAP_VA, MEM_W), -E_INVAL);
	CHECK_EQ(sys_mem_protect(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R), 0);
	CHECK_EQ(sys_write((const void *)MAP_VA, 4), 4);   /* still readable */
	CHECK_EQ(sys_mem_protect(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MEM_W), 0);
	w[5] = 55;
	CHECK_EQ(r[5], 55);

	CHECK_EQ(sys_mem_unmap(FRAME_SLOT, 0, (void *)MAP_VA2), 0);
	CHECK_EQ(sys_mem_unmap(FRAME_SLOT, 0, (void *)MAP_VA2), -E_NOTMAPPED);
	CHECK_EQ(sys_write((const void *)MAP_VA2, 4), -E_FAULT);

	/* Revoke takes the copies, their mappings and the cap's own mappings. */
	CHECK_EQ(sys_cap_copy(FRAME_SLOT, COPY_SLOT), 0);
	CHECK_EQ(sys_mem_map(COPY_SLOT, 0, (void *)MAP_VA2, MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(r[5], 55);
	CHECK_EQ(sys_cap_revoke(FRAME_SLOT), 0);
	CHECK_EQ(sys_cap_info(COPY_SLOT, &ci), 0);
	CHECK_EQ(ci.type, CAPT_NULL);
	CHECK_EQ(sys_write((const void *)MAP_VA2, 4), -E_FAULT);
	CHECK_EQ(sys_write((const void *)MAP_VA, 4), -E_FAULT);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.object, 0);

	/* Deleting the cap (mapped again) takes its mapping with it. */
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(r[-1024 * (int)FRAME_PAGES + 5], 55);   /* still the same frame, through MAP_VA */
	CHECK_EQ(sys_cap_delete(FRAME_SLOT), 0);
	CHECK_EQ(sys_write((const void *)MAP_VA, 4), -E_FAULT);
	CHECK_EQ(sys_cap_info(ROOT_SLOT_UNTYPED, &ci), 0);
	CHECK_EQ(ci.badge, ut.badge);
	return 0;
}

/*
 * Mmio: a minted page of the legacy window (the VGA text buffer) maps and
 * reads; a page near the top of the PCI window is reached in one mint
 * (MEM_SUB_RIGHTS carries first's high bits).
 */
int t_mem_core_mmio_smoke(void)
{
	struct capinfo ci;
	CHECK_EQ(sys_cap_info(ROOT_SLOT_MMIO_LEGACY, &ci), 0);
	CHECK_EQ(ci.type, CAPT_MMIO);
	CHECK_EQ(ci.base, 0xA0000);
	CHECK_EQ(ci.count, 0x60);
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_MMIO_LEGACY, FRAME_SLOT, MEM_SUB((0xB8000 - 0xA0000) / 4096, 1), MEM_R), 0);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.base, 0xB8000);
	CHECK_EQ(ci.count, 1);
	CHECK_EQ(ci.rights, MEM_R);
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MEM_W | MAP_PT_NONE), -E_PERM);
	CHECK_EQ(sys_mem_map(FRAME_SLOT, 0, (void *)MAP_VA, MEM_R | MAP_PT_NONE), 0);
	volatile const uint16_t *text = (volatile const uint16_t *)MAP_VA;
	(void)text[0];
	/* The kernel never copies through device memory. */
	CHECK_EQ(sys_write((const void *)MAP_VA, 2), -E_FAULT);
	CHECK_EQ(sys_cap_delete(FRAME_SLOT), 0);

	CHECK_EQ(sys_cap_info(ROOT_SLOT_MMIO_PCI, &ci), 0);
	CHECK_EQ(ci.type, CAPT_MMIO);
	CHECK_EQ(ci.base + ci.count * 4096u, 0xFEC00000u);
	uint32_t first = (0xFEBFF000u - ci.base) / 4096u;
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_MMIO_PCI, FRAME_SLOT, MEM_SUB(first, 1), MEM_SUB_RIGHTS(first, MEM_R)), 0);
	CHECK_EQ(sys_cap_info(FRAME_SLOT, &ci), 0);
	CHECK_EQ(ci.base, 0xFEBFF000u);
	CHECK_EQ(sys_cap_mint(FRAME_SLOT, COPY_SLOT, MEM_SUB(0, 2), MEM_R), -E_RANGE);
	CHECK_EQ(sys_cap_delete(FRAME_SLOT), 0);
	return 0;
}
