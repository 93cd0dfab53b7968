/*
 * layout.h - the shape every address space shares, and the rights a
 * mapping can carry, in the kernel's own words.  Physical memory below
 * KERNEL_DIRECT_END is identity-mapped, supervisor-only, in every space;
 * user space is [USER_BASE, USER_END).  The frame pool (kmem.c) needs the
 * first, the address spaces (vm.c) all of it, and neither needs the other
 * for it.  How a right becomes page-table bits is the architecture's
 * (arch/i386/pgtable.h).
 */
#ifndef KERNEL_MM_LAYOUT_H
#define KERNEL_MM_LAYOUT_H

#define KERNEL_DIRECT_END 0x40000000u
#define USER_BASE         0x40000000u
#define USER_END          0xC0000000u
#define USER_STACK_TOP    USER_END
/*
 * The interrupt controllers' registers (IOAPIC at 0xFEC00000, local APIC
 * at 0xFEE00000): one big uncached kernel page, identity-mapped in every
 * space like the low gigabyte.  Mmio caps end below it (MMIO_LIMIT), so no
 * task can map the APICs and send interrupts of its own.
 */
#define KERNEL_DEVICE_BASE 0xFEC00000u
#define USER_STACK_PAGES  8

/* A mapping's rights; 0 is a present, kernel-only, read-only page. */
#define VM_WRITE  0x1u   /* writable */
#define VM_USER   0x2u   /* reachable from ring 3 */
#define VM_GLOBAL 0x4u   /* the same in every space: kept across address-space switches */
/*
 * Put there by mem_map through a cap (kernel/mm/mapdb.h): the page is not
 * the space's own, so tearing the space down never frees it, and only the
 * mapping database removes it.  Software-only: the hardware ignores it.
 */
#define VM_CAPMAP 0x8u
#define VM_UNCACHED 0x10u /* device memory: never cached (Mmio) */

#endif
