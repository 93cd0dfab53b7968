/*
 * kmem.c - builds the kernel's frame pool from the Multiboot memory map,
 * keeping out everything the boot loader handed us: low memory, the kernel
 * image, the information structure, the modules and their strings.
 */
#include "kernel/mm/kmem.h"
#include "kernel/lib.h"
#include "kernel/boot/multiboot.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/memrange.h"

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

/* The largest run of free frames in the pool: *first and its length. */
static uint32_t largest_free_run(uint32_t *first)
{
	uint32_t best = 0, run = 0;
	*first = 0;
	for (uint32_t f = 0; f <= kframes.nframes; f++) {
		if (f < kframes.nframes && frame_is_free(&kframes, f * FRAME_SIZE)) {
			run++;
			continue;
		}
		if (run > best) {
			best = run;
			*first = f - run;
		}
		run = 0;
	}
	return best;
}

#define MMAP_REGIONS_MAX 32

int kmem_split(const struct multiboot_info *mbi, uint32_t *ut_base, uint32_t *ut_pages, uint32_t *pci_base)
{
	struct memr_region ram[MMAP_REGIONS_MAX];
	int nram = 0;
	uint64_t end = 0;
	uint32_t p = mbi->mmap_addr, stop = mbi->mmap_addr + mbi->mmap_length;
	while (p < stop) {
		const struct multiboot_mmap *e = (const struct multiboot_mmap *)p;
		if (e->type == MMAP_AVAILABLE && nram < MMAP_REGIONS_MAX)
			ram[nram++] = (struct memr_region){ e->base, e->len };
		/* Any type: firmware tables and reserved RAM below the window are not device memory either. */
		if (e->base < MMIO_LIMIT && e->base + e->len > end)
			end = e->base + e->len;
		p += e->size + sizeof(e->size);
	}
	end = (end + FRAME_SIZE - 1) & ~(uint64_t)(FRAME_SIZE - 1);
	*pci_base = end < MMIO_LIMIT ? (uint32_t)end : MMIO_LIMIT;

	uint32_t keep = kframes.nfree / 2 > KMEM_KEEP_MIN_PAGES ? kframes.nfree / 2 : KMEM_KEEP_MIN_PAGES;
	uint32_t want = kframes.nfree > keep ? kframes.nfree - keep : 0, first;
	uint32_t run = largest_free_run(&first);
	*ut_pages = want < run ? want : run;
	*ut_base = (first + run - *ut_pages) * FRAME_SIZE;
	if (*ut_pages)
		frame_reserve(&kframes, *ut_base, (uint64_t)*ut_pages * FRAME_SIZE);

	uint32_t legacy = (MMIO_LEGACY_END - MMIO_LEGACY_BASE) / FRAME_SIZE;
	return memr_mmio_ok(MMIO_LEGACY_BASE, legacy, ram, nram) &&
	       (*pci_base >= MMIO_LIMIT || memr_mmio_ok(*pci_base, (MMIO_LIMIT - *pci_base) / FRAME_SIZE, ram, nram));
}

int kmem_take_low(uint32_t npages, uint32_t *base)
{
	/* From the top down: the kernel's own allocations start low (the pool's hint), so this meets them last. */
	uint32_t size = npages * FRAME_SIZE;
	for (uint32_t b = (KMEM_LOW_LIMIT - size) & ~(KMEM_LOW_ALIGN - 1); b >= 0x100000; b -= KMEM_LOW_ALIGN) {
		uint32_t f = 0;
		while (f < npages && frame_is_free(&kframes, b + f * FRAME_SIZE))
			f++;
		if (f == npages) {
			frame_reserve(&kframes, b, size);
			*base = b;
			return 0;
		}
	}
	return -1;
}

int kframe_alloc(uint32_t *pa)
{
	if (frame_alloc(&kframes, pa))
		return -1;
	KASSERT(*pa < KERNEL_DIRECT_END);   /* reached through the identity map */
	memset((void *)*pa, 0, FRAME_SIZE);
	return 0;
}

void kframe_free(uint32_t pa)
{
	/* Only frames the pool can hand out: never low memory, never past the identity map. */
	KASSERT(pa >= 0x100000 && pa < KERNEL_DIRECT_END);
	if (frame_free(&kframes, pa))
		panic("kframe_free: bad or double free of frame 0x%08x", pa);
}
