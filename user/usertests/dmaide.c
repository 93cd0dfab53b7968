/*
 * dmaide.c - DMA through the IDE bus master, attacked from ring 3
 * (issue 15, docs/dma.md): DmaBuffer and DmaChan caps, every refusal of
 * dma_start with its documented error, and the in-flight rule (whatever
 * ends a transfer's authority stops the engine before the call returns).
 *
 * The ata driver owns the primary channel whenever it runs, so these
 * tests drive the secondary one, DMA_IDE1 (QEMU's test boot puts a
 * second disk there, build/disk1.img; docs/dma.md, "Tests"): a DmaChan
 * minted from the root's (ROOT_SLOT_DMA, which init gives usertests), the
 * ATA ports 0x170-0x177 and 0x376 through usertests' IoPorts(all).
 *
 * Each test carves from a budget of its own a canary Frame on each side
 * of the buffer (first fit puts them next to it in physical memory) and
 * moves both to a keeper task (ipcpeer keep, user/usertests/dmacanary.c):
 * they are another task's memory, which this task no longer holds or
 * maps.  After every case the keeper reports none of their words changed
 * and dma_audit finds the kernel's canaries whole: a transfer that
 * escaped its buffer by a byte would show there.
 */
#include "user/lib/i386/uarch.h"
#include "user/usertests/dmacanary.h"
#include "user/usertests/dmaide.h"
#include "user/usertests/ipctests.h"

#define D_BUDGET  12
#define D_CHAN    13      /* DmaChan(DMA_IDE1) */
#define D_LO      14      /* canary Frame below the buffer (the keeper's once set up) */
#define D_BUF     15      /* the DmaBuffer, BUF_PAGES */
#define D_HI      16      /* canary Frame above it (the keeper's once set up) */
#define D_X       17      /* scratch */
#define D_Y       18
#define D_BUF2    19      /* a second buffer */
#define D_CHAN0   20      /* DmaChan(DMA_IDE0) */
#define D_FRAME   21      /* a Frame of our own, for the case that names one */
#define D_KEEP    22      /* the keeper's endpoint */

#define PAGE      4096u
#define BUDGET    32u
#define BUF_PAGES 2u
#define BUF_BYTES (BUF_PAGES * PAGE)
#define LO_VA     0xBFC00000u     /* the stack's region: its page table exists (nothing mapped here) */
#define BUF_VA    (LO_VA + PAGE)
#define HI_VA     (BUF_VA + BUF_BYTES)
#define BUF2_VA   (HI_VA + PAGE)
#define RW        (MEM_R | MEM_W)

static volatile unsigned *word(unsigned va)
{
	return (volatile unsigned *)(uintptr_t)va;
}

static void *va_of(unsigned va)
{
	return (void *)(uintptr_t)va;
}

static unsigned phys(unsigned slot)
{
	struct capinfo ci;
	return sys_cap_info(slot, &ci) == 0 ? ci.base : ~0u;
}

static unsigned lo_pa;   /* where the canary below the buffer lies */

/* The keeper's two Frames unchanged, and the kernel's canaries. */
static int canaries_intact(void)
{
	return dma_canaries_whole(D_KEEP, 2);
}

/*
 * Every test starts here: slots 12-27 empty, a budget, a DmaChan for the
 * secondary channel, and canary, buffer, canary carved in that order,
 * contiguous in physical memory; the buffer mapped at BUF_VA, the
 * canaries moved to the keeper.
 */
static int dma_setup(void)
{
	struct capinfo ci;
	ipc_fresh();
	CHECK_EQ(sys_cap_info(ROOT_SLOT_DMA, &ci), 0);
	CHECK_EQ(ci.type, CAPT_DMACHAN);
	CHECK_EQ(ci.base & (DMA_IDE0 | DMA_IDE1), DMA_IDE0 | DMA_IDE1);
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, D_CHAN, DMA_IDE1, 0), 0);
	CHECK_EQ(sys_mem_retype(ROOT_SLOT_UNTYPED, D_BUDGET, MEM_UNTYPED, BUDGET), 0);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_LO, MEM_FRAME, 1), 0);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_BUF, MEM_DMABUF, BUF_PAGES), 0);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_HI, MEM_FRAME, 1), 0);
	CHECK_EQ(phys(D_BUF), phys(D_LO) + PAGE);
	CHECK_EQ(phys(D_HI), phys(D_BUF) + BUF_BYTES);
	lo_pa = phys(D_LO);
	CHECK_EQ(sys_mem_map(D_BUF, 0, va_of(BUF_VA), RW | MAP_PT_NONE), 0);
	CHECK(keeper_start(D_KEEP, D_LO, D_HI) > 0);
	CHECK_EQ(slot_type(D_LO), CAPT_NULL);           /* only the keeper holds them now */
	CHECK_EQ(slot_type(D_HI), CAPT_NULL);
	return 0;
}

/* ... and ends here: the engine idle, every slot and page given back. */
static int dma_done(void)
{
	CHECK_EQ(sys_dma_stop(D_CHAN), -E_STATE);
	ipc_fresh();
	return 0;
}

/* One segment of the buffer in slot, as a request going dir. */
static struct dma_req one_seg(unsigned dir, unsigned slot, unsigned offset, unsigned len)
{
	struct dma_req r = { .dir = dir, .mode = 0, .nseg = 1 };
	r.seg[0] = (struct dma_seg){ slot, offset, len };
	return r;
}

/* req is refused with err, nothing starts, and the canaries hold. */
static int refused(const struct dma_req *req, long err, unsigned chan)
{
	CHECK_EQ(sys_dma_start(chan, req), err);
	CHECK_EQ(sys_dma_stop(D_CHAN), -E_STATE);
	return canaries_intact();
}

/* The cap in slot: its type, base (a DmaChan's: its engines) and rights, as cap_info says. */
static int cap_is(unsigned slot, int type, unsigned base, unsigned rights)
{
	struct capinfo ci;
	CHECK_EQ(sys_cap_info(slot, &ci), 0);
	CHECK_EQ(ci.type, type);
	CHECK_EQ(ci.base, base);
	CHECK_EQ(ci.rights, rights);
	return 0;
}

int t_dma_buffer_is_a_pinned_frame(void)
{
	struct capinfo ci;
	CHECK_EQ(dma_setup(), 0);
	CHECK_EQ(cap_is(D_BUF, CAPT_DMABUF, lo_pa + PAGE, RW), 0);
	CHECK_EQ(sys_cap_info(D_BUF, &ci), 0);
	CHECK_EQ(ci.count, BUF_PAGES);
	CHECK_EQ(ci.object, 1);                       /* one mapping, ours */
	for (unsigned i = 0; i < BUF_BYTES / 4; i++)
		CHECK_EQ(*word(BUF_VA + 4 * i), 0);   /* zeroed */
	*word(BUF_VA + PAGE) = 0x1234;
	/* A minted piece: page 1 alone, read only, maps there and shows the same byte. */
	CHECK_EQ(sys_cap_mint(D_BUF, D_X, MEM_SUB(1, 1), MEM_R), 0);
	CHECK_EQ(cap_is(D_X, CAPT_DMABUF, phys(D_BUF) + PAGE, MEM_R), 0);
	CHECK_EQ(sys_mem_map(D_X, 0, va_of(BUF2_VA), RW | MAP_PT_NONE), -E_PERM);
	CHECK_EQ(sys_mem_map(D_X, 0, va_of(BUF2_VA), MEM_R | MAP_PT_NONE), 0);
	CHECK_EQ(*word(BUF2_VA), 0x1234);
	CHECK_EQ(sys_mem_unmap(D_X, 0, va_of(BUF2_VA)), 0);
	/* The type word: MEM_DMA_ISA only on a DmaBuffer, at most one 64 KiB block. */
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_Y, MEM_FRAME | MEM_DMA_ISA, 1), -E_INVAL);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_Y, MEM_DMABUF | 0x200, 1), -E_INVAL);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_Y, MEM_DMABUF | MEM_DMA_ISA, 17), -E_RANGE);
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_Y, MEM_DMABUF, 0), -E_RANGE);
	CHECK_EQ(canaries_intact(), 0);
	return dma_done();
}

int t_dma_chan_mint_narrows(void)
{
	CHECK_EQ(dma_setup(), 0);
	CHECK_EQ(cap_is(D_CHAN, CAPT_DMACHAN, DMA_IDE1, 0), 0);
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE0, 0), -E_PERM);     /* not a subset */
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE1 | DMA_IDE0, 0), -E_PERM);
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, 0, 0), -E_PERM);            /* no engine at all */
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE1, 0), 0);
	CHECK_EQ(sys_cap_copy(D_X, D_Y), 0);
	CHECK_EQ(cap_is(D_Y, CAPT_DMACHAN, DMA_IDE1, 0), 0);
	CHECK_EQ(canaries_intact(), 0);
	return dma_done();
}

int t_dma_refuses_bad_requests(void)
{
	struct dma_req r;
	CHECK_EQ(dma_setup(), 0);
	CHECK_EQ(sys_cap_mint(D_BUF, D_X, 0, MEM_R), 0);          /* read only */
	CHECK_EQ(sys_cap_mint(ROOT_SLOT_DMA, D_CHAN0, DMA_IDE0, 0), 0);
	/* The request itself. */
	CHECK_EQ(sys_dma_start(D_CHAN, (const struct dma_req *)0xC0000000u), -E_FAULT);
	CHECK_EQ(sys_dma_start(D_CHAN, (const struct dma_req *)0), -E_FAULT);
	r = one_seg(0, D_BUF, 0, 512);
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);                 /* no direction */
	r = one_seg(3, D_BUF, 0, 512);
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	r.nseg = 0;
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);
	r.nseg = DMA_MAX_SEGS + 1;
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	r.mode = DMA_ISA_SINGLE;                                     /* IDE takes mode 0 */
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);
	/* Offsets and lengths. */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 0);
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);                 /* zero length */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 511);
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);                 /* odd length */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 1, 512);
	CHECK_EQ(refused(&r, -E_INVAL, D_CHAN), 0);                 /* odd address */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, BUF_BYTES + 2);
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);                 /* one word past the end */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, BUF_BYTES - 510, 512);
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);                 /* ends past it */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, BUF_BYTES, 2);
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);                 /* starts at the end */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 4096, 0xFFFFF000u);
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);                 /* offset + len wraps 2^32 */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0xFFFFFFFEu, 4);
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	r.nseg = 2;
	r.seg[1] = (struct dma_seg){ D_BUF, 512, BUF_BYTES };       /* the second segment is the bad one */
	CHECK_EQ(refused(&r, -E_RANGE, D_CHAN), 0);
	/* Caps. */
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_FRAME, MEM_FRAME, 1), 0);
	r = one_seg(DMA_FROM_DEVICE, D_FRAME, 0, 512);
	CHECK_EQ(refused(&r, -E_TYPE, D_CHAN), 0);                  /* a Frame is not a DmaBuffer */
	r = one_seg(DMA_FROM_DEVICE, D_Y, 0, 512);
	CHECK_EQ(refused(&r, -E_EMPTY, D_CHAN), 0);                 /* a buffer we do not hold */
	r = one_seg(DMA_FROM_DEVICE, 32, 0, 512);
	CHECK_EQ(refused(&r, -E_BADSLOT, D_CHAN), 0);
	r = one_seg(DMA_FROM_DEVICE, D_X, 0, 512);
	CHECK_EQ(refused(&r, -E_PERM, D_CHAN), 0);                  /* the device would write a read-only buffer */
	r = one_seg(DMA_TO_DEVICE, D_X, 0, 512);
	CHECK_EQ(refused(&r, -E_PERM, D_CHAN), 0);                  /* IDE: QEMU and Bochs disagree on direction */
	r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	CHECK_EQ(refused(&r, -E_INVAL, ROOT_SLOT_DMA), 0);          /* a chan naming two engines */
	CHECK_EQ(refused(&r, -E_TYPE, D_BUF), 0);                   /* not a DmaChan */
	CHECK_EQ(refused(&r, -E_EMPTY, D_Y), 0);
	CHECK_EQ(sys_dma_stop(D_CHAN0), -E_STATE);                  /* nothing started on either */
	CHECK_EQ(sys_dma_stop(ROOT_SLOT_DMA), -E_INVAL);
	for (unsigned i = 0; i < BUF_BYTES / 4; i++)
		CHECK_EQ(*word(BUF_VA + 4 * i), 0);
	return dma_done();
}

/* The secondary channel's task file: a small DMA client of its slave, disk1.img. */
#define ATA1        0x170
#define ATA1_CTRL   0x376
#define ATA_COUNT   2
#define ATA_LBA0    3
#define ATA_DEVICE  6
#define ATA_STATUS  7
#define ATA_CMD     7
#define ST_BSY      0x80u
#define ST_DF       0x20u
#define ST_DRQ      0x08u
#define ST_ERR      0x01u
#define CMD_READ_DMA  0xC8u
#define CMD_WRITE_DMA 0xCAu
#define ATA_TICKS   (3 * TIMER_HZ)
#define TEST_LBA    16u

/*
 * The drive neither busy nor waiting for data within ATA_TICKS: its
 * status, or ~0u.  During DMA QEMU shows BSY, Bochs DRQ: done is neither.
 */
static unsigned ata1_idle(void)
{
	for (int t = 0; t < ATA_TICKS; t++) {
		for (int i = 0; i < 1000; i++) {
			unsigned st = u_inb(ATA1 + ATA_STATUS);
			if (!(st & (ST_BSY | ST_DRQ)))
				return st;
		}
		sys_sleep(1);
	}
	return ~0u;
}

/* The ATA half of a DMA command on the secondary slave: n sectors at lba. */
static int ata1_command(unsigned cmd, unsigned lba, unsigned n)
{
	u_outb(ATA1 + ATA_DEVICE, (uint8_t)(0xF0u | ((lba >> 24) & 0xFu)));   /* LBA, the slave */
	CHECK(ata1_idle() != ~0u);
	u_outb(ATA1 + ATA_COUNT, (uint8_t)n);
	u_outb(ATA1 + ATA_LBA0, (uint8_t)lba);
	u_outb(ATA1 + ATA_LBA0 + 1, (uint8_t)(lba >> 8));
	u_outb(ATA1 + ATA_LBA0 + 2, (uint8_t)(lba >> 16));
	u_outb(ATA1 + ATA_CMD, (uint8_t)cmd);
	return 0;
}

/* One whole DMA command: the ATA command, dma_start, the drive done, dma_stop with no error. */
static int ata1_dma(unsigned cmd, unsigned lba, unsigned n, const struct dma_req *req)
{
	CHECK_EQ(ata1_command(cmd, lba, n), 0);
	CHECK_EQ(sys_dma_start(D_CHAN, req), 0);
	unsigned st = ata1_idle();
	long bm = sys_dma_stop(D_CHAN);
	CHECK(st != ~0u);
	CHECK_EQ(st & (ST_ERR | ST_DF), 0);
	CHECK(bm >= 0);
	CHECK_EQ(bm & (DMA_IDE_ERROR | DMA_IDE_ACTIVE), 0);
	CHECK(bm & DMA_IDE_IRQ);
	return 0;
}

static unsigned checksum(unsigned va, unsigned bytes)
{
	unsigned sum = 0;
	for (unsigned i = 0; i < bytes / 4; i++)
		sum = (sum << 5 | sum >> 27) ^ *word(va + 4 * i);
	return sum;
}

/*
 * The drive given SRST (device control, 0x376) and idle again: what ends a
 * READ DMA whose bus master half was refused, so the drive waits no more.
 */
static int ata1_reset(void)
{
	u_outb(ATA1_CTRL, 0x04);
	sys_sleep(1);
	u_outb(ATA1_CTRL, 0x00);
	sys_sleep(1);
	u_outb(ATA1 + ATA_DEVICE, 0xF0);
	CHECK(ata1_idle() != ~0u);
	return 0;
}

/*
 * READ DMA of `sectors` issued, so the drive is ready to write memory the
 * moment the engine starts; then req must be refused with err.  After the
 * drive's reset the canaries are checked (whole() first, then the
 * answer): a request wrongly accepted here is a real transfer past the
 * buffer, and the report says where it landed.
 */
static int armed_refusal(const struct dma_req *req, unsigned sectors, long err, int (*whole)(void))
{
	CHECK_EQ(ata1_command(CMD_READ_DMA, TEST_LBA, sectors), 0);
	long r = sys_dma_start(D_CHAN, req);
	if (r == 0) {                      /* the bug: let the device finish, so the canaries show it */
		ata1_idle();
		sys_dma_stop(D_CHAN);
	}
	CHECK_EQ(ata1_reset(), 0);
	CHECK_EQ(whole(), 0);
	CHECK_EQ(r, err);
	return 0;
}

/*
 * Requests that run past their buffer, each with the drive armed to
 * write 4 KiB: 2 KiB before the end of the test buffer into the keeper's
 * Frame above it, and 2 KiB before the end of a buffer carved at the top
 * of the low Untyped into the kernel's canary page there.  Refused, and
 * nothing changed in either.
 */
int t_dma_overrun_refused_with_drive_armed(void)
{
	CHECK_EQ(dma_setup(), 0);
	struct dma_req r = one_seg(DMA_FROM_DEVICE, D_BUF, BUF_BYTES - 2048, 4096);
	CHECK_EQ(armed_refusal(&r, 8, -E_RANGE, canaries_intact), 0);
	CHECK_EQ(carve_at_top(D_Y, D_BUF2, MEM_DMABUF, 1), 0);
	r = one_seg(DMA_FROM_DEVICE, D_BUF2, PAGE - 2048, 4096);
	CHECK_EQ(armed_refusal(&r, 8, -E_RANGE, kernel_canaries_whole), 0);
	/* The same drive, asked for what fits, moves it: the drive is armed for real above. */
	r = one_seg(DMA_FROM_DEVICE, D_BUF2, 0, PAGE);
	CHECK_EQ(ata1_dma(CMD_READ_DMA, TEST_LBA, 8, &r), 0);
	CHECK_EQ(canaries_intact(), 0);
	return dma_done();
}

/*
 * Four sectors out of the buffer through WRITE DMA in two segments (the
 * second page first), read back through READ DMA into a second buffer in
 * one segment: the same bytes, in that order, and the canaries untouched.
 */
int t_dma_ide_round_trip(void)
{
	CHECK_EQ(dma_setup(), 0);
	for (unsigned i = 0; i < BUF_BYTES / 4; i++)
		*word(BUF_VA + 4 * i) = 0x9E3779B9u * (i + 1) ^ (unsigned)sys_uptime();
	unsigned want = checksum(BUF_VA + PAGE, 1024) ^ checksum(BUF_VA, 1024) * 3;
	struct dma_req w = one_seg(DMA_TO_DEVICE, D_BUF, PAGE, 1024);
	w.nseg = 2;
	w.seg[1] = (struct dma_seg){ D_BUF, 0, 1024 };
	CHECK_EQ(ata1_dma(CMD_WRITE_DMA, TEST_LBA, 4, &w), 0);

	CHECK_EQ(sys_mem_retype(D_BUDGET, D_BUF2, MEM_DMABUF, 1), 0);
	CHECK_EQ(sys_mem_map(D_BUF2, 0, va_of(BUF2_VA), RW | MAP_PT_NONE), 0);
	struct dma_req r = one_seg(DMA_FROM_DEVICE, D_BUF2, 0, 2048);
	CHECK_EQ(ata1_dma(CMD_READ_DMA, TEST_LBA, 4, &r), 0);
	CHECK_EQ(checksum(BUF2_VA, 1024) ^ checksum(BUF2_VA + 1024, 1024) * 3, want);
	for (unsigned i = 0; i < 256; i++) {
		CHECK_EQ(*word(BUF2_VA + 4 * i), *word(BUF_VA + PAGE + 4 * i));
		CHECK_EQ(*word(BUF2_VA + 1024 + 4 * i), *word(BUF_VA + 4 * i));
	}
	for (unsigned i = 512; i < PAGE / 4; i++)
		CHECK_EQ(*word(BUF2_VA + 4 * i), 0);         /* nothing past the 2 KiB asked for */
	CHECK_EQ(canaries_intact(), 0);
	return dma_done();
}

/* A transfer in flight: the engine started on a page of the buffer, with no command for the drive. */
static int start_idle(unsigned chan, unsigned buf)
{
	struct dma_req r = one_seg(DMA_FROM_DEVICE, buf, 0, PAGE);
	CHECK_EQ(sys_dma_start(chan, &r), 0);
	return 0;
}

/* The engine D_CHAN names is idle: the kernel ended the transfer already. */
static int stopped(void)
{
	CHECK_EQ(sys_dma_stop(D_CHAN), -E_STATE);
	return canaries_intact();
}

int t_dma_second_start_busy(void)
{
	struct dma_req r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	CHECK_EQ(dma_setup(), 0);
	CHECK_EQ(start_idle(D_CHAN, D_BUF), 0);
	CHECK_EQ(sys_dma_start(D_CHAN, &r), -E_BUSY);
	CHECK_EQ(sys_cap_copy(D_CHAN, D_X), 0);
	CHECK_EQ(sys_dma_start(D_X, &r), -E_BUSY);       /* the engine is busy, whoever asks */
	long st = sys_dma_stop(D_CHAN);
	CHECK(st >= 0);
	CHECK_EQ(st & DMA_IDE_ERROR, 0);
	CHECK_EQ(sys_dma_stop(D_CHAN), -E_STATE);
	CHECK_EQ(canaries_intact(), 0);
	CHECK_EQ(sys_dma_start(D_CHAN, &r), 0);          /* free again */
	CHECK(sys_dma_stop(D_X) >= 0);                   /* any holder of the engine may stop it */
	CHECK_EQ(canaries_intact(), 0);
	return dma_done();
}

/* A transfer started through chan on buf, then op on the cap in slot: the engine stopped by then. */
static int lost_stops(unsigned chan, unsigned buf, long (*op)(unsigned), unsigned slot)
{
	CHECK_EQ(start_idle(chan, buf), 0);
	CHECK_EQ(op(slot), 0);
	return stopped();
}

/* ... the cap in slot moved to another task. */
static int moved_stops(unsigned chan, unsigned buf, unsigned slot)
{
	CHECK_EQ(start_idle(chan, buf), 0);
	int tid = peer_spawn("idle");
	CHECK(tid > 0);
	CHECK_EQ(sys_cap_transfer(slot, tid, 5), 0);
	return stopped();
}

/* The buffer's last cap deleted, revoked from above, or moved: the engine stopped first. */
int t_dma_buffer_gone_stops_engine(void)
{
	CHECK_EQ(dma_setup(), 0);
	/* A second cap to the buffer going is not the last: the transfer goes on. */
	CHECK_EQ(start_idle(D_CHAN, D_BUF), 0);
	CHECK_EQ(sys_cap_copy(D_BUF, D_X), 0);
	CHECK_EQ(sys_cap_delete(D_X), 0);
	CHECK(sys_dma_stop(D_CHAN) >= 0);
	/* Unmapping is allowed: the device uses physical pages, which the cap still owns. */
	CHECK_EQ(start_idle(D_CHAN, D_BUF), 0);
	CHECK_EQ(sys_mem_unmap(D_BUF, 0, va_of(BUF_VA)), 0);
	CHECK(sys_dma_stop(D_CHAN) >= 0);
	CHECK_EQ(lost_stops(D_CHAN, D_BUF, sys_cap_delete, D_BUF), 0);
	/* Revoke of the cap itself (its copies go, and what it enabled). */
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_BUF, MEM_DMABUF, 1), 0);
	CHECK_EQ(sys_cap_copy(D_BUF, D_X), 0);
	CHECK_EQ(lost_stops(D_CHAN, D_X, sys_cap_revoke, D_BUF), 0);
	CHECK_EQ(sys_cap_delete(D_BUF), 0);
	/* Revoke of the Untyped it came from (a smaller one: the canaries stay). */
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_Y, MEM_UNTYPED, 4), 0);
	CHECK_EQ(sys_mem_retype(D_Y, D_BUF, MEM_DMABUF, 1), 0);
	CHECK_EQ(lost_stops(D_CHAN, D_BUF, sys_cap_revoke, D_Y), 0);
	CHECK_EQ(sys_cap_delete(D_Y), 0);
	/* Moved to another task. */
	CHECK_EQ(sys_mem_retype(D_BUDGET, D_BUF, MEM_DMABUF, 1), 0);
	CHECK_EQ(moved_stops(D_CHAN, D_BUF, D_BUF), 0);
	return dma_done();
}

/* The DmaChan cap a transfer was started through deleted, revoked or moved: the engine stopped first. */
int t_dma_chan_gone_stops_engine(void)
{
	CHECK_EQ(dma_setup(), 0);
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE1, 0), 0);
	/* Another cap to the engine going does not end a transfer started through this one. */
	CHECK_EQ(start_idle(D_CHAN, D_BUF), 0);
	CHECK_EQ(sys_cap_copy(D_X, D_Y), 0);
	CHECK_EQ(sys_cap_delete(D_Y), 0);
	CHECK(sys_dma_stop(D_CHAN) >= 0);
	CHECK_EQ(lost_stops(D_X, D_BUF, sys_cap_delete, D_X), 0);
	/* Revoke from above: the child cap it was started through goes. */
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE1, 0), 0);
	CHECK_EQ(lost_stops(D_X, D_BUF, sys_cap_revoke, D_CHAN), 0);
	/* Revoke of the cap itself. */
	CHECK_EQ(lost_stops(D_CHAN, D_BUF, sys_cap_revoke, D_CHAN), 0);
	/* Moved to another task. */
	CHECK_EQ(sys_cap_mint(D_CHAN, D_X, DMA_IDE1, 0), 0);
	CHECK_EQ(moved_stops(D_X, D_BUF, D_X), 0);
	return dma_done();
}

/*
 * user/progs/dmauser.c given copies of the DmaChan and the buffer (given:
 * they stay across its restarts), started, and asleep after its
 * dma_start, its transfer in flight: its tid, or -1.
 */
static int dmauser_in_flight(void)
{
	struct dma_req r = one_seg(DMA_FROM_DEVICE, D_BUF, 0, 512);
	int tid = peer_spawn_prog("dmauser", "start");
	CHECK(tid > 0);
	CHECK_EQ(peer_give(tid, D_CHAN, 0, GIVE_COPY, 0), 0);
	CHECK_EQ(peer_give(tid, D_BUF, 0, GIVE_COPY, 1), 0);
	CHECK_EQ(sys_resume(tid), 0);
	CHECK_EQ(peer_blocked(tid), 0);
	CHECK_EQ(sys_dma_start(D_CHAN, &r), -E_BUSY);
	return tid;
}

/* A driver that dies with a transfer in flight: its caps go, and the engine stops with them. */
int t_dma_driver_death_stops_engine(void)
{
	struct exitinfo e;
	CHECK_EQ(dma_setup(), 0);
	int tid = dmauser_in_flight();
	CHECK(tid > 0);
	CHECK_EQ(peer_kill(tid, &e), 0);
	CHECK_EQ(stopped(), 0);
	return dma_done();
}

/*
 * A driver restarted with a transfer in flight: the transfer ends, though
 * its DmaChan and buffer caps were given and stay in their slots, so the
 * new incarnation's dma_start finds the engine free (it would exit with
 * E_BUSY otherwise).
 */
int t_dma_restart_ends_transfer(void)
{
	struct exitinfo e;
	struct taskinfo ti = { 0 };
	CHECK_EQ(dma_setup(), 0);
	int tid = dmauser_in_flight();
	CHECK(tid > 0);
	CHECK_EQ(sys_restart(tid), 0);
	for (int t = 0; t < 2 * TIMER_HZ && (sys_taskinfo(tid, &ti) || ti.restarts == 0); t++)
		sys_sleep(1);
	CHECK_EQ(ti.restarts, 1);
	CHECK_EQ(peer_blocked(tid), 0);         /* asleep again after its dma_start, not exited */
	CHECK_EQ(peer_kill(tid, &e), 0);
	CHECK_EQ(e.code, -1);                   /* killed, not exited with an error */
	CHECK_EQ(stopped(), 0);
	return dma_done();
}
