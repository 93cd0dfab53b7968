/*
 * pgtable.h - the i386 page-table format behind the hooks kernel/mm/vm.c
 * uses: an entry is a 32-bit word (the frame's address in bits 31-12,
 * flags below), two levels of 1024 entries, 4 MiB pages in the directory.
 * Generic code names rights with VM_x (kernel/mm/layout.h) and never a
 * PTE_x bit, so another format (PAE, another architecture) replaces this
 * file, not vm.c (HelenOS: generic mm/ calls the arch's PTE get/set; Linux
 * arch/x86/include/asm/pgtable.h).  Every hook is inline and the rights
 * are usually constants, so the translation folds away.
 */
#ifndef ARCH_I386_PGTABLE_H
#define ARCH_I386_PGTABLE_H

#include <stdint.h>
#include "arch/i386/mmu.h"
#include "arch/i386/x86.h"
#include "kernel/mm/layout.h"

typedef uint32_t pte_t;        /* a page-table or page-directory entry */

#define PT_ENTRIES_ARCH 1024u  /* entries in a table and in the directory */
/* Each directory entry covers this much: a page table's reach, or one big page. */
#define PDE_SPAN_ARCH   BIGPAGE_SIZE

static inline uint32_t pd_index_arch(uint32_t va) { return va >> 22; }
static inline uint32_t pt_index_arch(uint32_t va) { return (va >> 12) & 0x3FFu; }

/* The PTE bits that carry the rights in `rights` (VM_x). */
static inline uint32_t pte_rights_arch(unsigned rights)
{
	return ((rights & VM_WRITE) ? PTE_W : 0) | ((rights & VM_USER) ? PTE_U : 0) |
	       ((rights & VM_GLOBAL) ? PTE_G : 0) | ((rights & VM_CAPMAP) ? PTE_AVL_CAPMAP : 0) |
	       ((rights & VM_UNCACHED) ? PTE_PCD | PTE_PWT : 0);
}

/* A present entry for the frame at pa (page-aligned) with `rights`. */
static inline pte_t pte_make_arch(uint32_t pa, unsigned rights)
{
	return pa | PTE_P | pte_rights_arch(rights);
}

/*
 * A present directory entry for the page table at pa.  The hardware
 * grants the lesser of both levels' rights, so a user table's directory
 * entry grants everything and its entries decide.
 */
static inline pte_t pde_make_table_arch(uint32_t pa, unsigned rights)
{
	return pte_make_arch(pa, rights);
}

/* A present directory entry mapping one PDE_SPAN_ARCH page at pa (needs CR4.PSE). */
static inline pte_t pde_make_big_arch(uint32_t pa, unsigned rights)
{
	return pte_make_arch(pa, rights) | PTE_PS;
}

static inline int pte_present_arch(pte_t e) { return (e & PTE_P) != 0; }
static inline uint32_t pte_frame_arch(pte_t e) { return e & PTE_ADDR; }

/* Whether e grants every right in `rights` (whether it is present is pte_present_arch's). */
static inline int pte_grants_arch(pte_t e, unsigned rights)
{
	uint32_t need = pte_rights_arch(rights);
	return (e & need) == need;
}

/*
 * Whether e is present with every right in need and none in refuse (VM_x),
 * in one mask and compare: the kernel's copy path asks it per page.
 */
static inline int pte_allows_arch(pte_t e, unsigned need, unsigned refuse)
{
	uint32_t want = PTE_P | pte_rights_arch(need);
	return (e & (want | pte_rights_arch(refuse))) == want;
}

/* e with `rights` added (a page mapped twice keeps the wider rights). */
static inline pte_t pte_grant_arch(pte_t e, unsigned rights)
{
	return e | pte_rights_arch(rights);
}

/* The VM_x rights e carries (the inverse of pte_rights_arch, for checks). */
static inline unsigned pte_vmflags_arch(pte_t e)
{
	return ((e & PTE_W) ? VM_WRITE : 0) | ((e & PTE_U) ? VM_USER : 0) | ((e & PTE_G) ? VM_GLOBAL : 0) |
	       ((e & PTE_AVL_CAPMAP) ? VM_CAPMAP : 0) | ((e & PTE_PCD) ? VM_UNCACHED : 0);
}

/* Drops this CPU's cached translation of va (in the loaded space). */
static inline void arch_tlb_flush_page(uint32_t va)
{
	invlpg(va);
}

/* Makes the directory at pgdir_pa (physical) the CPU's address space. */
static inline void arch_load_pgdir(uint32_t pgdir_pa)
{
	write_cr3(pgdir_pa);
}

/*
 * Past this many pages one reload of CR3 (which drops every non-global
 * entry) is cheaper than invlpg per page; bench/ measures both sides
 * (docs/smp.md, "The flush threshold").
 */
#define TLB_FLUSH_PAGES_MAX 32

/* Drops this CPU's translations of npages pages from va in pgdir_pa, the loaded directory. */
static inline void arch_tlb_flush_range(uint32_t pgdir_pa, uint32_t va, uint32_t npages)
{
	if (npages > TLB_FLUSH_PAGES_MAX) {
		write_cr3(pgdir_pa);
		return;
	}
	for (uint32_t k = 0; k < npages; k++)
		invlpg(va + k * 4096u);
}

#endif
