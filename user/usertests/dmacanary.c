/*
 * dmacanary.c - the canaries of the DMA tests, outside the test task.
 * Canary Frames the test itself maps would show a transfer that ran past
 * its buffer, but not that the kernel keeps one task's DMA off memory
 * that is *another* task's or the kernel's, which is the promise
 * (issue 15).  So the Frames carved just below and above a test buffer
 * are moved to a keeper task (ipcpeer keep), which fills them and
 * reports changed words on request, and the kernel's own canary pages
 * and image checksum are read through dma_audit.
 */
#include "user/usertests/dmacanary.h"
#include "user/usertests/ipctests.h"

int keeper_start(unsigned ep_slot, unsigned lo, unsigned hi)
{
	struct ipc_msg m;
	CHECK_EQ(sys_ep_create(ep_slot), 0);
	int tid = peer_spawn("keep");
	CHECK(tid > 0);
	CHECK_EQ(peer_give(tid, ep_slot, 0, EPR_RECV, 0), 0);
	CHECK_EQ(sys_cap_transfer(lo, tid, PEER_KEEP0), 0);
	CHECK_EQ(sys_cap_transfer(hi, tid, PEER_KEEP0 + 1), 0);
	CHECK_EQ(sys_resume(tid), 0);
	/* Filled before it serves: the first answer says both pages are whole. */
	CHECK_EQ(call_op(ep_slot, OP_CANARY, 0, 0, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), OP_CANARY);
	CHECK_EQ(m.w0, 0);
	CHECK_EQ(m.w1, 2);
	return tid;
}

int kernel_canaries_whole(void)
{
	struct dma_audit a = { 0, 0, ~0u, ~0u };
	CHECK_EQ(sys_dma_audit(ROOT_SLOT_DMA, &a), 0);
	if (a.bad_words)
		printf("# dma_audit: %u words changed, the first at 0x%08x\n", a.bad_words, a.first_bad);
	CHECK_EQ(a.bad_words, 0);
	CHECK_EQ(a.first_bad, 0);
	CHECK(a.bytes > a.pages * 4096u);     /* the image was read too */
	return 0;
}

int dma_canaries_whole(unsigned ep_slot, unsigned pages)
{
	struct ipc_msg m;
	CHECK_EQ(call_op(ep_slot, OP_CANARY, 0, 0, &m), 0);
	if (m.w0)
		printf("# keeper: %u words of its canary Frames changed\n", m.w0);
	CHECK_EQ(m.w0, 0);
	CHECK_EQ(m.w1, pages);
	return kernel_canaries_whole();
}

static unsigned phys(unsigned slot)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) == 0 ? ci.base : ~0u;
}

int carve_at_top(unsigned filler, unsigned buf, unsigned type, unsigned pages)
{
	struct capinfo ci;
	CHECK_EQ(sys_cap_info(ROOT_SLOT_UNTYPED_LOW, &ci), 0);
	CHECK(ci.count > pages);
	unsigned top = ci.base + ci.count * 4096u;
	for (unsigned n = ci.count - pages; n > 0; n--) {
		if (sys_mem_retype(ROOT_SLOT_UNTYPED_LOW, filler, MEM_UNTYPED, n))
			continue;
		if (!sys_mem_retype(ROOT_SLOT_UNTYPED_LOW, buf, type, pages)) {
			if (phys(buf) + pages * 4096u == top)
				return 0;
			sys_cap_delete(buf);
		}
		sys_cap_delete(filler);
	}
	printf("# no filler puts a %u-page buffer at the top of the low Untyped (0x%08x)\n", pages, top);
	return 1;
}

/*
 * dma_audit(chan, out): the pointer first (E_FAULT for one outside user
 * space, before the slot is looked at), then any DmaChan cap, a one-engine
 * one too; other caps and slots refused; a report of at least one canary
 * page and the image, nothing changed.
 */
int t_dma_audit_checks_its_arguments(void)
{
	struct dma_audit a = { 0, 0, ~0u, ~0u }, b;
	ipc_fresh();
	CHECK_EQ(sys_dma_audit(ROOT_SLOT_DMA, (struct dma_audit *)0xC0000000u), -E_FAULT);
	CHECK_EQ(sys_dma_audit(32, (struct dma_audit *)0xFFFFFFF8u), -E_FAULT);   /* wraps: the pointer comes first */
	CHECK_EQ(sys_dma_audit(ROOT_SLOT_DMA, (struct dma_audit *)0), -E_FAULT);
	CHECK_EQ(sys_dma_audit(32, &a), -E_BADSLOT);
	CHECK_EQ(sys_dma_audit(S_EP, &a), -E_EMPTY);
	CHECK_EQ(sys_dma_audit(ROOT_SLOT_IOPORTS, &a), -E_TYPE);
	CHECK_EQ(sys_dma_audit(ROOT_SLOT_UNTYPED, &a), -E_TYPE);
	CHECK_EQ(a.bad_words, ~0u);                      /* nothing written on a refusal */
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, S_EP, DMA_ISA(3), 0), 0);
	CHECK_EQ(sys_dma_audit(S_EP, &a), 0);
	CHECK(a.pages >= 1 && a.pages <= 4);
	CHECK(a.bytes > a.pages * 4096u);
	CHECK_EQ(a.bad_words, 0);
	CHECK_EQ(a.first_bad, 0);
	/* Both gates, the same report. */
	CHECK_EQ(syscall_int80(SYS_dma_audit, ROOT_SLOT_DMA, (unsigned)&b, 0, 0), 0);
	CHECK_EQ(b.pages, a.pages);
	CHECK_EQ(b.bytes, a.bytes);
	CHECK_EQ(b.bad_words, 0);
	ipc_fresh();
	return 0;
}
