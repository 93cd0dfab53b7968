/*
 * dmaaudit.c - the kernel's own DMA canaries.  The user tests put canary
 * Frames around their buffers, but a bound check that failed could as
 * well send a device just past the memory DmaBuffers are carved from,
 * into the kernel's pool, or (a wrapped address) into the kernel itself.
 * So the kernel keeps a canary page on each side of those regions and a
 * checksum of its image, and dma_audit reports them (docs/dma.md).
 *
 * Not covered, and why: the rest of the page holding the IDE PRD tables
 * (they are a static array among other .bss variables of ide_bm.c, whose
 * neighbours change at run time; prd_valid asserts the tables on every
 * start instead), and physical page 0 (the kernel's map leaves it out so
 * a null dereference faults; reading it would need a mapping of its own).
 */
#include "kernel/dma/dmaaudit.h"
#include "kernel/dma/canary.h"
#include "kernel/debug/log.h"
#include "kernel/lib.h"
#include "kernel/mm/kmem.h"
#include "kernel/mm/uaccess.h"
#include "kernel/object/decode.h"

#define AUDIT_PAGES 4   /* below and above each of the two regions */

static uint32_t canary_pa[AUDIT_PAGES];
static unsigned ncanary;
static uint32_t image_sum;

/* The linker script's bounds of .text and .rodata (arch/i386/kernel.ld). */
extern char kernel_start[], kernel_ro_end[];

static uint32_t image_words(void)
{
	return (uint32_t)(kernel_ro_end - kernel_start) / 4u;
}

static uint32_t image_checksum(void)
{
	return canary_sum((const uint32_t *)kernel_start, image_words(), CANARY_SUM_SEED);
}

/* pa (64 bits: the page above a region may lie past 4 GiB) becomes a canary if the pool has it free. */
static void place(uint64_t pa, const char *where)
{
	if (pa >= 0x100000000ull || !frame_is_free(&kframes, (uint32_t)pa)) {
		kprintf("dma: no canary %s (0x%08llx is not free RAM of the kernel's)\n", where, pa);
		return;
	}
	KASSERT(ncanary < AUDIT_PAGES);
	frame_reserve(&kframes, pa, FRAME_SIZE);
	canary_fill((uint32_t *)(uint32_t)pa, (uint32_t)pa);   /* paging is off: physical = this address */
	canary_pa[ncanary++] = (uint32_t)pa;
	kprintf("dma: canary page %s at 0x%08x\n", where, (uint32_t)pa);
}

static void around(uint32_t base, uint32_t pages, const char *below, const char *above)
{
	if (!pages)
		return;
	place((uint64_t)base - FRAME_SIZE, below);
	place((uint64_t)base + (uint64_t)pages * FRAME_SIZE, above);
}

void dma_audit_boot(uint32_t ut_base, uint32_t ut_pages, uint32_t low_base, uint32_t low_pages)
{
	around(ut_base, ut_pages, "below the untyped", "above the untyped");
	around(low_base, low_pages, "below the ISA DMA untyped", "above the ISA DMA untyped");
	image_sum = image_checksum();
	kprintf("dma: kernel image checksum 0x%08x over %u KiB of code and read-only data\n",
		image_sum, image_words() * 4u / 1024u);
}

void dma_audit_check(struct dma_audit *out)
{
	*out = (struct dma_audit){ 0 };
	for (unsigned i = 0; i < ncanary; i++) {
		uint32_t first = 0;
		uint32_t bad = canary_check((const uint32_t *)canary_pa[i], canary_pa[i], &first);
		if (bad && !out->bad_words)
			out->first_bad = first;
		out->bad_words += bad;
		out->pages++;
		out->bytes += CANARY_PAGE;
	}
	if (image_checksum() != image_sum) {
		if (!out->bad_words)
			out->first_bad = (uint32_t)kernel_start;
		out->bad_words++;
	}
	out->bytes += image_words() * 4u;
}

/* dma_audit(chan_slot, out): any DmaChan cap; the report copied out. */
SYSCALL(dma_audit)
{
	struct cap *c;
	if (!user_range_ok(a->out.addr, sizeof(struct dma_audit)))
		return user_error(E_FAULT);
	long r = cap_decode(a->chan_slot, CAP_DMACHAN, 0, &c);
	if (r)
		return r;
	struct dma_audit rep;
	dma_audit_check(&rep);
	if (copyout(&current()->as, a->out, &rep, sizeof(rep)))
		return user_error(E_FAULT);
	return 0;
}
