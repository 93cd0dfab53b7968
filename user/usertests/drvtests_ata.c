/*
 * drvtests_ata.c - the ATA driver (drivers/ata) on the disk the Makefile
 * attaches as primary master (build/disk.img, recreated by `make
 * test-boot`).  Each test starts its own driver the way the root task will
 * (user/lib/slots.h): ports, the interrupt line, the service endpoint and
 * a small Untyped in its slots, and keeps two badged send caps to be two
 * clients, each with its own buffer shared with the driver (user/lib/shbuf.h,
 * from usertests' Untyped) through which the sectors move.
 */
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/usertests/drvtests_ata.h"

#define SLOT_ALL     0        /* from init: IoPorts(all) */
#define SLOT_IRQ_ALL 2        /* from init: Irq(all lines but 0 and 2) */
#define S_SCRATCH    20       /* our slots for these tests */
#define S_EP         21
#define S_A          22       /* client A: send only, badged */
#define S_B          23       /* client B */
#define S_BUF_A      24       /* A's buffer (a Frame) */
#define S_BUF_B      25
#define S_SPARE      26       /* a cap on its way out */
#define BADGE_A      0xA1
#define BADGE_B      0xB2
#define DRIVER_PAGES 4        /* the driver's Untyped: its page table for our buffers */
#define DMA_DRIVER_PAGES 24   /* ... and with DMA its bounce buffer (16 pages) too */
#define BUF_PAGES    2        /* each client's buffer: 16 sectors */

#define SECTOR 512
#define CHUNKS 16             /* reads of one sector that one disk read serves (the cache) */
#define BUF_SECTORS (BUF_PAGES * 4096 / SECTOR)
#define SIGNATURE "PORTCULLIS-DISK sectors="

static const struct ioports primary[] = { { 0x1F0, 8, IOR_ALL }, { 0x3F6, 1, IOR_ALL } };
static const struct ioports secondary[] = { { 0x170, 8, IOR_ALL }, { 0x376, 1, IOR_ALL } };
/* The fourth legacy IDE channel: nothing decodes it in QEMU's pc. */
static const struct ioports no_channel[] = { { 0x168, 8, IOR_ALL }, { 0x36E, 1, IOR_ALL } };

/* ---- starting and stopping a driver ---- */

/* BLK_ATTACH: b, read-write, as the buffer of the client whose cap is in slot. */
static long attach(unsigned slot, const struct shbuf *b)
{
	struct ipc_msg m = ipc_msg(BLK_ATTACH, 0, 0);
	long r = shbuf_call(b, S_SPARE, MEM_R | MEM_W, slot, &m);
	if (!r)
		r = -(long)IPC_TAG_LABEL(m.tag);
	if (!r && m.w0 != b->pages * 4096 / SECTOR)
		r = -E_INVAL;
	return r;
}

static long give(int tid, unsigned child_slot)
{
	return sys_cap_transfer(S_SCRATCH, tid, child_slot);
}

static struct shbuf buf_a, buf_b;

static void drop_slots(void)
{
	if (buf_a.va)
		shbuf_destroy(&buf_a);
	if (buf_b.va)
		shbuf_destroy(&buf_b);
	sys_cap_delete(S_SCRATCH);
	sys_cap_delete(S_EP);
	sys_cap_delete(S_A);
	sys_cap_delete(S_B);
}

/*
 * Starts ata with exactly ports[0..1] and one interrupt line and, with
 * dma, a DmaChan naming the primary bus master in SLOT_DMA, a budget for
 * its bounce buffer, and A's buffer a DmaBuffer (B's stays a Frame);
 * returns its tid or -E_x.
 */
static int ata_start_with(const char *args, const struct ioports *ports, unsigned line, int dma)
{
	int tid = spawn_flags("ata", args, SPAWN_SUSPENDED);
	if (tid < 0)
		return tid;
	long r = 0;
	for (unsigned i = 0; !r && i < 2; i++) {
		r = cap_derive(SLOT_ALL, S_SCRATCH, ports[i].base, ports[i].count, ports[i].rights);
		if (!r)
			r = give(tid, SLOT_PORTS(i));
	}
	if (!r)
		r = sys_cap_mint(SLOT_IRQ_ALL, S_SCRATCH, 1u << line, 0);
	if (!r)
		r = give(tid, SLOT_IRQ(0));
	if (!r && dma && !(r = sys_cap_mint(ROOT_SLOT_DMA, S_SCRATCH, DMA_IDE0, 0)))
		r = give(tid, SLOT_DMA);
	if (!r)
		r = sys_mem_retype(ROOT_SLOT_UNTYPED, S_SCRATCH, MEM_UNTYPED,
				   dma ? DMA_DRIVER_PAGES : DRIVER_PAGES);
	if (!r)
		r = give(tid, SLOT_UNTYPED);
	if (!r)
		r = sys_ep_create(S_EP);
	if (!r)
		r = sys_cap_mint(S_EP, S_A, BADGE_A, EPR_SEND | EPR_GRANT);
	if (!r)
		r = sys_cap_mint(S_EP, S_B, BADGE_B, EPR_SEND | EPR_GRANT);
	/* Moved, not copied: when the driver dies its endpoint has no receiver and calls fail. */
	if (!r)
		r = sys_cap_transfer(S_EP, tid, SLOT_SERVICE);
	if (!r)
		r = sys_resume(tid);
	if (!r)
		r = shbuf_create_as(&buf_a, ROOT_SLOT_UNTYPED, S_BUF_A, BUF_PAGES, dma ? MEM_DMABUF : MEM_FRAME);
	if (!r)
		r = shbuf_create(&buf_b, ROOT_SLOT_UNTYPED, S_BUF_B, BUF_PAGES);
	if (!r)
		r = attach(S_A, &buf_a);
	if (!r)
		r = attach(S_B, &buf_b);
	if (r) {
		struct exitinfo e;
		printf("# starting ata: %s\n", strerror(r));
		sys_kill(tid);
		sys_wait(tid, &e);
		drop_slots();
		return (int)r;
	}
	return tid;
}

static int ata_start(const char *args, const struct ioports *ports, unsigned line)
{
	return ata_start_with(args, ports, line, 0);
}

static void ata_stop(int tid)
{
	struct exitinfo e;
	sys_kill(tid);
	sys_wait(tid, &e);
	drop_slots();
}

/* Runs body against a fresh driver and stops the driver whatever body found. */
static int with_ata(const char *args, const struct ioports *ports, unsigned line, int (*body)(void))
{
	int tid = ata_start(args, ports, line);
	CHECK(tid > 0);
	int r = body();
	ata_stop(tid);
	return r;
}

/* ---- the client side of the protocol ---- */

/* A call; the reply's status label as -E_x, or the IPC error. */
static long blk(unsigned slot, unsigned label, unsigned w0, unsigned w1, unsigned words, struct ipc_msg *m)
{
	m->tag = IPC_TAG(label, words, 0);
	m->w0 = w0;
	m->w1 = w1;
	long r = ipc_call(slot, m);
	return r < 0 ? r : -(long)IPC_TAG_LABEL(m->tag);
}

static long blk_info(unsigned slot, unsigned *sectors)
{
	struct ipc_msg m;
	long r = blk(slot, BLK_INFO, 0, 0, 2, &m);
	*sectors = m.w0;
	return r ? r : m.w1 == SECTOR ? 0 : -E_INVAL;
}

/* The buffer a client's requests move through. */
static struct shbuf *buf_of(unsigned slot)
{
	return slot == S_A ? &buf_a : &buf_b;
}

/* n sectors from lba into the client's buffer, then the first copied to buf. */
static long read_sectors(unsigned slot, unsigned lba, unsigned n, uint8_t *buf)
{
	struct ipc_msg m;
	long r = blk(slot, BLK_READ, lba, n, 2, &m);
	if (!r)
		memcpy(buf, buf_of(slot)->va, n * SECTOR);
	return r;
}

static long read_sector(unsigned slot, unsigned lba, uint8_t *buf)
{
	return read_sectors(slot, lba, 1, buf);
}

static long write_sectors(unsigned slot, unsigned lba, unsigned n, const uint8_t *buf)
{
	struct ipc_msg m;
	memcpy(buf_of(slot)->va, buf, n * SECTOR);
	return blk(slot, BLK_WRITE, lba, n, 2, &m);
}

static long write_sector(unsigned slot, unsigned lba, const uint8_t *buf)
{
	return write_sectors(slot, lba, 1, buf);
}

/* BLK_ATTACH with the cap in cap_slot, moved: the status; cap_slot is empty after. */
static long attach_cap(unsigned slot, unsigned cap_slot)
{
	struct ipc_msg m = { IPC_TAG(BLK_ATTACH, 2, 1), 0, 0, 0 };
	utcb()->send_cap[0] = cap_slot | IPC_CAP_MOVE;
	long r = ipc_call(slot, &m);
	sys_cap_delete(cap_slot);
	return r < 0 ? r : -(long)IPC_TAG_LABEL(m.tag);
}

struct blk_stats { unsigned irqs, polled, commands, hits, errors, stale, dma; };

static long blk_stats(struct blk_stats *s)
{
	struct ipc_msg m;
	long r = blk(S_A, BLK_STATS, 0, 0, 2, &m);
	const unsigned *mr = utcb()->mr;
	*s = (struct blk_stats){ m.w0, m.w1, mr[2], mr[3], mr[4], mr[5], mr[6] };
	if (!r)
		printf("# ata: %u commands, %u finished by interrupt, %u by polling, %u cache hits, %u failed, %u stale interrupts, %u by DMA\n",
		       s->commands, s->irqs, s->polled, s->hits, s->errors, s->stale, s->dma);
	return r;
}

/* ---- data ---- */

static unsigned seed;

static unsigned run_seed(void)
{
	if (!seed) {
		seed = (unsigned)sys_uptime() * 2654435761u ^ (unsigned)sys_getpid() << 16 ^ 0x5EED;
		printf("# ata: pattern seed 0x%08x\n", seed);
	}
	return seed;
}

/* Bytes that depend on the sector, the run and who wrote them. */
static void pattern(uint8_t *buf, unsigned lba, unsigned who)
{
	unsigned x = run_seed() ^ (lba * 0x9E3779B1u) ^ (who * 0x85EBCA6Bu);
	for (unsigned i = 0; i < SECTOR; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)(x >> 16);
	}
}

static unsigned checksum(const uint8_t *buf)
{
	unsigned a = 1, b = 0;
	for (unsigned i = 0; i < SECTOR; i++) {
		a = (a + buf[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

static uint8_t want[SECTOR], got[SECTOR], other[SECTOR], zero[BUF_SECTORS * SECTOR];
static uint8_t many[BUF_SECTORS * SECTOR], many_got[BUF_SECTORS * SECTOR];

/* ---- tests ---- */

static int identify_body(void)
{
	unsigned sectors;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(read_sector(S_A, 0, got), 0);
	got[SECTOR - 1] = 0;
	CHECK(memcmp(got, SIGNATURE, sizeof(SIGNATURE) - 1) == 0);
	unsigned stated = atou((const char *)got + sizeof(SIGNATURE) - 1);
	printf("# disk: BLK_INFO says %u sectors, sector 0 says %u\n", sectors, stated);
	CHECK_EQ(sectors, stated);
	CHECK(sectors > 100);
	return 0;
}

int t_ata_identify_and_signature(void)
{
	return with_ata("", primary, 14, identify_body);
}

static int read_back_body(void)
{
	unsigned sectors;
	struct blk_stats s0, s1;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	unsigned lbas[] = { 1, 100, sectors - 1 };
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		pattern(want, lbas[i], 0);
		CHECK_EQ(write_sector(S_A, lbas[i], want), 0);
	}
	/* The cache holds only the last sector written: these come from the disk. */
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		pattern(want, lbas[i], 0);
		memset(got, 0, sizeof(got));
		CHECK_EQ(read_sector(S_A, lbas[i], got), 0);
		printf("# lba %u: wrote checksum 0x%08x, read 0x%08x\n", lbas[i], checksum(want), checksum(got));
		CHECK_EQ(checksum(got), checksum(want));
		CHECK(memcmp(got, want, SECTOR) == 0);
	}
	/* One sector read 16 times: one disk read, the rest from the driver's cache. */
	CHECK_EQ(blk_stats(&s0), 0);
	for (unsigned c = 0; c < CHUNKS; c++) {
		memset(buf_a.va, 0, SECTOR);
		CHECK_EQ(read_sector(S_A, 1, got), 0);
		pattern(want, 1, 0);
		CHECK(memcmp(got, want, SECTOR) == 0);
	}
	CHECK_EQ(blk_stats(&s1), 0);
	CHECK_EQ(s1.commands - s0.commands, 1);
	CHECK_EQ(s1.hits - s0.hits, CHUNKS - 1);
	/* Every command (IDENTIFY, 3 x WRITE + FLUSH, 4 READs) ended with its interrupt. */
	CHECK(s1.irqs > 0);
	CHECK_EQ(s1.commands, 1 + 3 * 2 + 4);
	CHECK_EQ(s1.irqs, s1.commands);
	CHECK_EQ(s1.polled, 0);
	CHECK_EQ(s1.errors, 0);
	return 0;
}

int t_ata_write_read_back(void)
{
	return with_ata("", primary, 14, read_back_body);
}

static int bad_requests_body(void)
{
	struct ipc_msg m;
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(blk(S_A, BLK_READ, sectors, 1, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, 0xFFFFFFFFu, 1, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, 0, 0, 2, &m), -E_RANGE);               /* no sectors */
	CHECK_EQ(blk(S_A, BLK_READ, 0, BUF_SECTORS + 1, 2, &m), -E_RANGE); /* more than the buffer */
	CHECK_EQ(blk(S_A, BLK_READ, 0, 0xFFFFFFFFu, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_READ, sectors - 1, 2, 2, &m), -E_RANGE);     /* past the end */
	pattern(other, 0, 9);
	CHECK_EQ(write_sector(S_A, sectors, other), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_WRITE, 5, BUF_SECTORS + 1, 2, &m), -E_RANGE);
	CHECK_EQ(blk(S_A, BLK_WRITE, 0xFFFFFFFFu, 2, 2, &m), -E_RANGE);   /* lba + n wraps */
	CHECK_EQ(blk(S_A, BLK_ATTACH, 0, 0, 2, &m), -E_INVAL);             /* no cap with it */
	CHECK_EQ(blk(S_A, BLK_INFO + 0xFF, 0, 0, 2, &m), -E_INVAL);
	/* A buffer the driver could not write, or not a buffer at all. */
	CHECK_EQ(shbuf_share(&buf_a, S_SCRATCH, MEM_R), 0);
	CHECK_EQ(attach_cap(S_A, S_SCRATCH), -E_PERM);
	CHECK_EQ(sys_cap_copy(S_B, S_SCRATCH), 0);
	CHECK_EQ(attach_cap(S_A, S_SCRATCH), -E_TYPE);
	/* A write that runs past the end is refused whole: the disk keeps the old sector. */
	pattern(want, sectors - 1, 1);
	CHECK_EQ(write_sector(S_A, sectors - 1, want), 0);
	pattern(other, sectors - 1, 2);
	memcpy(buf_a.va, other, SECTOR);
	CHECK_EQ(blk(S_A, BLK_WRITE, sectors - 1, 2, 2, &m), -E_RANGE);
	CHECK_EQ(read_sector(S_A, sectors - 1, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	/* The refused attaches left A's buffer as it was. */
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.errors, 0);       /* none of that reached the drive */
	return 0;
}

int t_ata_bad_requests(void)
{
	return with_ata("", primary, 14, bad_requests_body);
}

/* A and B fill their buffers, then write in turn; each lands in its writer's sector only. */
static int interleave(unsigned lba_a, unsigned lba_b)
{
	struct ipc_msg m;
	pattern(want, lba_a, BADGE_A);
	pattern(other, lba_b, BADGE_B);
	memcpy(buf_a.va, want, SECTOR);
	memcpy(buf_b.va, other, SECTOR);
	CHECK_EQ(blk(S_A, BLK_WRITE, lba_a, 1, 2, &m), 0);
	CHECK(memcmp(buf_b.va, other, SECTOR) == 0);
	CHECK_EQ(blk(S_B, BLK_WRITE, lba_b, 1, 2, &m), 0);
	CHECK(memcmp(buf_a.va, want, SECTOR) == 0);
	return 0;
}

static int two_clients_body(void)
{
	CHECK_EQ(interleave(10, 11), 0);
	CHECK_EQ(read_sector(S_A, 10, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	CHECK_EQ(read_sector(S_B, 11, got), 0);
	CHECK(memcmp(got, other, SECTOR) == 0);
	/* A's read went into A's buffer only. */
	CHECK_EQ(read_sector(S_A, 10, got), 0);
	CHECK(memcmp(buf_b.va, other, SECTOR) == 0);
	/* The same sector: B's write comes last, so B's sector is what stays, whole. */
	CHECK_EQ(interleave(12, 12), 0);
	CHECK_EQ(read_sector(S_A, 12, got), 0);
	printf("# lba 12 after A and B: checksum 0x%08x (A 0x%08x, B 0x%08x)\n", checksum(got),
	       checksum(want), checksum(other));
	CHECK(memcmp(got, other, SECTOR) == 0);
	return 0;
}

int t_ata_two_clients_dont_mix(void)
{
	return with_ata("", primary, 14, two_clients_body);
}

/* 16 sectors in one request each way: a disk command per sector, one flush, no copies between. */
static int many_body(void)
{
	struct blk_stats s0, s1;
	for (unsigned i = 0; i < BUF_SECTORS; i++)
		pattern(many + i * SECTOR, 200 + i, 5);
	CHECK_EQ(blk_stats(&s0), 0);
	CHECK_EQ(write_sectors(S_A, 200, BUF_SECTORS, many), 0);
	memset(buf_a.va, 0, BUF_SECTORS * SECTOR);
	CHECK_EQ(read_sectors(S_A, 200, BUF_SECTORS, many_got), 0);
	CHECK_EQ(blk_stats(&s1), 0);
	CHECK(memcmp(many, many_got, sizeof(many)) == 0);
	CHECK_EQ(s1.commands - s0.commands, BUF_SECTORS + 1 + BUF_SECTORS);
	CHECK_EQ(s1.errors, 0);
	/* B's buffer saw none of it. */
	CHECK(memcmp(buf_b.va, many, SECTOR) != 0);
	return 0;
}

int t_ata_many_sectors_one_request(void)
{
	return with_ata("", primary, 14, many_body);
}

/* Given a line the drive never raises, the driver falls back to polling. */
static int polling_body(void)
{
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), 0);
	pattern(want, 2, 3);
	CHECK_EQ(write_sector(S_A, 2, want), 0);
	CHECK_EQ(read_sector(S_A, 3, got), 0);      /* another sector, so 2 comes from the disk */
	CHECK_EQ(read_sector(S_A, 2, got), 0);
	CHECK(memcmp(got, want, SECTOR) == 0);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.irqs, 0);
	CHECK_EQ(s.polled, s.commands);
	CHECK_EQ(s.errors, 0);
	return 0;
}

int t_ata_polls_without_interrupt(void)
{
	return with_ata("", primary, 5, polling_body);
}

/* No drive: every request fails with E_NOENT, promptly. */
static int absent_body(void)
{
	struct ipc_msg m;
	unsigned sectors;
	struct blk_stats s;
	CHECK_EQ(blk_info(S_A, &sectors), -E_NOENT);
	CHECK_EQ(blk(S_A, BLK_READ, 0, 1, 2, &m), -E_NOENT);
	CHECK_EQ(write_sector(S_B, 0, want), -E_NOENT);
	CHECK_EQ(write_sectors(S_B, 0, BUF_SECTORS, zero), -E_NOENT);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.errors, 0);
	return 0;
}

static int absent_case(const char *what, const char *args, const struct ioports *ports, unsigned line)
{
	unsigned t0 = (unsigned)sys_uptime();
	int r = with_ata(args, ports, line, absent_body);
	unsigned ticks = (unsigned)sys_uptime() - t0;
	printf("# %s: %s in %u ticks\n", what, r ? "FAILED" : "every request refused", ticks);
	/* The driver's own limit is 5 s per reset and 3 s per command. */
	CHECK(ticks < 10 * TIMER_HZ);
	return r;
}

/* A control port where nothing answers: the drive seems busy forever after its reset. */
static const struct ioports stuck_busy[] = { { 0x1F0, 8, IOR_ALL }, { 0x36E, 1, IOR_ALL } };

int t_ata_absent_devices(void)
{
	CHECK_EQ(absent_case("no controller at 0x168 (floating bus)", "", no_channel, 10), 0);
	CHECK_EQ(absent_case("primary slave (not attached)", "slave", primary, 14), 0);
	CHECK_EQ(absent_case("secondary master (QEMU's CD-ROM)", "", secondary, 15), 0);
	CHECK_EQ(absent_case("alternate status stuck at 0xff (busy)", "", stuck_busy, 14), 0);
	return 0;
}

/* ---- DMA (docs/dma.md): the same service, the data moved by the bus master ---- */

/*
 * A's buffer is a DmaBuffer (the drive reaches it directly), B's a Frame
 * (through the driver's bounce buffer and a copy): a whole buffer written
 * through one and read back through the other, both ways, every command
 * by DMA.
 */
/* A whole buffer of pattern `who` written at lba through client wr, read back through rd. */
static int across(unsigned wr, unsigned rd, unsigned lba, unsigned who)
{
	static uint8_t w[BUF_SECTORS * SECTOR], g[BUF_SECTORS * SECTOR];
	for (unsigned i = 0; i < BUF_SECTORS; i++)
		pattern(w + i * SECTOR, lba + i, who);
	CHECK_EQ(write_sectors(wr, lba, BUF_SECTORS, w), 0);
	memset(buf_of(rd)->va, 0, BUF_SECTORS * SECTOR);
	CHECK_EQ(read_sectors(rd, lba, BUF_SECTORS, g), 0);
	CHECK(memcmp(g, w, sizeof(w)) == 0);
	return 0;
}

static int dma_body(void)
{
	struct blk_stats s0, s1;
	CHECK_EQ(blk_stats(&s0), 0);
	CHECK_EQ(across(S_A, S_B, 300, 21), 0);
	CHECK_EQ(across(S_B, S_A, 300, 22), 0);
	CHECK_EQ(blk_stats(&s1), 0);
	CHECK_EQ(s1.dma - s0.dma, 4);                    /* two writes and two reads, one command each */
	CHECK_EQ(s1.commands - s0.commands, 6);          /* and a flush after each write */
	CHECK_EQ(s1.errors, 0);
	return 0;
}

int t_ata_dma_round_trip(void)
{
	int tid = ata_start_with("", primary, 14, 1);
	CHECK(tid > 0);
	int r = dma_body();
	ata_stop(tid);
	return r;
}

/* Without a DmaChan the driver moves every sector by PIO, as before DMA existed. */
static int pio_body(void)
{
	static uint8_t w[SECTOR * 2], g[SECTOR * 2];
	struct blk_stats s;
	pattern(w, 310, 23);
	pattern(w + SECTOR, 311, 23);
	CHECK_EQ(write_sectors(S_A, 310, 2, w), 0);
	CHECK_EQ(read_sectors(S_B, 310, 2, g), 0);
	CHECK(memcmp(g, w, sizeof(w)) == 0);
	CHECK_EQ(blk_stats(&s), 0);
	CHECK_EQ(s.dma, 0);
	CHECK(s.commands > 0);
	return 0;
}

int t_ata_pio_without_dma_chan(void)
{
	return with_ata("", primary, 14, pio_body);
}
