/*
 * kmem.h - the kernel's frame pool: zeroed frames from the identity-mapped
 * physical memory.
 */
#ifndef KERNEL_KMEM_H
#define KERNEL_KMEM_H

#include <stdint.h>
#include "kernel/mm/frame.h"

extern struct frame_pool kframes;

struct multiboot_info;
uint32_t kmem_init(const struct multiboot_info *mbi);
/*
 * The kernel's reserve: it keeps max(KMEM_KEEP_MIN, half) of the free
 * frames for its own pool (task images and stacks, page tables made at
 * spawn, page directories) and takes the rest - the top of the largest
 * free run, so one contiguous range - out of the pool for the root task's
 * Untyped: *ut_base and *ut_pages (0 pages if nothing is left).
 * *pci_base: the end of the last region of the firmware's map below the
 * MMIO window's limit, page-rounded up: where the root task's Mmio for
 * PCI starts.  Fails (0) if any RAM region of the map would meet the
 * Mmio ranges, which would be a kernel bug or a strange machine.
 */
#define KMEM_KEEP_MIN_PAGES 4096u   /* 16 MiB */
int  kmem_split(const struct multiboot_info *mbi, uint32_t *ut_base, uint32_t *ut_pages, uint32_t *pci_base);
/*
 * The root task's low Untyped for ISA DMA buffers (the 8237 drives 24
 * address lines): npages free frames below KMEM_LOW_LIMIT starting on a
 * KMEM_LOW_ALIGN boundary, so a buffer carved from its start never crosses
 * the 8237's 64 KiB pages; taken out of the pool.  0 and *base, or -1.
 */
#define KMEM_LOW_LIMIT 0x1000000u   /* 16 MiB */
#define KMEM_LOW_ALIGN 0x10000u     /* 64 KiB */
#define KMEM_LOW_PAGES 128u         /* 512 KiB */
int  kmem_take_low(uint32_t npages, uint32_t *base);
int  kframe_alloc(uint32_t *pa);   /* zeroed; 0 or -1 */
void kframe_free(uint32_t pa);

#endif
