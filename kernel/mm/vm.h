/*
 * vm.h - address spaces.  Physical memory below KERNEL_DIRECT_END is
 * identity-mapped, supervisor-only, in every address space (4 MiB global
 * pages; the first 4 MiB uses a page table so that page 0 is unmapped and
 * catches null pointers).  User space is [USER_BASE, USER_END)
 * (kernel/mm/layout.h).
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <stdint.h>
#include "kernel/mm/layout.h"

/*
 * A user page table comes from the kernel's pool or, made by mem_map,
 * from an Untyped; its address says which (ut_owning, kernel/mm/memobj.h),
 * and aspace_destroy returns it there.
 */
struct aspace {
	uint32_t pgdir;      /* physical == kernel virtual (identity map) */
	/*
	 * The CPUs whose CR3 holds pgdir (bit = CPU id): each CPU sets its
	 * own bit before loading CR3 and clears it after loading another
	 * (sched_load_space), so a shootdown that reads it under the big
	 * lock misses no CPU that may cache an entry (docs/smp.md, S2-S3).
	 */
	volatile uint32_t live_cpus;
};

void vm_init(uint32_t mem_top);
uint32_t vm_kernel_pgdir(void);
int  aspace_create(struct aspace *as);
void aspace_destroy(struct aspace *as);
/* Maps fresh zeroed user frames over [va, va+len) (page-rounded); flags: VM_WRITE.  0 or -E_NOMEM. */
int  vm_alloc_user(struct aspace *as, uint32_t va, uint32_t len, int flags);
/*
 * Kernel pointer to the byte at user address va if it is mapped user-
 * accessible (and writable when write is set), else 0.  Valid to the end
 * of that page.
 */
void *vm_user_page(const struct aspace *as, uint32_t va, int write);
/*
 * The mappings of memory caps (kernel/object/frame.c decodes, these
 * cannot fail).  vm_tables_needed: page tables missing over npages pages
 * at va; vm_table_install gives the one covering va (zeroed, carved from
 * an Untyped).  vm_range_free: no page mapped there.
 * vm_map_range needs every table present; rights are VM_x (VM_CAPMAP is
 * added).  vm_unmap_range and vm_protect_range change only entries a cap
 * put there, and flush the TLB before returning (tlb_flush_range).
 */
uint32_t vm_tables_needed(const struct aspace *as, uint32_t va, uint32_t npages);
void vm_table_install(struct aspace *as, uint32_t va, uint32_t pt_pa);
/* Calls fn(pt_pa, arg) for each user page table of as (invariants). */
void vm_each_table(const struct aspace *as, void (*fn)(uint32_t pt_pa, void *arg), void *arg);
int  vm_range_free(const struct aspace *as, uint32_t va, uint32_t npages);
void vm_map_range(struct aspace *as, uint32_t va, uint32_t pa, uint32_t npages, unsigned rights);
void vm_unmap_range(struct aspace *as, uint32_t va, uint32_t npages);
void vm_protect_range(struct aspace *as, uint32_t va, uint32_t npages, unsigned rights);
/*
 * The one place the TLB learns that entries of as changed: every
 * unmap and protect ends here.  This CPU flushes if it has as loaded;
 * every other CPU in as->live_cpus gets the shootdown (kernel/smp/ipi.c),
 * and the call returns only when each has flushed: a frame unmapped here
 * may be reused as soon as it returns.
 */
void tlb_flush_range(const struct aspace *as, uint32_t va, uint32_t npages);
/* The entry mapping va: its physical page and VM_x rights, or 0 if nothing is mapped (invariants). */
int  vm_lookup(const struct aspace *as, uint32_t va, uint32_t *pa, unsigned *rights);

/* Pages a cap mapped in the space (VM_CAPMAP entries; invariants). */
uint32_t vm_capmapped_pages(const struct aspace *as);
/* Frames the space owns: its page directory, page tables and user pages (invariant checker). */
uint32_t aspace_frames(const struct aspace *as);

#endif
