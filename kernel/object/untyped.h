/*
 * untyped.h - the root task's memory caps at boot (kernel/object/untyped.c).
 */
#ifndef KERNEL_OBJECT_UNTYPED_H
#define KERNEL_OBJECT_UNTYPED_H

#include <stdint.h>

struct task;

/*
 * Gives root ROOT_SLOT_UNTYPED (ut_pages pages at ut_base, taken out of
 * the kernel's pool already), ROOT_SLOT_MMIO_LEGACY and
 * ROOT_SLOT_MMIO_PCI (pci_base .. MMIO_LIMIT; none if pci_base is not
 * below it).
 */
void untyped_boot(struct task *root, uint32_t ut_base, uint32_t ut_pages, uint32_t pci_base);

/* Gives root ROOT_SLOT_UNTYPED_LOW, the pages kmem_take_low took (none if 0 pages). */
void untyped_boot_low(struct task *root, uint32_t base, uint32_t npages);

#endif
