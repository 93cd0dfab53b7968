/*
 * vm.c - page directories and user mappings.  Page tables are reached
 * through the identity map, so a physical address is also its kernel
 * pointer; every frame the allocator hands out lies below
 * KERNEL_DIRECT_END for that reason.  What an entry looks like is the
 * architecture's: this file builds and reads entries only through the
 * *_arch hooks of arch/i386/pgtable.h, with rights named VM_x.
 */
#include "arch/i386/arch.h"
#include "arch/i386/pgtable.h"
#include "abi/errno.h"
#include "kernel/mm/kmem.h"
#include "kernel/mm/mapdb.h"
#include "kernel/mm/memobj.h"
#include "kernel/lib.h"
#include "kernel/mm/vm.h"
#include "kernel/smp/cpu.h"
#include "kernel/smp/ipi.h"

/*
 * Directory entries below KERNEL_PDES are the kernel's, the same in every
 * space; so are those from USER_PDES_END up (the APICs' page).  User page
 * tables hang only in between.
 */
#define KERNEL_PDES   pd_index_arch(KERNEL_DIRECT_END)
#define USER_PDES_END pd_index_arch(USER_END)
_Static_assert(KERNEL_DIRECT_END == USER_BASE && KERNEL_DEVICE_BASE >= USER_END, "the layout's three parts");

static pte_t *kernel_pgdir;

void vm_init(uint32_t mem_top)
{
	uint32_t pt_pa, pd_pa;
	if (kframe_alloc(&pd_pa) || kframe_alloc(&pt_pa))
		panic("vm_init: no frames for the kernel page tables");
	kernel_pgdir = (pte_t *)pd_pa;
	pte_t *pt = (pte_t *)pt_pa;

	/* Page 0 stays unmapped so that a kernel null dereference faults. */
	for (uint32_t i = 1; i < PT_ENTRIES_ARCH; i++)
		pt[i] = pte_make_arch(i << PAGE_SHIFT, VM_WRITE | VM_GLOBAL);
	kernel_pgdir[0] = pde_make_table_arch(pt_pa, VM_WRITE);

	if (mem_top > KERNEL_DIRECT_END || mem_top == 0)
		mem_top = KERNEL_DIRECT_END;
	for (uint32_t i = 1; i < KERNEL_PDES; i++)
		if (i * PDE_SPAN_ARCH < mem_top)
			kernel_pgdir[i] = pde_make_big_arch(i * PDE_SPAN_ARCH, VM_WRITE | VM_GLOBAL);
	kernel_pgdir[pd_index_arch(KERNEL_DEVICE_BASE)] =
		pde_make_big_arch(KERNEL_DEVICE_BASE, VM_WRITE | VM_GLOBAL | VM_UNCACHED);
	arch_paging_enable(pd_pa);
}

uint32_t vm_kernel_pgdir(void)
{
	return (uint32_t)kernel_pgdir;
}

int aspace_create(struct aspace *as)
{
	uint32_t pa;
	KASSERT(as->pgdir == 0);            /* never over a live space: its frames would leak */
	if (kframe_alloc(&pa))
		return -E_NOMEM;
	pte_t *pd = (pte_t *)pa;
	memcpy(pd, kernel_pgdir, KERNEL_PDES * sizeof(pte_t));
	memcpy(pd + USER_PDES_END, kernel_pgdir + USER_PDES_END,
	       (PT_ENTRIES_ARCH - USER_PDES_END) * sizeof(pte_t));
	as->pgdir = pa;
	return 0;
}

/*
 * Frees what the space owns and nothing else: a page a cap mapped
 * (VM_CAPMAP) belongs to its Frame or to a device, and a page table
 * carved from an Untyped goes back to it.  The records of the mappings
 * into this space go first: no record may name a dead space.
 */
void aspace_destroy(struct aspace *as)
{
	pte_t *pd = (pte_t *)as->pgdir;
	/*
	 * Never the kernel's directory, and never one this CPU has loaded: its
	 * frames go back to the pool (on SMP: loaded on no CPU, shootdown first).
	 */
	KASSERT(as->pgdir && as->pgdir != vm_kernel_pgdir());
	KASSERT(this_cpu()->pgdir_loaded != as->pgdir && as->live_cpus == 0);
	mapdb_drop_target(as);
	for (uint32_t i = KERNEL_PDES; i < USER_PDES_END; i++) {
		if (!pte_present_arch(pd[i]))
			continue;
		pte_t *pt = (pte_t *)pte_frame_arch(pd[i]);
		for (uint32_t j = 0; j < PT_ENTRIES_ARCH; j++)
			if (pte_present_arch(pt[j]) && !pte_grants_arch(pt[j], VM_CAPMAP))
				kframe_free(pte_frame_arch(pt[j]));
		struct untyped *origin = ut_owning((uint32_t)pt);
		if (origin)
			ut_uncarve(origin, (uint32_t)pt, 1);
		else
			kframe_free((uint32_t)pt);
	}
	kframe_free(as->pgdir);
	as->pgdir = 0;
}

/*
 * Present user pages that a cap mapped (capmapped) or that the space owns
 * (!capmapped), and in *own_tables the page tables from the kernel's pool.
 */
static uint32_t count_user_pages(const struct aspace *as, int capmapped, uint32_t *own_tables)
{
	const pte_t *pd = (const pte_t *)as->pgdir;
	uint32_t n = 0;
	*own_tables = 0;
	for (uint32_t i = KERNEL_PDES; i < USER_PDES_END; i++) {
		if (!pte_present_arch(pd[i]))
			continue;
		const pte_t *pt = (pte_t *)pte_frame_arch(pd[i]);
		*own_tables += ut_owning((uint32_t)pt) == 0;
		for (uint32_t j = 0; j < PT_ENTRIES_ARCH; j++)
			n += pte_present_arch(pt[j]) && pte_grants_arch(pt[j], VM_CAPMAP) == capmapped;
	}
	return n;
}

uint32_t aspace_frames(const struct aspace *as)
{
	uint32_t tables, pages = count_user_pages(as, 0, &tables);
	return 1 + tables + pages;
}

uint32_t vm_capmapped_pages(const struct aspace *as)
{
	uint32_t tables;
	return count_user_pages(as, 1, &tables);
}

static pte_t *pte_get(const struct aspace *as, uint32_t va, int create)
{
	pte_t *pd = (pte_t *)as->pgdir;
	pte_t pde = pd[pd_index_arch(va)];
	if (!pte_present_arch(pde)) {
		uint32_t pa;
		if (!create || kframe_alloc(&pa))
			return 0;
		/* Both levels must allow an access: a user table's entries decide. */
		pde = pde_make_table_arch(pa, VM_WRITE | VM_USER);
		pd[pd_index_arch(va)] = pde;
	}
	return (pte_t *)pte_frame_arch(pde) + pt_index_arch(va);
}

int vm_alloc_user(struct aspace *as, uint32_t va, uint32_t len, int flags)
{
	KASSERT(va >= USER_BASE && len <= USER_END - va);
	uint32_t end = va + len;
	for (uint32_t p = va & ~(PAGE_SIZE - 1); p < end; p += PAGE_SIZE) {
		pte_t *pte = pte_get(as, p, 1);
		if (!pte)
			return -E_NOMEM;
		if (pte_present_arch(*pte)) {
			/* Two segments sharing a page: it keeps the wider rights. */
			if (flags & VM_WRITE)
				*pte = pte_grant_arch(*pte, VM_WRITE);
			continue;
		}
		uint32_t pa;
		if (kframe_alloc(&pa))
			return -E_NOMEM;
		*pte = pte_make_arch(pa, VM_USER | (flags & VM_WRITE));
	}
	return 0;
}

void *vm_user_page(const struct aspace *as, uint32_t va, int write)
{
	if (va < USER_BASE || va >= USER_END)
		return 0;
	pte_t *pte = pte_get(as, va, 0);
	/*
	 * Never device memory (Mmio, always VM_UNCACHED): it is not RAM the
	 * kernel may copy through, and it may lie past the identity map.
	 */
	if (!pte || !pte_allows_arch(*pte, VM_USER, VM_UNCACHED))
		return 0;
	if (write && !pte_grants_arch(*pte, VM_WRITE))
		return 0;
	return (char *)pte_frame_arch(*pte) + (va & (PAGE_SIZE - 1));
}

uint32_t vm_tables_needed(const struct aspace *as, uint32_t va, uint32_t npages)
{
	const pte_t *pd = (const pte_t *)as->pgdir;
	uint32_t first = pd_index_arch(va), last = pd_index_arch(va + (npages - 1) * PAGE_SIZE), n = 0;
	for (uint32_t i = first; i <= last; i++)
		n += !pte_present_arch(pd[i]);
	return n;
}

void vm_table_install(struct aspace *as, uint32_t va, uint32_t pt_pa)
{
	pte_t *pd = (pte_t *)as->pgdir;
	uint32_t i = pd_index_arch(va);
	KASSERT(i >= KERNEL_PDES && !pte_present_arch(pd[i]) && ut_owning(pt_pa));
	pd[i] = pde_make_table_arch(pt_pa, VM_WRITE | VM_USER);
}

void vm_each_table(const struct aspace *as, void (*fn)(uint32_t pt_pa, void *arg), void *arg)
{
	const pte_t *pd = (const pte_t *)as->pgdir;
	for (uint32_t i = KERNEL_PDES; i < USER_PDES_END; i++)
		if (pte_present_arch(pd[i]))
			fn(pte_frame_arch(pd[i]), arg);
}

int vm_range_free(const struct aspace *as, uint32_t va, uint32_t npages)
{
	for (uint32_t k = 0; k < npages; k++) {
		pte_t *pte = pte_get(as, va + k * PAGE_SIZE, 0);
		if (pte && pte_present_arch(*pte))
			return 0;
	}
	return 1;
}

void vm_map_range(struct aspace *as, uint32_t va, uint32_t pa, uint32_t npages, unsigned rights)
{
	for (uint32_t k = 0; k < npages; k++) {
		pte_t *pte = pte_get(as, va + k * PAGE_SIZE, 0);
		KASSERT(pte && !pte_present_arch(*pte));   /* decode: tables made, nothing mapped */
		*pte = pte_make_arch(pa + k * PAGE_SIZE, rights | VM_CAPMAP);
	}
}

void vm_unmap_range(struct aspace *as, uint32_t va, uint32_t npages)
{
	for (uint32_t k = 0; k < npages; k++) {
		pte_t *pte = pte_get(as, va + k * PAGE_SIZE, 0);
		KASSERT(pte && pte_present_arch(*pte) && pte_grants_arch(*pte, VM_CAPMAP));
		*pte = 0;
	}
	tlb_flush_range(as, va, npages);
}

void vm_protect_range(struct aspace *as, uint32_t va, uint32_t npages, unsigned rights)
{
	for (uint32_t k = 0; k < npages; k++) {
		pte_t *pte = pte_get(as, va + k * PAGE_SIZE, 0);
		KASSERT(pte && pte_present_arch(*pte) && pte_grants_arch(*pte, VM_CAPMAP));
		*pte = pte_make_arch(pte_frame_arch(*pte), rights | VM_CAPMAP);
	}
	tlb_flush_range(as, va, npages);
}

void tlb_flush_range(const struct aspace *as, uint32_t va, uint32_t npages)
{
	struct cpu *c = this_cpu();
	if (c->pgdir_loaded == as->pgdir)
		arch_tlb_flush_range(as->pgdir, va, npages);
	/* S4 before S5: the entries' stores are out before the live set is read (docs/smp.md). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	uint32_t others = as->live_cpus & ~(1u << c->id);
	if (others)
		smp_tlb_shootdown(others, as->pgdir, va, npages);
}

int vm_lookup(const struct aspace *as, uint32_t va, uint32_t *pa, unsigned *rights)
{
	pte_t *pte = pte_get(as, va, 0);
	if (!pte || !pte_present_arch(*pte))
		return 0;
	*pa = pte_frame_arch(*pte);
	*rights = pte_vmflags_arch(*pte);
	return 1;
}
