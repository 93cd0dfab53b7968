/*
 * kmem.c - builds the kernel's frame pool from the Multiboot memory map,
 * keeping out everything the boot loader handed us: low memory, the kernel
 * image, the information structure, the modules and their strings.
 */
#include "kernel/mm/kmem.h"
#include "kernel/lib.h"
#include "kernel/boot/multiboot.h"
#include "kernel/mm/layout.h"

#define MAX_FRAMES (KERNEL_DIRECT_END / FRAME_SIZE)

struct frame_pool kframes;
static uint32_t frame_bitmap[MAX_FRAMES / 32];
extern char kernel_start[], kernel_end[];

uint32_t kmem_init(const struct multiboot_info *mbi)
{
	uint64_t top = 0;
	frame_pool_init(&kframes, frame_bitmap, MAX_FRAMES);
	if (!(mbi->flags & MBI_FLAG_MMAP))
		panic("boot loader gave no memory map");
	uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
	while (p < end) {
		const struct multiboot_mmap *e = (const struct multiboot_mmap *)p;
		if (e->type == MMAP_AVAILABLE) {
			frame_add_region(&kframes, e->base, e->len);
			if (e->base + e->len > top)
				top = e->base + e->len;
		}
		p += e->size + sizeof(e->size);
	}
	/* BIOS data, real-mode IVT, EBDA and the ISA hole stay out of reach. */
	frame_reserve(&kframes, 0, 0x100000);
	frame_reserve(&kframes, (uint32_t)kernel_start, (uint32_t)(kernel_end - kernel_start));
	frame_reserve(&kframes, (uint32_t)mbi, sizeof(*mbi));
	frame_reserve(&kframes, mbi->mmap_addr, mbi->mmap_length);
	if (mbi->flags & MBI_FLAG_CMDLINE)
		frame_reserve(&kframes, mbi->cmdline, strlen((const char *)mbi->cmdline) + 1);
	if (mbi->flags & MBI_FLAG_MODS) {
		const struct multiboot_mod *m = (const struct multiboot_mod *)mbi->mods_addr;
		frame_reserve(&kframes, mbi->mods_addr, mbi->mods_count * sizeof(*m));
		for (uint32_t i = 0; i < mbi->mods_count; i++) {
			frame_reserve(&kframes, m[i].start, m[i].end - m[i].start);
			if (m[i].string)
				frame_reserve(&kframes, m[i].string, strlen((const char *)m[i].string) + 1);
		}
	}
	return top > KERNEL_DIRECT_END ? KERNEL_DIRECT_END : (uint32_t)top;
}

int kframe_alloc(uint32_t *pa)
{
	if (frame_alloc(&kframes, pa))
		return -1;
	memset((void *)*pa, 0, FRAME_SIZE);
	return 0;
}

void kframe_free(uint32_t pa)
{
	if (frame_free(&kframes, pa))
		panic("kframe_free: bad or double free of frame 0x%08x", pa);
}
