/*
 * disk.c - the disk figures (docs/bench.md, "Disk"): bench starts its own
 * ATA driver on the primary master (build/disk.img) with the channel's
 * ports and line 14, as init does, and is its one client.  One operation
 * reads or writes `n` sectors (1, 8, 64: 0.5, 4 and 32 KiB) at the next
 * place of a region no test uses, so every sector comes from the disk, not
 * from the driver's one-sector cache.  A figure is the cost per KiB (the
 * operation's cost * 2 / n), so the sizes can be compared; bench also
 * prints the rate in KiB/s against the timer (TIMER_HZ ticks of c->tick
 * TSC units a second; under tcg-icount a second of virtual time).
 *
 * The driver's protocol (user/lib/proto.h): the data moves through a
 * shared buffer (user/lib/shbuf.h) of 64 sectors that bench makes from its
 * Untyped and attaches once; a request is one IPC call naming the sectors.
 *
 * Each figure twice (issue 15, docs/dma.md): ata_* with a driver that has
 * no DmaChan, so it moves every sector by PIO, and ata_dma_* with one
 * that has the primary bus master (DMA_IDE0 minted from bench's
 * BENCH_SLOT_DMA) and a DmaBuffer as the shared buffer, so each request
 * is one READ DMA or WRITE DMA straight into it.
 * (Before issue 13 each sector moved as 16 messages of 32 bytes: the
 * figures of both are in docs/bench.md.)
 */
#include "user/bench/disk.h"
#include "user/bench/ports.h"
#include "user/lib/ipc.h"
#include "user/lib/proto.h"
#include "user/lib/shbuf.h"
#include "user/lib/slots.h"
#include "user/lib/ulib.h"

#define SLOT_EP      16     /* the driver's endpoint: bench's send cap */
#define SLOT_SCRATCH 17
#define SLOT_BUF     18     /* the shared buffer's Frame */
#define DRIVER_PAGES 4      /* the driver's Untyped: the page table its buffers are mapped with */
#define DMA_DRIVER_PAGES 24 /* ... and with DMA its bounce buffer (16 pages) */
#define SECTOR       512
#define BUF_SECTORS  64
#define REGION_FIRST 4096   /* sectors [4096, 4096 + 3072): the tests use the first few hundred */
#define REGION_SIZE  3072

static unsigned op_sectors;      /* sectors per operation */
static unsigned next_lba;
static unsigned failures;
static struct shbuf buf;

/* n sectors in a row of the region, wrapping at its end. */
static unsigned take_lbas(unsigned n)
{
	if (next_lba + n > REGION_SIZE)
		next_lba = 0;
	unsigned lba = REGION_FIRST + next_lba;
	next_lba += n;
	return lba;
}

static long call(unsigned label, unsigned w0, unsigned w1, unsigned words, struct ipc_msg *m)
{
	m->tag = IPC_TAG(label, words, 0);
	m->w0 = w0;
	m->w1 = w1;
	long r = ipc_call(SLOT_EP, m);
	return r < 0 ? r : -(long)IPC_TAG_LABEL(m->tag);
}

static void op_read(void)
{
	struct ipc_msg m;
	if (call(BLK_READ, take_lbas(op_sectors), op_sectors, 2, &m))
		failures++;
}

static void op_write(void)
{
	struct ipc_msg m;
	if (call(BLK_WRITE, take_lbas(op_sectors), op_sectors, 2, &m))
		failures++;
}

/* Starts ata with the primary channel and line 14, and with dma its bus master; its tid, or -E_x. */
static int start_driver(int dma)
{
	static const struct ioports ports[] = { { 0x1F0, 8, IOR_ALL }, { 0x3F6, 1, IOR_ALL } };
	int tid = spawn_flags("ata", "", SPAWN_SUSPENDED);
	long r = tid < 0 ? tid : 0;
	for (unsigned i = 0; !r && i < 2; i++) {
		r = cap_derive(BENCH_SLOT_ALL, SLOT_SCRATCH, ports[i].base, ports[i].count, ports[i].rights);
		if (!r)
			r = sys_cap_transfer(SLOT_SCRATCH, tid, SLOT_PORTS(i));
	}
	if (!r && dma && !(r = sys_cap_mint(BENCH_SLOT_DMA, SLOT_SCRATCH, DMA_IDE0, 0)))
		r = sys_cap_transfer(SLOT_SCRATCH, tid, SLOT_DMA);
	if (!r)
		r = sys_mem_retype(ROOT_SLOT_UNTYPED, SLOT_SCRATCH, MEM_UNTYPED, dma ? DMA_DRIVER_PAGES : DRIVER_PAGES);
	if (!r)
		r = sys_cap_transfer(SLOT_SCRATCH, tid, SLOT_UNTYPED);
	if (!r)
		r = sys_cap_mint(BENCH_SLOT_IRQ, SLOT_SCRATCH, 1u << 14, 0);
	if (!r)
		r = sys_cap_transfer(SLOT_SCRATCH, tid, SLOT_IRQ(0));
	if (!r)
		r = sys_ep_create(SLOT_SCRATCH);
	if (!r)
		r = sys_cap_mint(SLOT_SCRATCH, SLOT_EP, 1, EPR_SEND | EPR_GRANT);
	if (!r)
		r = sys_cap_transfer(SLOT_SCRATCH, tid, SLOT_SERVICE);
	if (!r)
		r = sys_resume(tid);
	if (r) {
		printf("bench: cannot start the ATA driver: %s\n", strerror(r));
		if (tid > 0)
			sys_kill(tid);
		sys_cap_delete(SLOT_SCRATCH);
		return (int)r;
	}
	return tid;
}

/* One figure: op on n-sector requests, printed per KiB, and its rate. */
static int figure(const struct bench_cfg *c, const char *name, bench_op op, unsigned n)
{
	struct bench_stats s;
	op_sectors = n;
	failures = 0;
	bench_measure(c, op, 1, &s);
	if (failures) {
		printf("bench: %s: %u requests failed\n", name, failures);
		return 0;
	}
	/* Per KiB: n sectors are n / 2 KiB.  The slowest batch is the lowest rate. */
	struct bench_stats k = { s.median * 2 / n, s.min * 2 / n, s.max * 2 / n, s.n };
	bench_print(c, name, &k);
	uint64_t per_sec = (uint64_t)c->tick * TIMER_HZ;
	if (k.median && k.max)
		printf("bench: rate %s accel=%s KiB/s median=%u min=%u max=%u\n", name, c->accel,
		       (unsigned)(per_sec / k.median), (unsigned)(per_sec / k.max),
		       (unsigned)(per_sec / (k.min ? k.min : 1)));
	return 1;
}

/* The figures of one driver: PIO (dma 0) or DMA. */
static int disk_run(const struct bench_cfg *c, int dma)
{
	static const struct { const char *read, *write; unsigned n; } sizes[2][3] = {
		{ { "ata_read_kib_512", "ata_write_kib_512", 1 },
		  { "ata_read_kib_4k", "ata_write_kib_4k", 8 },
		  { "ata_read_kib_32k", "ata_write_kib_32k", 64 } },
		{ { "ata_dma_read_kib_512", "ata_dma_write_kib_512", 1 },
		  { "ata_dma_read_kib_4k", "ata_dma_write_kib_4k", 8 },
		  { "ata_dma_read_kib_32k", "ata_dma_write_kib_32k", 64 } },
	};
	struct exitinfo e;
	struct ipc_msg m;
	int tid = start_driver(dma);
	if (tid < 0)
		return 0;
	int ok = call(BLK_INFO, 0, 0, 2, &m) == 0 && m.w0 >= REGION_FIRST + REGION_SIZE;
	if (!ok)
		printf("bench: the disk is missing or smaller than %u sectors\n", REGION_FIRST + REGION_SIZE);
	long r = shbuf_create_as(&buf, ROOT_SLOT_UNTYPED, SLOT_BUF, BUF_SECTORS * SECTOR / 4096,
				 dma ? MEM_DMABUF : MEM_FRAME);
	if (!r) {
		m = ipc_msg(BLK_ATTACH, 0, 0);
		r = shbuf_call(&buf, SLOT_SCRATCH, MEM_R | MEM_W, SLOT_EP, &m);
		r = r ? r : -(long)IPC_TAG_LABEL(m.tag);
	}
	if (ok && r) {
		printf("bench: cannot share a buffer with the driver: %s\n", strerror(r));
		ok = 0;
	}
	for (unsigned i = 0; ok && i < BUF_SECTORS * SECTOR; i++)
		((uint8_t *)buf.va)[i] = (uint8_t)(i * 7 + 3);
	for (unsigned i = 0; ok && i < ARRAY_SIZE(sizes[0]); i++)
		ok = figure(c, sizes[dma][i].write, op_write, sizes[dma][i].n) &&
		     figure(c, sizes[dma][i].read, op_read, sizes[dma][i].n);
	/* Every request of the DMA figures went by DMA: the driver counts them (BLK_STATS). */
	if (ok && dma && (call(BLK_STATS, 0, 0, 2, &m) || utcb()->mr[6] == 0 || utcb()->mr[4] != 0)) {
		printf("bench: the DMA figures' driver moved nothing by DMA, or failed\n");
		ok = 0;
	}
	sys_kill(tid);
	sys_wait(tid, &e);
	sys_cap_delete(SLOT_EP);
	if (buf.va)
		shbuf_destroy(&buf);
	buf = (struct shbuf){ 0 };
	return ok;
}

int disk_figures(const struct bench_cfg *c)
{
	struct capinfo ci;
	if (!disk_run(c, 0))
		return 0;
	if (sys_cap_info(BENCH_SLOT_DMA, &ci) || ci.type != CAPT_DMACHAN || !(ci.base & DMA_IDE0)) {
		printf("bench: no IDE bus master: no DMA figures\n");
		return 0;
	}
	return disk_run(c, 1);
}
