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

struct aspace {
	uint32_t pgdir;      /* physical == kernel virtual (identity map) */
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
/* Frames the space owns: its page directory, page tables and user pages (invariant checker). */
uint32_t aspace_frames(const struct aspace *as);

#endif
