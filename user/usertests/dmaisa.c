/*
 * dmaisa.c - ISA DMA through the kernel's 8237 engine (kernel/dma/isa8237.c,
 * docs/dma.md "ISA 8237 and the floppy"): a real round trip through the
 * floppy controller on channel 2 (the floppy driver, drivers/floppy, on
 * build/floppy.img), and every request the kernel must refuse, each with
 * the error docs/dma.md gives it.  The refusals run on channel 3, which
 * nothing on QEMU's or Bochs' pc drives, so a request wrongly accepted
 * programs the channel but moves nothing: the test sees it in the
 * answer.  Around every case canary pages are checked untouched: RAM
 * just before and just after the buffer, where a transfer that ran past
 * either end would land, moved to a keeper task so that it is another
 * task's memory (ipcpeer keep, user/usertests/dmacanary.c); the kernel's
 * own canaries through dma_audit, among them the page just above the low
 * Untyped, which a buffer carved at its very top touches; and for the
 * floppy the page just after the driver's low memory.
 */
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/umem.h"
#include "user/usertests/dmacanary.h"
#include "user/usertests/dmaisa.h"
#include "user/usertests/ipctests.h"

#define S_KEEP    21       /* the keeper's endpoint */
#define S_CHAN    22       /* a DmaChan naming DMA_ISA(3) */
#define S_BUF     23       /* a DmaBuffer below 16 MiB, 64 KiB-aligned, mapped */
#define S_LOW     24       /* the budget the canaries and the buffer come from (low memory) */
#define S_CANARY  25       /* 1 page before, BUF_PAGES, 1 page after (S_Y): carved in that order, then the keeper's */
#define S_X       26       /* whatever one case needs */
#define S_Y       27
#define IDLE_CHAN 3
#define BUF_PAGES 4
#define LOW_PAGES 32       /* two 64 KiB blocks of the low Untyped */
#define PAGE      4096u
#define SECTOR    512u

/* ---- the fixture: budget, canaries, buffer, channel ---- */

static struct shbuf buf = { .slot = S_BUF };

static uint32_t canary_word(unsigned page, unsigned i)
{
	return 0xC0DE0000u ^ (page * 0x9E3779B9u) ^ (i * 2654435761u);
}

static void canary_fill(struct shbuf *b, unsigned tag)
{
	uint32_t *w = b->va;
	for (unsigned i = 0; i < b->pages * PAGE / 4; i++)
		w[i] = canary_word(tag, i);
}

static int canary_ok(const struct shbuf *b, unsigned tag)
{
	const uint32_t *w = b->va;
	for (unsigned i = 0; i < b->pages * PAGE / 4; i++)
		if (w[i] != canary_word(tag, i)) {
			printf("# canary %u: word %u is 0x%08x\n", tag, i, w[i]);
			return 0;
		}
	return 1;
}

static long low_frame(struct shbuf *b, unsigned slot, unsigned type, unsigned pages)
{
	long r = sys_mem_retype(S_LOW, slot, type, pages);
	if (!r)
		r = shbuf_attach(b, slot, ROOT_SLOT_UNTYPED);   /* page tables elsewhere: the low pages stay in order */
	return r;
}

/*
 * First fit from a 64 KiB-aligned budget: the page before, the buffer,
 * the page after lie in that order in physical memory (checked), and the
 * buffer does not start on a 64 KiB boundary, so 'before' is in its block.
 * The two canaries are never mapped here: they go to the keeper.
 */
static int fixture(void)
{
	struct capinfo ci;
	ipc_fresh();
	CHECK_EQ(sys_cap_info(ROOT_SLOT_UNTYPED_LOW, &ci), 0);
	CHECK_EQ(ci.type, CAPT_UNTYPED);
	CHECK(ci.base + ci.count * PAGE <= 0x1000000u);
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED_LOW, S_LOW, MEM_UNTYPED, LOW_PAGES), 0);
	CHECK_EQ(sys_cap_info(S_LOW, &ci), 0);
	CHECK_EQ(ci.base % 0x10000, 0);
	CHECK_EQ(sys_mem_retype(S_LOW, S_CANARY, MEM_FRAME, 1), 0);
	CHECK_EQ(low_frame(&buf, S_BUF, MEM_DMABUF | MEM_DMA_ISA, BUF_PAGES), 0);
	CHECK_EQ(sys_mem_retype(S_LOW, S_Y, MEM_FRAME, 1), 0);
	struct capinfo b, a, f;
	CHECK_EQ(sys_cap_info(S_CANARY, &b), 0);
	CHECK_EQ(sys_cap_info(S_BUF, &f), 0);
	CHECK_EQ(sys_cap_info(S_Y, &a), 0);
	CHECK_EQ(f.type, CAPT_DMABUF);
	CHECK_EQ(b.base + PAGE, f.base);
	CHECK_EQ(f.base + BUF_PAGES * PAGE, a.base);
	canary_fill(&buf, 3);
	CHECK(keeper_start(S_KEEP, S_CANARY, S_Y) > 0);
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, S_CHAN, DMA_ISA(IDLE_CHAN), 0), 0);
	return 0;
}

static int canaries_untouched(void)
{
	return dma_canaries_whole(S_KEEP, 2);
}

static void teardown(void)
{
	sys_dma_stop(S_CHAN);
	ipc_fresh();
	sys_cap_delete(S_LOW);
}

#define CANARIES_BROKEN (-1000L)   /* what start answers when a refusal left a canary changed */

/*
 * dma_start with one segment.  After a refusal the canaries are checked
 * at once (the keeper's while it holds them, the kernel's always), so
 * every refused case is checked, not only the last of a test.
 */
static long start(unsigned chan_slot, unsigned dir, unsigned mode, unsigned buf_slot, unsigned off, unsigned len)
{
	struct dma_req req = { .dir = dir, .mode = mode, .nseg = 1, .seg = { { buf_slot, off, len } } };
	long r = sys_dma_start(chan_slot, &req);
	if (r && (slot_type(S_KEEP) == CAPT_ENDPOINT ? canaries_untouched() : kernel_canaries_whole()))
		return CANARIES_BROKEN;
	return r;
}

/* Runs body between fixture and teardown, then checks the canaries. */
static int with_fixture(int (*body)(void))
{
	int r = fixture();
	if (!r)
		r = body();
	if (!r)
		r = canaries_untouched();
	teardown();
	return r;
}

/* A test of the ISA engine: body between fixture and teardown, canaries checked after. */
#define FIXTURE_TEST(name, body) int name(void) { return with_fixture(body); }

/* ---- refusals ---- */

static int accepted_on_idle_channel(void)
{
	/* Channel 3 runs nothing: started, busy, stopped without its terminal count. */
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, BUF_PAGES * PAGE), 0);
	long st = sys_dma_stop(S_CHAN);
	CHECK(st >= 0);
	CHECK_EQ(st & DMA_ISA_ST_TC, 0);
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	CHECK_EQ(start(S_CHAN, DMA_TO_DEVICE, DMA_ISA_DEMAND | DMA_ISA_AUTOINIT, S_BUF, PAGE, 1), 0);
	CHECK(sys_dma_stop(S_CHAN) >= 0);
	return 0;
}

FIXTURE_TEST(t_dmaisa_valid_request_on_idle_channel, accepted_on_idle_channel)

static int outside_buffer(void)
{
	const unsigned size = BUF_PAGES * PAGE;
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, size, 2), -E_RANGE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, size - 2, 4), -E_RANGE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, size + 2), -E_RANGE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0x200, 0xFFFFFE00u), -E_RANGE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0xFFFFFFFEu, 4), -E_RANGE);
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	return 0;
}

FIXTURE_TEST(t_dmaisa_outside_buffer_refused, outside_buffer)

static int bad_modes(void)
{
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE | DMA_ISA_DECREMENT, S_BUF, PAGE, 512), -E_INVAL);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, 3, S_BUF, 0, 512), -E_INVAL);     /* the 8237's cascade mode */
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE | 0x100, S_BUF, 0, 512), -E_INVAL);
	CHECK_EQ(start(S_CHAN, 0, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_INVAL);
	CHECK_EQ(start(S_CHAN, 3, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_INVAL);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 0), -E_INVAL);
	struct dma_req two = { DMA_FROM_DEVICE, DMA_ISA_SINGLE, 2, { { S_BUF, 0, 512 }, { S_BUF, 512, 512 } } };
	CHECK_EQ(sys_dma_start(S_CHAN, &two), -E_INVAL);                         /* ISA takes one segment */
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	return 0;
}

FIXTURE_TEST(t_dmaisa_bad_mode_refused, bad_modes)

static int bad_channels(void)
{
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, S_X, DMA_ISA(4), 0), -E_PERM);      /* the cascade never exists */
	CHECK(sys_cap_mint(ROOT_SLOT_DMA, S_X, DMA_ISA(8), 0) < 0);
	CHECK(sys_cap_mint(ROOT_SLOT_DMA, S_X, 0x80000000u, 0) < 0);
	/* Two engines in one cap: which one would run? */
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, S_X, DMA_ISA(1) | DMA_ISA(3), 0), 0);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_INVAL);
	sys_cap_delete(S_X);
	/* A cap that is no DmaChan, an empty slot, no slot. */
	CHECK_EQ(start(S_BUF, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_TYPE);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_EMPTY);
	CHECK_EQ(start(32, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), -E_BADSLOT);
	/* A buffer slot that holds no DmaBuffer: a Frame (ours: the canaries are the keeper's), an empty slot. */
	CHECK_EQ(sys_mem_retype(S_LOW, S_CANARY, MEM_FRAME, 1), 0);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_CANARY, 0, 512), -E_TYPE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_X, 0, 512), -E_EMPTY);
	/* A narrower cap cannot name another channel: minting only narrows. */
	CHECK_EQ(sys_cap_mint(S_CHAN, S_X, DMA_ISA(2), 0), -E_PERM);
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	return 0;
}

FIXTURE_TEST(t_dmaisa_bad_channel_refused, bad_channels)

static int word_channel(void)
{
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, S_X, DMA_ISA(6), 0), 0);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 511), -E_INVAL);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 1, 512), -E_INVAL);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), 0);
	CHECK(sys_dma_stop(S_X) >= 0);
	return 0;
}

FIXTURE_TEST(t_dmaisa_word_channel_needs_words, word_channel)

static int rights(void)
{
	/* A read-only cap: the device may read it (to the device), never write it. */
	static const struct { unsigned dir; long want; } way[] = { { DMA_FROM_DEVICE, -E_PERM }, { DMA_TO_DEVICE, 0 } };
	CHECK_EQ(sys_cap_mint(S_BUF, S_X, 0, MEM_R), 0);
	for (unsigned i = 0; i < sizeof(way) / sizeof(way[0]); i++) {
		CHECK_EQ(start(S_CHAN, way[i].dir, DMA_ISA_SINGLE, S_X, 0, 512), way[i].want);
		CHECK(way[i].want || sys_dma_stop(S_CHAN) >= 0);
	}
	return 0;
}

FIXTURE_TEST(t_dmaisa_readonly_buffer_not_written, rights)

static int busy(void)
{
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), 0);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 512, 512), -E_BUSY);
	CHECK_EQ(sys_cap_copy(S_CHAN, S_X), 0);   /* another cap to the same channel: still busy */
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 512, 512), -E_BUSY);
	CHECK(sys_dma_stop(S_CHAN) >= 0);
	CHECK_EQ(start(S_X, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 512, 512), 0);
	CHECK(sys_dma_stop(S_X) >= 0);
	return 0;
}

FIXTURE_TEST(t_dmaisa_busy_channel_refused, busy)

/* A buffer whose last cap goes while a transfer uses it: the channel is stopped first. */
static int gone_in_flight(void)
{
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), 0);
	shbuf_destroy(&buf);                                      /* unmap, then delete the only cap */
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	CHECK_EQ(canaries_untouched(), 0);
	CHECK_EQ(low_frame(&buf, S_BUF, MEM_DMABUF | MEM_DMA_ISA, BUF_PAGES), 0);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, 512), 0);   /* not busy */
	/* Revoking the budget it came from takes the buffer, and stops the channel. */
	CHECK_EQ(sys_cap_revoke(S_LOW), 0);
	CHECK_EQ(sys_dma_stop(S_CHAN), -E_STATE);
	/* The revoke took the keeper's Frames too (they came from S_LOW): the kernel's remain to check. */
	CHECK_EQ(dma_canaries_whole(S_KEEP, 0), 0);
	return 0;
}

int t_dmaisa_buffer_gone_in_flight_stops(void)
{
	int r = fixture();
	if (!r)
		r = gone_in_flight();
	teardown();
	return r;
}

/* A buffer above 16 MiB, and one crossing a 64 KiB boundary, never reach the 8237. */
static int unreachable(void)
{
	struct capinfo ci;
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED, S_X, MEM_DMABUF, 1), 0);
	CHECK_EQ(sys_cap_info(S_X, &ci), 0);
	CHECK(ci.base >= 0x1000000u);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_X, 0, 512), -E_RANGE);
	sys_cap_delete(S_X);
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED, S_X, MEM_DMABUF | MEM_DMA_ISA, 1), -E_NOMEM);
	/* 17 pages below 16 MiB cross a 64 KiB boundary whatever their start. */
	CHECK_EQ(sys_mem_retype(S_LOW, S_X, MEM_DMABUF, 17), 0);
	CHECK_EQ(sys_cap_info(S_X, &ci), 0);
	unsigned cross = 0x10000 - ci.base % 0x10000;             /* bytes to the boundary */
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_X, cross - 256, 512), -E_RANGE);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_X, cross - 512, 512), 0);   /* up to it */
	CHECK(sys_dma_stop(S_CHAN) >= 0);
	CHECK_EQ(start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_X, cross, 512), 0);         /* from it */
	CHECK(sys_dma_stop(S_CHAN) >= 0);
	sys_cap_delete(S_X);
	CHECK_EQ(sys_mem_retype(S_LOW, S_X, MEM_DMABUF | MEM_DMA_ISA, 17), -E_RANGE);
	return 0;
}

FIXTURE_TEST(t_dmaisa_unreachable_memory_refused, unreachable)

/* ---- a buffer at the very top of the low Untyped ---- */

#define TOP_PAGES 2

/*
 * One byte past the buffer is the kernel's canary page above the low
 * Untyped (boot log: "dma: canary page above the ISA DMA untyped"): a
 * request past the end is refused and dma_audit finds it whole; a
 * transfer filling the buffer exactly is accepted (on the idle channel
 * it moves nothing) and leaves it whole too.
 */
int t_dmaisa_top_of_low_memory(void)
{
	const unsigned size = TOP_PAGES * PAGE;
	ipc_fresh();
	int r = carve_at_top(S_LOW, S_BUF, MEM_DMABUF | MEM_DMA_ISA, TOP_PAGES);
	if (!r)
		r = sys_cap_mint(ROOT_SLOT_DMA, S_CHAN, DMA_ISA(IDLE_CHAN), 0) ? 1 : 0;
	if (!r)
		r = kernel_canaries_whole();
	if (!r && (start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, size + 2) != -E_RANGE ||
		   start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, size - 2, 4) != -E_RANGE ||
		   start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, size, 2) != -E_RANGE ||
		   start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_BLOCK, S_BUF, 2, size) != -E_RANGE)) {
		printf("# a request past the top of the low Untyped was not refused with E_RANGE\n");
		r = 1;
	}
	if (!r && start(S_CHAN, DMA_FROM_DEVICE, DMA_ISA_SINGLE, S_BUF, 0, size) != 0)
		r = 1;
	if (!r)
		r = sys_dma_stop(S_CHAN) >= 0 ? kernel_canaries_whole() : 1;
	teardown();
	return r;
}

/* ---- the floppy round trip ---- */

#define FL_SCRATCH 12
#define FL_EP      13
#define FL_CLIENT  14
#define FL_SPARE   15
#define FL_BUF     16
#define FL_CANARY  17
#define FL_BADGE   0xF1
#define FL_PAGES   3             /* 24 sectors: a run across a track's end */
#define FL_LBA     30            /* sectors 30-53: track 1 from sector 13, all of track 2 */

static const struct ioports fdc_ports[] = { { 0x3F0, 6, IOR_ALL }, { 0x3F7, 1, IOR_ALL } };

static long give(int tid, unsigned slot)
{
	return sys_cap_transfer(FL_SCRATCH, tid, slot);
}

/* made (a cap in FL_SCRATCH, or the error making it) moved to tid's slot. */
static long grant(int tid, unsigned slot, long made)
{
	return made ? made : give(tid, slot);
}

/* The floppy driver with what its manifest line names; its tid or -E_x. */
static int floppy_start(void)
{
	int tid = spawn_flags("floppy", "", SPAWN_SUSPENDED);
	if (tid < 0)
		return tid;
	long r = grant(tid, SLOT_PORTS(0), cap_derive(S_ALL, FL_SCRATCH, fdc_ports[0].base, fdc_ports[0].count, IOR_ALL));
	r = r ? r : grant(tid, SLOT_PORTS(1), cap_derive(S_ALL, FL_SCRATCH, fdc_ports[1].base, fdc_ports[1].count, IOR_ALL));
	r = r ? r : grant(tid, SLOT_IRQ(0), sys_cap_mint(S_IRQ, FL_SCRATCH, 1u << 6, 0));
	r = r ? r : grant(tid, SLOT_DMA, sys_cap_mint(ROOT_SLOT_DMA, FL_SCRATCH, DMA_ISA(2), 0));
	/* Low memory, as init gives a driver of an ISA channel: its DMA buffer comes from it. */
	r = r ? r : grant(tid, SLOT_UNTYPED, sys_mem_retype(ROOT_SLOT_UNTYPED_LOW, FL_SCRATCH, MEM_UNTYPED, 16));
	r = r ? r : sys_ep_create(FL_EP);
	r = r ? r : sys_cap_mint(FL_EP, FL_CLIENT, FL_BADGE, EPR_SEND | EPR_GRANT);
	r = r ? r : sys_cap_transfer(FL_EP, tid, SLOT_SERVICE);
	r = r ? r : sys_resume(tid);
	if (r) {
		struct exitinfo e;
		sys_kill(tid);
		sys_wait(tid, &e);
		return (int)r;
	}
	return tid;
}

static int low_canary(struct shbuf *c)
{
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED_LOW, FL_CANARY, MEM_FRAME, 1), 0);
	CHECK_EQ(shbuf_attach(c, FL_CANARY, ROOT_SLOT_UNTYPED), 0);
	canary_fill(c, 4);
	return 0;
}

static long blk(unsigned label, unsigned w0, unsigned w1, struct ipc_msg *m)
{
	*m = ipc_msg(label, w0, w1);
	long r = ipc_call(FL_CLIENT, m);
	return r ? r : -(long)IPC_TAG_LABEL(m->tag);
}

static uint32_t fl_pattern(unsigned seed, unsigned i)
{
	uint32_t x = seed ^ (i * 2654435761u);
	return x ^ (x >> 15);
}

static int round_trip(struct shbuf *b, unsigned seed)
{
	struct ipc_msg m;
	CHECK_EQ(blk(BLK_INFO, 0, 0, &m), 0);
	CHECK_EQ(m.w0, 2880);
	CHECK_EQ(m.w1, SECTOR);
	m = ipc_msg(BLK_ATTACH, 0, 0);
	CHECK_EQ(shbuf_call(b, FL_SPARE, MEM_R | MEM_W, FL_CLIENT, &m), 0);
	CHECK_EQ(IPC_TAG_LABEL(m.tag), 0);
	CHECK_EQ(m.w0, FL_PAGES * PAGE / SECTOR);
	uint32_t *w = b->va, wsum = 2166136261u, rsum = 2166136261u;
	const unsigned words = FL_PAGES * PAGE / 4;
	for (unsigned i = 0; i < words; i++) {
		w[i] = fl_pattern(seed, i);
		wsum = (wsum ^ w[i]) * 16777619u;
	}
	CHECK_EQ(blk(BLK_WRITE, FL_LBA, FL_PAGES * PAGE / SECTOR, &m), 0);
	memset(w, 0, FL_PAGES * PAGE);
	CHECK_EQ(blk(BLK_READ, FL_LBA, FL_PAGES * PAGE / SECTOR, &m), 0);
	unsigned bad = 0;
	for (unsigned i = 0; i < words; i++) {
		bad += w[i] != fl_pattern(seed, i);
		rsum = (rsum ^ w[i]) * 16777619u;
	}
	printf("# floppy: sectors %u-%u written and read back by ISA DMA: checksum 0x%08x / 0x%08x\n",
	       FL_LBA, FL_LBA + FL_PAGES * PAGE / SECTOR - 1, wsum, rsum);
	CHECK_EQ(bad, 0);
	CHECK_EQ(wsum, rsum);
	/* A request past the disk's end, or larger than the buffer, never reaches the controller. */
	CHECK_EQ(blk(BLK_READ, 2880 - 1, 2, &m), -E_RANGE);
	CHECK_EQ(blk(BLK_READ, 0, FL_PAGES * PAGE / SECTOR + 1, &m), -E_RANGE);
	return 0;
}

/*
 * The floppy driver with a 16-page low budget (its DMA buffer comes first
 * from it) and a canary page carved right after that budget: the memory a
 * transfer running past the driver's memory would reach first.
 */
int t_dmaisa_floppy_round_trip(void)
{
	struct shbuf b, canary = { .slot = FL_CANARY };
	struct exitinfo e;
	ipc_fresh();
	int tid = floppy_start();
	CHECK(tid > 0);
	int r = low_canary(&canary);
	if (!r)
		r = shbuf_create(&b, ROOT_SLOT_UNTYPED, FL_BUF, FL_PAGES) ? 1 : 0;
	if (!r) {
		r = round_trip(&b, (unsigned)sys_uptime() * 7919u + 5);
		if (!r)
			r = round_trip(&b, (unsigned)sys_uptime() * 104729u + 11);
		shbuf_destroy(&b);
	}
	if (!r && !canary_ok(&canary, 4))
		r = 1;
	if (!r)
		r = kernel_canaries_whole();
	if (canary.va)
		shbuf_destroy(&canary);
	sys_kill(tid);
	sys_wait(tid, &e);
	sys_cap_delete(FL_CLIENT);
	return r;
}
