/*
 * vm.c - page directories and user mappings.  Page tables are reached
 * through the identity map, so a physical address is also its kernel
 * pointer; every frame the allocator hands out lies below
 * KERNEL_DIRECT_END for that reason.
 */
#include "arch/i386/arch.h"
#include "arch/i386/cpu.h"
#include "arch/i386/mmu.h"
#include "abi/errno.h"
#include "kernel/mm/kmem.h"
#include "kernel/lib.h"
#include "kernel/mm/vm.h"

#define PDX(va) ((va) >> 22)
#define PTX(va) (((va) >> 12) & 0x3FF)
#define KERNEL_PDES PDX(KERNEL_DIRECT_END)

static uint32_t *kernel_pgdir;

void vm_init(uint32_t mem_top)
{
	uint32_t pt_pa, pd_pa;
	if (kframe_alloc(&pd_pa) || kframe_alloc(&pt_pa))
		panic("vm_init: no frames for the kernel page tables");
	kernel_pgdir = (uint32_t *)pd_pa;
	uint32_t *pt = (uint32_t *)pt_pa;

	/* Page 0 stays unmapped so that a kernel null dereference faults. */
	for (uint32_t i = 1; i < 1024; i++)
		pt[i] = (i << 12) | PTE_P | PTE_W | PTE_G;
	kernel_pgdir[0] = pt_pa | PTE_P | PTE_W;

	if (mem_top > KERNEL_DIRECT_END || mem_top == 0)
		mem_top = KERNEL_DIRECT_END;
	for (uint32_t i = 1; i < KERNEL_PDES; i++)
		if (i * BIGPAGE_SIZE < mem_top)
			kernel_pgdir[i] = (i * BIGPAGE_SIZE) | PTE_P | PTE_W | PTE_PS | PTE_G;
	arch_paging_enable(pd_pa);
}

uint32_t vm_kernel_pgdir(void)
{
	return (uint32_t)kernel_pgdir;
}

int aspace_create(struct aspace *as)
{
	uint32_t pa;
	if (kframe_alloc(&pa))
		return -E_NOMEM;
	uint32_t *pd = (uint32_t *)pa;
	memcpy(pd, kernel_pgdir, KERNEL_PDES * sizeof(uint32_t));
	as->pgdir = pa;
	return 0;
}

void aspace_destroy(struct aspace *as)
{
	uint32_t *pd = (uint32_t *)as->pgdir;
	for (uint32_t i = KERNEL_PDES; i < 1024; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		uint32_t *pt = (uint32_t *)(pd[i] & PTE_ADDR);
		for (int j = 0; j < 1024; j++)
			if (pt[j] & PTE_P)
				kframe_free(pt[j] & PTE_ADDR);
		kframe_free((uint32_t)pt);
	}
	kframe_free(as->pgdir);
	as->pgdir = 0;
}

uint32_t aspace_frames(const struct aspace *as)
{
	const uint32_t *pd = (const uint32_t *)as->pgdir;
	uint32_t n = 1;
	for (uint32_t i = KERNEL_PDES; i < 1024; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		const uint32_t *pt = (const uint32_t *)(pd[i] & PTE_ADDR);
		n++;
		for (int j = 0; j < 1024; j++)
			n += pt[j] & PTE_P;
	}
	return n;
}

static uint32_t *pte_get(const struct aspace *as, uint32_t va, int create)
{
	uint32_t *pd = (uint32_t *)as->pgdir;
	uint32_t pde = pd[PDX(va)];
	if (!(pde & PTE_P)) {
		uint32_t pa;
		if (!create || kframe_alloc(&pa))
			return 0;
		pde = pa | PTE_P | PTE_W | PTE_U;
		pd[PDX(va)] = pde;
	}
	return (uint32_t *)(pde & PTE_ADDR) + PTX(va);
}

int vm_alloc_user(struct aspace *as, uint32_t va, uint32_t len, int flags)
{
	KASSERT(va >= USER_BASE && len <= USER_END - va);
	uint32_t end = va + len;
	for (uint32_t p = va & ~(PAGE_SIZE - 1); p < end; p += PAGE_SIZE) {
		uint32_t *pte = pte_get(as, p, 1);
		if (!pte)
			return -E_NOMEM;
		if (*pte & PTE_P) {
			/* Two segments sharing a page: it keeps the wider rights. */
			if (flags & VM_WRITE)
				*pte |= PTE_W;
			continue;
		}
		uint32_t pa;
		if (kframe_alloc(&pa))
			return -E_NOMEM;
		*pte = pa | PTE_P | PTE_U | ((flags & VM_WRITE) ? PTE_W : 0);
	}
	return 0;
}

void *vm_user_page(const struct aspace *as, uint32_t va, int write)
{
	if (va < USER_BASE || va >= USER_END)
		return 0;
	uint32_t *pte = pte_get(as, va, 0);
	if (!pte || !(*pte & PTE_P) || !(*pte & PTE_U))
		return 0;
	if (write && !(*pte & PTE_W))
		return 0;
	return (char *)(*pte & PTE_ADDR) + (va & (PAGE_SIZE - 1));
}

void vm_activate(const struct aspace *as)
{
	arch_load_pgdir(as ? as->pgdir : (uint32_t)kernel_pgdir);
}
