/*
 * untyped.c - Untyped caps: mem_retype carves Frames (zeroed RAM),
 * DmaBuffers (Frames a device may reach, docs/dma.md) and smaller Untypeds (a child's budget) first-fit from the Untyped's free
 * pages (kernel/mm/memobj.h has the arithmetic).  The new cap is a child of the
 * Untyped cap in the derivation tree, so revoking an Untyped cap takes
 * back everything carved through it and through its copies - frames and
 * their mappings, smaller budgets and what they carved.  Also the root
 * task's memory caps at boot (untyped_boot).
 */
#include "abi/syscalls.h"
#include "kernel/object/cnode.h"
#include "kernel/object/decode.h"
#include "kernel/object/untyped.h"
#include "kernel/lib.h"
#include "kernel/mm/memobj.h"
#include "kernel/mm/memrange.h"
#include "kernel/proc/task.h"

/* A Frame's pages are named 16 bits at a time by MEM_SUB (cap_mint). */
#define FRAME_PAGES_MAX 0xFFFFu
/* The 8237 counts addresses in 16 bits, with a page register above them that never carries. */
#define ISA_BLOCK_PAGES (0x10000u / MEM_PAGE)
#define ISA_DMA_LIMIT   0x1000000u   /* 24 address lines */

SYSCALL(mem_retype)
{
	struct cap *src, *dst;
	long r = cnode_decode_pair(a->src, a->dst, &src, &dst);
	if (!r)
		r = cap_check(src, CAP_UNTYPED, 0);
	if (r)
		return r;
	struct untyped *u = src->mem.obj;
	enum cap_type made = CAP_FRAME;
	uint32_t block = 0;   /* an ISA buffer's: it lies in one such block of pages */
	/* The most frequent first: a Frame costs one compare. */
	if (a->type == MEM_FRAME)
		;
	else if (a->type == MEM_UNTYPED)
		made = CAP_UNTYPED;
	else if ((a->type & ~MEM_DMA_ISA) == MEM_DMABUF)
		made = CAP_DMABUF, block = a->type & MEM_DMA_ISA ? ISA_BLOCK_PAGES : 0;
	else
		return user_refuse(E_INVAL, "type is not MEM_FRAME, MEM_UNTYPED or MEM_DMABUF (| MEM_DMA_ISA)");
	if (a->npages == 0 || a->npages > u->npages || (made != CAP_UNTYPED && a->npages > FRAME_PAGES_MAX))
		return user_refuse(E_RANGE, "npages is 0 or larger than the Untyped or a Frame can be");
	if (block && a->npages > block)
		return user_refuse(E_RANGE, "an ISA buffer is at most one 64 KiB block");
	if (block ? !ut_fits_within(u, a->npages, block, ISA_DMA_LIMIT) : !ut_fits(u, a->npages))
		return user_refuse(E_NOMEM, "the Untyped has no run of npages free pages (ISA: in one 64 KiB block below 16 MiB)");
	struct task *me = current();
	enum memobj_kind kind = made == CAP_UNTYPED ? MEMOBJ_UNTYPED : MEMOBJ_FRAME;
	if (!memobj_may_create(kind, me->mem_made[kind], me == task_root()))
		return user_refuse(E_NOMEM, "the kernel's pool of memory objects is full, or the caller's quota");

	struct cap val = { .type = made };
	if (made != CAP_UNTYPED) {
		/* A DmaBuffer is a Frame a device may reach: contiguous like every Frame, and never moved. */
		struct memframe *f = block ? ut_carve_frame_within(u, a->npages, block) : ut_carve_frame(u, a->npages);
		f->owner = me->tid;
		/* The untyped's RAM lies below KERNEL_DIRECT_END (untyped_boot): reached directly. */
		memset((void *)f->base, 0, f->npages * MEM_PAGE);
		val.mem = (struct capmem){ f, f->base, f->npages, MEM_R | MEM_W };
	} else {
		struct untyped *child = ut_carve_untyped(u, a->npages);
		child->owner = me->tid;
		val.mem = (struct capmem){ child, child->base, child->npages, 0 };
	}
	me->mem_made[kind]++;
	cap_insert_child(src, dst, &val);
	return 0;
}

/* An object went: its maker, if it lives (a tid is never reused), may make another. */
static void memobj_uncount(int owner, enum memobj_kind kind)
{
	struct task *t = task_lookup(owner);
	if (t) {
		KASSERT(t->mem_made[kind] > 0);
		t->mem_made[kind]--;
	}
}

/* A root Untyped over npages at base in the root's slot (none if npages is 0). */
static void root_untyped(struct task *root, uint32_t slot, uint32_t base, uint32_t npages)
{
	if (!npages)
		return;
	struct untyped *u = ut_make_root(base, npages);
	struct cap val = { .type = CAP_UNTYPED };
	val.mem = (struct capmem){ u, u->base, u->npages, 0 };
	cap_install_root(&root->cs.slot[slot], &val);
}

void untyped_boot(struct task *root, uint32_t ut_base, uint32_t ut_pages, uint32_t pci_base)
{
	memobj_init();
	memobj_gone_hook = memobj_uncount;
	root_untyped(root, ROOT_SLOT_UNTYPED, ut_base, ut_pages);
	struct cap val = { .type = CAP_MMIO };
	val.mem = (struct capmem){ 0, MMIO_LEGACY_BASE, (MMIO_LEGACY_END - MMIO_LEGACY_BASE) / MEM_PAGE,
				   MEM_R | MEM_W };
	cap_install_root(&root->cs.slot[ROOT_SLOT_MMIO_LEGACY], &val);
	if (pci_base < MMIO_LIMIT) {
		val.mem = (struct capmem){ 0, pci_base, (MMIO_LIMIT - pci_base) / MEM_PAGE, MEM_R | MEM_W };
		cap_install_root(&root->cs.slot[ROOT_SLOT_MMIO_PCI], &val);
	}
}

void untyped_boot_low(struct task *root, uint32_t base, uint32_t npages)
{
	root_untyped(root, ROOT_SLOT_UNTYPED_LOW, base, npages);
}
