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
int  kframe_alloc(uint32_t *pa);   /* zeroed; 0 or -1 */
void kframe_free(uint32_t pa);

#endif
